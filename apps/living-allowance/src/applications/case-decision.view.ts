import { renderDecision } from '../assessment/domain/render-decision';
import { StoredDecision } from './case-decision.repository';
import { ExplainedDecision } from './case-decisions.use-case';

/** A decision as the case shows its current one: what was decided, when and why, without the explanation (the case's `assessment` is it). */
export function toDecisionSummary(d: StoredDecision) {
  return {
    id: d.id,
    trigger: d.trigger,
    current: d.current,
    decidedOn: d.decidedOn,
    effectiveOn: d.effectiveOn,
    fromMonth: d.fromMonth,
    outcome: d.outcome,
    granted: d.granted,
    monthlyBenefitFen: d.monthlyBenefitFen,
    reasonCode: d.reasonCode,
    facts: d.facts,
    parameterVersions: d.parameterVersions,
    explanationRederived: d.compact,
    decidedBy: d.decidedBy,
    recordedAt: d.recordedAt,
  };
}

/** A decision in full (GET /applications/:id/decisions): the summary and its assessment in words. */
export function toDecisionView(d: ExplainedDecision) {
  return { ...toDecisionSummary(d), assessment: renderDecision(d.assessment) };
}

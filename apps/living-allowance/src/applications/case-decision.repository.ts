import { EntityManager } from 'typeorm';
import { LocalDate } from '@jiuzhu/common';
import { Decision, Outcome } from '../assessment/domain/decision';
import { Household } from '../assessment/domain/household';
import { CaseDecision, DecisionTrigger } from './domain/case-decision';
import { CaseDecisionRecord } from './case-decision.entity';

/** A decision as it was kept, for reading. */
export interface StoredDecision {
  id: number;
  applicationId: string;
  trigger: DecisionTrigger;
  /** The trigger's own facts (DecisionFacts without `trigger`), as stored. */
  facts: Record<string, unknown>;
  decidedOn: LocalDate;
  effectiveOn: LocalDate;
  fromMonth: string | null;
  outcome: Outcome;
  granted: 'dibao' | 'low_income' | null;
  monthlyBenefitFen: number | null;
  reasonCode: string | null;
  parameterVersions: Record<string, string>;
  /** A re-decision under a new standard kept without its explanation, which is re-derived from `householdToRederive`. */
  compact: boolean;
  /** The assessment with its explanation; null when compact, or when not read (`summary`). */
  assessment: Decision | null;
  /**
   * For a compact re-decision only: the facts it re-decided (its basis decision's household; the
   * case's own for a case paid without any decision on record, e.g. imported, whose household then
   * never changed, since only a decision changes it).
   */
  householdToRederive: Household | null;
  decidedBy: string;
  recordedAt: string;
  /** The case's current decision. */
  current: boolean;
}

interface StoredDecisionSqlRow {
  id: string;
  application_id: string;
  trigger: DecisionTrigger;
  facts: Record<string, unknown>;
  decided_on: string;
  effective_on: string;
  from_month: string | null;
  outcome: Outcome;
  granted: 'dibao' | 'low_income' | null;
  monthly_benefit_fen: string | null;
  reason_code: string | null;
  parameter_versions: Record<string, string>;
  compact: boolean;
  assessment: Decision | null;
  household_to_rederive: Household | null;
  decided_by: string;
  recorded_at: Date;
  current: boolean;
}

const selectDecisions = (withAssessment: boolean) => `
  SELECT d.id, d.application_id, d.trigger, d.facts, to_char(d.decided_on, 'YYYY-MM-DD') AS decided_on, to_char(d.effective_on, 'YYYY-MM-DD') AS effective_on,
         d.from_month, d.outcome, d.granted, d.monthly_benefit_fen, d.reason_code, d.parameter_versions,
         d.assessment IS NULL AS compact, ${withAssessment ? 'd.assessment' : 'NULL::jsonb AS assessment'},
         CASE WHEN d.assessment IS NULL THEN COALESCE(b.household, a.household) END AS household_to_rederive,
         d.decided_by, d.recorded_at, d.id = a.current_decision_id AS current
    FROM case_decisions d
    JOIN applications a ON a.id = d.application_id
    LEFT JOIN case_decisions b ON b.id = d.basis_decision_id`;

/**
 * A case's decisions (`case_decisions`): appended one by one as officers decide, or a batch at a
 * time by a reassessment run (that statement sits with the case update in
 * `ApplicationRepository.saveRedecisions`). Read newest first: by the day made, then the order kept.
 */
export class CaseDecisionRepository {
  /** Keeps a case's new decisions; returns the id of the last one, the case's current decision. */
  async record(m: EntityManager, applicationId: string, decisions: readonly CaseDecision[]): Promise<number> {
    const inserted = await m.getRepository(CaseDecisionRecord).insert(
      decisions.map(({ facts: { trigger, ...facts }, ...d }) => ({
        applicationId,
        trigger,
        decidedOn: d.decidedOn,
        effectiveOn: d.effectiveOn,
        fromMonth: d.fromMonth,
        outcome: d.outcome,
        granted: d.granted,
        monthlyBenefitFen: d.monthlyBenefitFen,
        reasonCode: d.reasonCode,
        facts,
        parameterVersions: { ...d.parameterVersions },
        assessment: d.assessment,
        household: d.household,
        basisDecisionId: null,
        decidedBy: d.decidedBy,
        recordedAt: new Date(d.at),
      })),
    );
    return Number(inserted.identifiers[inserted.identifiers.length - 1].id);
  }

  async count(m: EntityManager, applicationId: string): Promise<number> {
    return m.getRepository(CaseDecisionRecord).countBy({ applicationId });
  }

  /** Newest first. */
  async list(m: EntityManager, applicationId: string, page: { limit: number; offset: number }): Promise<StoredDecision[]> {
    const rows: StoredDecisionSqlRow[] = await m.query(`${selectDecisions(true)} WHERE d.application_id = $1 ORDER BY d.decided_on DESC, d.id DESC LIMIT $2 OFFSET $3`, [
      applicationId,
      page.limit,
      page.offset,
    ]);
    return rows.map(toStored);
  }

  /** The decision in force on a day: the latest made on or before it (see CaseDecision). */
  async inForceOn(m: EntityManager, applicationId: string, on: LocalDate): Promise<StoredDecision | undefined> {
    const rows: StoredDecisionSqlRow[] = await m.query(`${selectDecisions(true)} WHERE d.application_id = $1 AND d.decided_on <= $2 ORDER BY d.decided_on DESC, d.id DESC LIMIT 1`, [applicationId, on]);
    return rows.map(toStored)[0];
  }

  /** One decision, without its assessment document (the case carries the current one's, unless it is compact). */
  async summary(m: EntityManager, id: number): Promise<StoredDecision | undefined> {
    const rows: StoredDecisionSqlRow[] = await m.query(`${selectDecisions(false)} WHERE d.id = $1`, [id]);
    return rows.map(toStored)[0];
  }
}

function toStored(r: StoredDecisionSqlRow): StoredDecision {
  return {
    id: Number(r.id),
    applicationId: r.application_id,
    trigger: r.trigger,
    facts: r.facts,
    decidedOn: r.decided_on,
    effectiveOn: r.effective_on,
    fromMonth: r.from_month,
    outcome: r.outcome,
    granted: r.granted,
    monthlyBenefitFen: r.monthly_benefit_fen === null ? null : Number(r.monthly_benefit_fen),
    reasonCode: r.reason_code,
    parameterVersions: r.parameter_versions,
    compact: r.compact,
    assessment: r.assessment,
    householdToRederive: r.household_to_rederive,
    decidedBy: r.decided_by,
    recordedAt: r.recorded_at.toISOString(),
    current: r.current,
  };
}

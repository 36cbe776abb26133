import { ApiProperty } from '@nestjs/swagger';
import { PARAMETER_VERSIONS_DOC } from '@jiuzhu/common/http';
import { DecisionViewDoc } from '../assessment/decision-view.doc';
import { toDecisionView } from './case-decision.view';

/** The OpenAPI schema of a kept decision (`toDecisionView`); documentation only, checked against the view below. */
export class CaseDecisionDoc {
  @ApiProperty({ example: 12 }) id!: number;
  @ApiProperty({
    example: 'new_standard',
    description:
      'what made the decision: `application` (the application confirmed or refused, on the assessment fixed at submission), `periodic_review` (复核), `change_review` (变更申报/临时复核: a review opened on a reported change), `new_standard` (标准调整: a reassessment run); the list is open — new kinds of decision add their own',
  })
  trigger!: string;
  @ApiProperty({ description: "the case's current decision" }) current!: boolean;
  @ApiProperty({ example: '2026-03-15', description: 'the day it was made (Asia/Shanghai); the decision in force on a day is the latest made on or before it' }) decidedOn!: string;
  @ApiProperty({ example: '2026-01-01', description: "the legal date it was decided for: its own day, or a new standard's effective date" }) effectiveOn!: string;
  @ApiProperty({ example: '2026-02', nullable: true, type: String, description: 'first month paid under it (nothing, after an end); null when it changes nothing paid' }) fromMonth!: string | null;
  @ApiProperty({ enum: ['dibao', 'low_income', 'ineligible'], description: 'what the assessment found for the household' }) outcome!: string;
  @ApiProperty({ enum: ['dibao', 'low_income'], nullable: true, description: 'what the decision grants the case; null for a refusal or an end' }) granted!: string | null;
  @ApiProperty({ nullable: true, type: Number, description: 'fen a month paid under it' }) monthlyBenefitFen!: number | null;
  @ApiProperty({ nullable: true, type: String, example: 'NEW_STANDARD', description: 'refusal reason, review outcome (`REVIEW.ADJUST`…), `NEW_STANDARD`' }) reasonCode!: string | null;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: "the trigger's own facts: `{level}` of a confirmation, `{outcome}` of a review (and `{reportedOn, openedOn}` of a change review), `{runId, standardVersionId, previousMonthlyFen}` of a new standard; `backfilled: true` when reconstructed from history by the migration",
  })
  facts!: Record<string, unknown>;
  @ApiProperty({ ...PARAMETER_VERSIONS_DOC, description: 'the parameter versions it used' }) parameterVersions!: Record<string, string>;
  @ApiProperty({ description: 'true for a re-decision under a new standard, stored without its explanation: the explanation shown is the assessment re-run on its facts with exactly these parameter versions' })
  explanationRederived!: boolean;
  @ApiProperty({ description: 'staff id, or the reassessment run' }) decidedBy!: string;
  @ApiProperty({ description: 'when it was recorded (instant)' }) recordedAt!: string;
  @ApiProperty({ type: DecisionViewDoc, description: 'the assessment decided on: amounts, rules and the explanation line by line' }) assessment!: DecisionViewDoc;
}

// The schema names every field of the answer, and nothing else.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const _inStep: Same<keyof CaseDecisionDoc, keyof ReturnType<typeof toDecisionView>> = true;
void _inStep;

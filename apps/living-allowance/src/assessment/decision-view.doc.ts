import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { LocalizedTextDoc, PARAMETER_VERSIONS_DOC, RuleOutcomeDoc } from '@jiuzhu/common/http';
import { DecisionView } from './domain/decision';

/**
 * The OpenAPI schema of a decision in words (`DecisionView`, from `renderDecision`): what the trial
 * assessment answers and what a case's decisions carry. Documentation only — the answer itself is
 * built by `renderDecision`, which lists the same fields; the type check at the end keeps the two in step.
 */
class TopUpDoc {
  @ApiProperty({ description: 'position of the member in the household (0-based)' }) memberIndex!: number;
  @ApiProperty({ example: 'TOP_UP.AGED_70' }) code!: string;
  @ApiProperty({ description: 'fen a month' }) amountFen!: number;
}

class OwnTopUpDoc {
  @ApiProperty({ example: 'TOP_UP.SEVERE_DISABILITY' }) code!: string;
  @ApiProperty({ description: 'fen a month' }) amountFen!: number;
}

class SinglePersonInclusionDoc {
  @ApiProperty() memberIndex!: number;
  @ApiProperty({ enum: ['SINGLE_PERSON.SEVERE_DISABILITY', 'SINGLE_PERSON.INTELLECTUAL_OR_MENTAL_DISABILITY', 'SINGLE_PERSON.SERIOUS_ILLNESS'] }) reason!: string;
  @ApiProperty({ description: 'the share of the standard the person receives, before top-ups' }) baseBenefitFen!: number;
  @ApiProperty({ type: [OwnTopUpDoc] }) topUps!: OwnTopUpDoc[];
  @ApiProperty() monthlyBenefitFen!: number;
}

class ExplanationLineDoc {
  @ApiProperty({ example: 'benefit.gap', description: 'stable step id' }) step!: string;
  @ApiProperty({ type: LocalizedTextDoc }) text!: LocalizedTextDoc;
  @ApiPropertyOptional({ description: 'the amount the line arrives at, in fen' }) amountFen?: number;
}

export class DecisionViewDoc {
  @ApiProperty({ enum: ['dibao', 'low_income', 'ineligible'] }) outcome!: string;
  @ApiProperty({ example: '2026-03-01', description: 'the date assessed for (Asia/Shanghai)' }) assessedOn!: string;
  @ApiProperty({ example: '640202' }) districtCode!: string;
  @ApiProperty({ enum: ['urban', 'rural'] }) area!: string;
  @ApiProperty() householdSize!: number;
  @ApiProperty({ description: 'household income counted, fen a month' }) countedIncomeFen!: number;
  @ApiProperty({ description: 'household income not counted (excluded kinds), fen a month' }) excludedIncomeFen!: number;
  @ApiProperty({ description: 'deductions allowed after caps, fen a month' }) deductionsFen!: number;
  @ApiProperty({ description: 'counted income minus deductions, never below 0, fen a month' }) netIncomeFen!: number;
  @ApiProperty({ description: 'net income ÷ household size, rounded half up for display (comparisons use exact totals)' }) perCapitaIncomeFen!: number;
  @ApiProperty({ description: 'dibao standard, fen per person a month' }) standardFen!: number;
  @ApiProperty({ description: 'PER PERSON: householdGapFen ÷ household size, rounded half up, for display only; 0 unless dibao', example: 43000 })
  gapPerPersonFen!: number;
  @ApiProperty({ description: 'FOR THE HOUSEHOLD: standard × household size − net income, the explanation\'s "Gap =" line and what the benefit starts from; 0 unless dibao', example: 129000 })
  householdGapFen!: number;
  @ApiProperty({ description: '0 unless dibao; then every household member' }) peopleCovered!: number;
  @ApiProperty({ description: 'the household gap, or the floor when higher; 0 unless dibao' }) baseBenefitFen!: number;
  @ApiProperty({ type: [TopUpDoc] }) topUps!: TopUpDoc[];
  @ApiProperty({ description: 'base benefit plus top-ups, fen a month; 0 unless dibao' }) monthlyBenefitFen!: number;
  @ApiProperty({ type: [SinglePersonInclusionDoc], description: 'low-income households only' }) singlePersonInclusions!: SinglePersonInclusionDoc[];
  @ApiProperty({ type: [RuleOutcomeDoc], description: 'every rule applied, passed or not' }) rules!: RuleOutcomeDoc[];
  @ApiProperty({ type: [RuleOutcomeDoc], description: 'the rules that decided the outcome' }) reasons!: RuleOutcomeDoc[];
  @ApiProperty({ type: [ExplanationLineDoc], description: 'the worked calculation, line by line' }) explanation!: ExplanationLineDoc[];
  @ApiProperty({ ...PARAMETER_VERSIONS_DOC, description: '`key` or `key/scope` → versionId of every parameter version used', example: { 'dibao.standard/640202/urban': 'dibao.standard/640202/urban@2025-01-01' } })
  parameterVersions!: Record<string, string>;
}

// The schema names every field of the answer, and nothing else (a renamed field fails to compile here).
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const _inStep: Same<keyof DecisionViewDoc, keyof DecisionView> = true;
void _inStep;

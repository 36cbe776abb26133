import { ApiProperty } from '@nestjs/swagger';

/** The OpenAPI schemas of reassessment runs and the what-if; the controller is typed to return them. */

class TotalsDoc {
  @ApiProperty({ description: 'paying cases re-decided' }) examined!: number;
  @ApiProperty() changed!: number;
  @ApiProperty() increased!: number;
  @ApiProperty() decreased!: number;
  @ApiProperty({ description: 'cases the new standard takes out of dibao (their review is brought forward)' }) leavingDibao!: number;
  @ApiProperty({ description: 'change of the monthly budget, fen' }) monthlyBudgetDeltaFen!: number;
  @ApiProperty({ description: 'settlement of months already paid, fen' }) settlementFen!: number;
}

export class ReassessmentRunDoc extends TotalsDoc {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: '640202' }) districtCode!: string;
  @ApiProperty({ enum: ['urban', 'rural'] }) area!: 'urban' | 'rural';
  @ApiProperty({ description: 'the dibao.standard version that opened the run' }) standardVersionId!: string;
  @ApiProperty({ format: 'date', description: 'the new standard’s effective date: every case is re-decided for it' }) validFrom!: string;
  @ApiProperty({ enum: ['pending', 'running', 'completed', 'failed', 'cancelled'] }) status!: 'pending' | 'running' | 'completed' | 'failed' | 'cancelled';
  @ApiProperty({ nullable: true, type: String, description: 'the last case of the last committed batch (a retry resumes after it)' }) cursorCaseId!: string | null;
  @ApiProperty({ description: 'cases the assessment could not decide (left as they were)' }) failed!: number;
  @ApiProperty({ description: 'failed attempts since the last committed batch (parked as failed after 5)' }) attempts!: number;
  @ApiProperty({ nullable: true, type: String }) lastError!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) failedAt!: string | null;
  @ApiProperty() requestedBy!: string;
  @ApiProperty({ format: 'date-time' }) requestedAt!: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) startedAt!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) completedAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) retriedBy!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) retriedAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) cancelledBy!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) cancelledAt!: string | null;
}

export class ReassessmentRunsDoc {
  @ApiProperty({ type: [ReassessmentRunDoc] }) items!: ReassessmentRunDoc[];
}

class LowIncomeEffectDoc {
  @ApiProperty() examined!: number;
  @ApiProperty({ description: 'would qualify for dibao (they would have to apply)' }) enteringDibao!: number;
  @ApiProperty({ description: 'would leave the low-income band' }) leavingBand!: number;
  @ApiProperty() stayingInBand!: number;
}

class WhatIfDistrictDoc {
  @ApiProperty() districtCode!: string;
  @ApiProperty({ enum: ['urban', 'rural'] }) area!: string;
  @ApiProperty({ nullable: true, type: Number, description: 'fen/month in force on validFrom' }) currentStandardFen!: number | null;
  @ApiProperty({ description: 'fen/month' }) proposedStandardFen!: number;
  @ApiProperty({ type: TotalsDoc }) payingCases!: TotalsDoc;
  @ApiProperty({ type: LowIncomeEffectDoc }) lowIncome!: LowIncomeEffectDoc;
}

export class WhatIfDoc {
  @ApiProperty({ format: 'date' }) validFrom!: string;
  @ApiProperty({ type: [WhatIfDistrictDoc] }) districts!: WhatIfDistrictDoc[];
}

import { ApiProperty } from '@nestjs/swagger';
import { type Actor, idNumberFor } from '@jiuzhu/auth';
import { renderDecision } from '../assessment/domain/render-decision';
import { ApplicationRow } from './application.repository';
import { toDecisionSummary } from './case-decision.view';
import { toConflictView } from '../hardship-conflicts/hardship-conflict.view';

/**
 * What the API returns for a case, to this viewer. Fields are listed one by one so a new column never
 * leaks. The members' resident ID numbers show in full to the officers who handle the case (they
 * check them against the card and the household register) and masked to everyone else, the city
 * auditor included (`640202********1234`: the least personal data the purpose needs, PIPL art. 6).
 * Which cases a viewer sees at all is their jurisdiction, applied in the query.
 */
export function toApplicationView(r: ApplicationRow, viewer: Pick<Actor, 'roles'>) {
  return {
    id: r.id,
    coverage: r.coverage,
    parentId: r.parentId,
    memberIndex: r.memberIndex,
    status: r.status,
    householdRef: r.householdRef,
    // Whose case it is (name, address, phone): the case view is the one place it is shown, to readers of the case's jurisdiction.
    contact: r.contact,
    districtCode: r.household.districtCode,
    area: r.household.area,
    household: {
      ...r.household,
      members: r.household.members.map((m) => ({ ...m, idNumber: idNumberFor(viewer, m.idNumber) })),
    },
    // Stored as data; worded here, so the case shows the same explanation as the trial assessment.
    assessment: r.assessment === null ? null : renderDecision(r.assessment),
    granted: r.granted,
    monthlyBenefitFen: r.monthlyBenefitFen,
    effectiveMonth: r.effectiveMonth,
    decidedOn: r.decidedOn,
    rejectionReason: r.rejectionReason,
    // Township review, notices and objections, extension, confirmation, refusal notice.
    process: r.process,
    dueOn: r.dueOn,
    // The step's limit and the whole process's, each with its due date, legal source and whether it is overdue.
    deadlines: r.deadlines ?? null,
    // The decision in force (every one is kept: GET /applications/:id/decisions); `assessment` is its assessment.
    currentDecision: r.currentDecision ? toDecisionSummary(r.currentDecision) : null,
    reviewDueOn: r.reviewDueOn,
    // A review opened on a reported change (变更申报), until it is decided.
    openReview: r.openReview,
    exitingUntil: r.exitingUntil,
    // Members supported as 特困 (hardship-registry), each with what an officer decided (GET /hardship-conflicts).
    hardshipConflicts: (r.hardshipConflicts ?? []).map(toConflictView),
    claimedBy: r.claimedBy,
    version: r.version,
    filedBy: r.filedBy,
    filedAt: r.filedAt,
    updatedBy: r.updatedBy,
    updatedAt: r.updatedAt,
  };
}

/** A case in a list: what an officer needs to pick it, not the household document (no names, no ID numbers). */
export class CaseListItem {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ['household', 'single_person'] }) coverage!: ApplicationRow['coverage'];
  @ApiProperty({ example: 'submitted' }) status!: ApplicationRow['status'];
  @ApiProperty({ example: '640202' }) districtCode!: string;
  @ApiProperty({ enum: ['urban', 'rural'] }) area!: string;
  @ApiProperty({ description: 'people the case covers' }) householdSize!: number;
  @ApiProperty({ nullable: true, type: String, description: 'the assessed outcome, once submitted', example: 'dibao' }) outcome!: string | null;
  @ApiProperty({ nullable: true, type: Number, description: 'monthly benefit in fen (decided, else assessed)' }) monthlyBenefitFen!: number | null;
  @ApiProperty({ description: 'staff id of the caseworker who filed it' }) filedBy!: string;
  @ApiProperty({ format: 'date-time' }) filedAt!: string;
  @ApiProperty() version!: number;
}

/** Queue rows carry what an officer needs to pick the next case, not the household document. */
export function toQueueItem(r: ApplicationRow): CaseListItem {
  // A single-person inclusion is a case of one, paid its own amount — not the household's figures.
  const inclusion = r.coverage === 'single_person' ? r.assessment?.singlePersonInclusions.find((i) => i.memberIndex === r.memberIndex) : undefined;
  return {
    id: r.id,
    coverage: r.coverage,
    status: r.status,
    districtCode: r.household.districtCode,
    area: r.household.area,
    householdSize: r.coverage === 'single_person' ? 1 : r.household.members.length,
    outcome: r.coverage === 'single_person' ? (inclusion ? 'dibao' : null) : (r.assessment?.outcome ?? null),
    monthlyBenefitFen: r.monthlyBenefitFen ?? (r.coverage === 'single_person' ? (inclusion?.monthlyBenefitFen ?? null) : (r.assessment?.monthlyBenefitFen ?? null)),
    filedBy: r.filedBy,
    filedAt: r.filedAt,
    version: r.version,
  };
}

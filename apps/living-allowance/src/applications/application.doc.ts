import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { HardshipConflictView } from '../hardship-conflicts/hardship-conflict.view';
import { LocalizedTextDoc } from '@jiuzhu/common/http';
import { DecisionViewDoc } from '../assessment/decision-view.doc';
import { HouseholdDto } from '../assessment/household.dto';
import { toApplicationView } from './application.view';
import { CaseDecisionDoc } from './case-decision.doc';
import { CASE_STATUSES } from './domain/case-status';

/**
 * The OpenAPI schema of a case (`toApplicationView`): what filing, every process step and
 * `GET /applications/:id` answer. Documentation only — the answer is built by `toApplicationView`;
 * the type check at the end keeps the two in step.
 */

class EconomicCheckDoc {
  @ApiProperty({ format: 'date', description: '入户调查' }) homeVisitOn!: string;
  @ApiProperty({ description: '邻里访问: neighbours or cadres interviewed' }) neighboursInterviewed!: number;
  @ApiProperty({ format: 'date', description: '信息核对: the day the data match came back' }) dataMatchedOn!: string;
  @ApiProperty() discrepanciesFound!: boolean;
  @ApiPropertyOptional() findings?: string;
}

class TownshipReviewDoc {
  @ApiProperty({ description: '1 for the first review, 2 after an objection sent it back' }) round!: number;
  @ApiProperty({ description: 'staff id of the township reviewer' }) by!: string;
  @ApiProperty({ format: 'date' }) on!: string;
  @ApiProperty({ type: EconomicCheckDoc }) check!: EconomicCheckDoc;
  @ApiProperty({ enum: ['approve', 'refuse'], description: '审核意见, publicly noticed' }) opinion!: string;
  @ApiPropertyOptional() reasonCode?: string;
  @ApiPropertyOptional() note?: string;
}

class ObjectionDoc {
  @ApiProperty({ format: 'date' }) receivedOn!: string;
  @ApiProperty() recordedBy!: string;
  @ApiProperty({ description: 'the objection in substance; who objected is not recorded' }) summary!: string;
}

class PublicNoticeDoc {
  @ApiProperty() round!: number;
  @ApiProperty({ format: 'date' }) startedOn!: string;
  @ApiProperty({ format: 'date', description: 'last day of the posting' }) endsOn!: string;
  @ApiPropertyOptional({ format: 'date' }) closedOn?: string;
  @ApiPropertyOptional({ type: ObjectionDoc }) objection?: ObjectionDoc;
}

class ExtensionDoc {
  @ApiProperty() by!: string;
  @ApiProperty({ format: 'date' }) on!: string;
  @ApiProperty({ description: '特殊情况' }) reason!: string;
  @ApiProperty({ description: 'working days added to the whole-process limit' }) workingDays!: number;
}

class ConfirmationDoc {
  @ApiProperty() by!: string;
  @ApiProperty({ format: 'date' }) on!: string;
  @ApiProperty({ enum: ['county', 'township'], description: 'township where the county delegated confirmation' }) level!: string;
}

class DeliveryDoc {
  @ApiProperty({ format: 'date' }) deliveredOn!: string;
  @ApiProperty({ enum: ['in_person', 'left_at_residence', 'post', 'electronic', 'entrusted'], description: '送达方式' }) method!: string;
  @ApiProperty() recordedBy!: string;
  @ApiProperty({ format: 'date' }) recordedOn!: string;
  @ApiProperty({ description: 'delivered after deliverBy (kept, not hidden)' }) late!: boolean;
}

class RefusalNoticeDoc {
  @ApiProperty({ example: 'INCOME_ABOVE_STANDARD' }) reasonCode!: string;
  @ApiPropertyOptional() note?: string;
  @ApiProperty({ format: 'date' }) refusedOn!: string;
  @ApiProperty({ format: 'date', description: 'the written notice must reach the household by this day (3 working days)' }) deliverBy!: string;
  @ApiProperty({ type: LocalizedTextDoc, description: 'administrative reconsideration or lawsuit' }) remedies!: LocalizedTextDoc;
  @ApiPropertyOptional({ type: DeliveryDoc, description: 'once the notice has reached the household' }) delivery?: DeliveryDoc;
}

class ContactDoc {
  @ApiProperty({ nullable: true, type: String, description: "the applicant's name (联系人/户主姓名); personal data: never in events or logs" }) name!: string | null;
  @ApiProperty({ nullable: true, type: String, description: '住址' }) address!: string | null;
  @ApiProperty({ nullable: true, type: String, description: '联系电话' }) phone!: string | null;
}

class ProcessDoc {
  @ApiProperty({ nullable: true, type: String, format: 'date' }) submittedOn!: string | null;
  @ApiProperty({ type: [TownshipReviewDoc] }) reviews!: TownshipReviewDoc[];
  @ApiProperty({ type: [PublicNoticeDoc] }) notices!: PublicNoticeDoc[];
  @ApiProperty({ nullable: true, type: ExtensionDoc }) extension!: ExtensionDoc | null;
  @ApiProperty({ nullable: true, type: ConfirmationDoc }) confirmation!: ConfirmationDoc | null;
  @ApiProperty({ nullable: true, type: RefusalNoticeDoc, description: '书面告知 of a refusal' }) refusalNotice!: RefusalNoticeDoc | null;
}

class DeadlineDoc {
  @ApiProperty({ example: 'county_confirmation' }) kind!: string;
  @ApiProperty({ format: 'date', description: 'the event day; it does not count (自次日起算)' }) startedOn!: string;
  @ApiProperty({ format: 'date', description: 'the last day on which the deadline is met' }) dueOn!: string;
  @ApiProperty({ enum: ['working_days', 'calendar_days'] }) unit!: string;
  @ApiProperty() length!: number;
  @ApiProperty() legalSource!: string;
  @ApiPropertyOptional({ description: 'the working-day calendar it was counted on' }) calendarId?: string;
  @ApiProperty() overdue!: boolean;
  @ApiPropertyOptional({ description: 'working days after today up to dueOn (working-day limits only)' }) workingDaysLeft?: number;
  @ApiPropertyOptional({ description: 'calendar days to dueOn (the public notice only)' }) daysLeft?: number;
  @ApiPropertyOptional({ description: 'counted past the end of the published calendar (Monday to Friday)' }) provisional?: boolean;
}

class DeadlinesDoc {
  @ApiProperty({ nullable: true, type: DeadlineDoc, description: "the limit of the step the case is in" }) stage!: DeadlineDoc | null;
  @ApiProperty({ nullable: true, type: DeadlineDoc, description: 'submission to decision, with any extension' }) whole!: DeadlineDoc | null;
}

class OpenReviewDoc {
  @ApiProperty({ example: 'change_reported' }) trigger!: string;
  @ApiProperty({ format: 'date', description: 'the day the household reported the change' }) reportedOn!: string;
  @ApiProperty({ description: 'what changed (kept on the case, never in events)' }) summary!: string;
  @ApiProperty() openedBy!: string;
  @ApiProperty({ format: 'date' }) openedOn!: string;
}

export class ApplicationViewDoc {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ['household', 'single_person'] }) coverage!: string;
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'a single-person inclusion: the household case it came from' }) parentId!: string | null;
  @ApiProperty({ nullable: true, type: Number }) memberIndex!: number | null;
  @ApiProperty({ enum: CASE_STATUSES }) status!: string;
  @ApiProperty({ description: 'keyed hash of the household (64 hex)' }) householdRef!: string;
  @ApiProperty({ example: '640202' }) districtCode!: string;
  @ApiProperty({ enum: ['urban', 'rural'] }) area!: string;
  @ApiProperty({ type: ContactDoc, description: "the applicant's contact as the caseworker recorded it" }) contact!: ContactDoc;
  @ApiProperty({ type: HouseholdDto, description: 'the household document as filed; resident ID numbers in full for the roles handling cases, masked (640202********1238) for the others (the city auditor)' }) household!: HouseholdDto;
  @ApiProperty({ nullable: true, type: DecisionViewDoc, description: 'the assessment fixed at submission (the current decision’s), with its explanation' }) assessment!: DecisionViewDoc | null;
  @ApiProperty({ nullable: true, enum: ['dibao', 'low_income'], type: String }) granted!: string | null;
  @ApiProperty({ nullable: true, type: Number, description: 'fen a month' }) monthlyBenefitFen!: number | null;
  @ApiProperty({ nullable: true, type: String, example: '2026-04' }) effectiveMonth!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date' }) decidedOn!: string | null;
  @ApiProperty({ nullable: true, type: String }) rejectionReason!: string | null;
  @ApiProperty({ type: ProcessDoc, description: 'township review, notices and objections, extension, confirmation, refusal notice' }) process!: ProcessDoc;
  @ApiProperty({ nullable: true, type: String, format: 'date', description: 'the step’s due date' }) dueOn!: string | null;
  @ApiProperty({ nullable: true, type: DeadlinesDoc }) deadlines!: DeadlinesDoc | null;
  @ApiProperty({ nullable: true, type: CaseDecisionDoc, description: 'the decision in force, without its assessment (that is `assessment`); all of them: GET /applications/:id/decisions' })
  currentDecision!: Omit<CaseDecisionDoc, 'assessment'> | null;
  @ApiProperty({ nullable: true, type: String, format: 'date', description: 'next periodic review (复核)' }) reviewDueOn!: string | null;
  @ApiProperty({ nullable: true, type: OpenReviewDoc, description: 'a review opened on a reported change, until decided' }) openReview!: OpenReviewDoc | null;
  @ApiProperty({ nullable: true, type: String, description: 'last month paid in a gradual exit' }) exitingUntil!: string | null;
  @ApiProperty({ type: [HardshipConflictView], description: 'members supported as special-hardship persons (特困), each with what an officer decided' }) hardshipConflicts!: HardshipConflictView[];
  @ApiProperty({ nullable: true, type: String, description: 'staff id holding the claim' }) claimedBy!: string | null;
  @ApiProperty() version!: number;
  @ApiProperty() filedBy!: string;
  @ApiProperty({ format: 'date-time' }) filedAt!: string;
  @ApiProperty() updatedBy!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

// The schema names every field of the answer, and nothing else (a new or renamed field fails to compile here).
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const _inStep: Same<keyof ApplicationViewDoc, keyof ReturnType<typeof toApplicationView>> = true;
void _inStep;

/** A line of the township or confirmation queue (no names, no ID numbers). */
export class ProcessQueueItemDoc {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: CASE_STATUSES }) status!: string;
  @ApiProperty({ enum: ['household', 'single_person'] }) coverage!: string;
  @ApiProperty() householdRef!: string;
  @ApiProperty() districtCode!: string;
  @ApiProperty({ nullable: true, type: String }) townshipCode!: string | null;
  @ApiProperty({ enum: ['urban', 'rural'] }) area!: string;
  @ApiProperty({ nullable: true, type: String, format: 'date' }) submittedOn!: string | null;
  @ApiProperty({ description: 'the township review round the case is in (1, or 2 after an objection)' }) round!: number;
  @ApiProperty({ nullable: true, type: String, format: 'date' }) dueOn!: string | null;
  @ApiProperty({ description: 'the step or the whole process is past its limit' }) overdue!: boolean;
  @ApiProperty({ type: DeadlinesDoc }) deadlines!: DeadlinesDoc;
  @ApiProperty({ nullable: true, type: String, description: 'who holds a live claim on it' }) claimedBy!: string | null;
  @ApiProperty() version!: number;
}

export class ProcessQueueDoc {
  @ApiProperty({ type: [ProcessQueueItemDoc] }) items!: ProcessQueueItemDoc[];
}

/** A line of the review queue: a paying case due for 复核, or one with a reported change. */
export class ReviewQueueItemDoc {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() householdRef!: string;
  @ApiProperty() districtCode!: string;
  @ApiProperty({ enum: ['urban', 'rural'] }) area!: string;
  @ApiProperty({ enum: ['periodic', 'change_reported'] }) trigger!: string;
  @ApiProperty({ nullable: true, type: String, format: 'date' }) reportedOn!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date' }) reviewDueOn!: string | null;
  @ApiProperty() overdue!: boolean;
  @ApiProperty({ description: 'fen a month' }) monthlyBenefitFen!: number;
  @ApiProperty({ nullable: true, type: String }) claimedBy!: string | null;
  @ApiProperty() version!: number;
}

export class ReviewQueueDoc {
  @ApiProperty({ type: [ReviewQueueItemDoc] }) items!: ReviewQueueItemDoc[];
}

import { ApiProperty } from '@nestjs/swagger';
import { ageOn, LocalizedText } from '@jiuzhu/common';
import { LocalizedTextDoc, PARAMETER_VERSIONS_DOC } from '@jiuzhu/common/http';
import { CASE_STATUSES, REFUSAL_REASONS } from './domain/case-status';
import { TERMINATION_GROUND_NAMES } from './domain/termination';
import { CARE_SETTING_NAMES, SELF_CARE_ABILITIES, SELF_CARE_ABILITY_NAMES } from '../persons/domain/vocabulary';
import { CaseReading, PersonReading } from './find-cases.use-case';
import { DibaoConflictView } from '../conflicts/dibao-conflict.view';

const OBJECT = (description: string) => ({ type: 'object', additionalProperties: true, description }) as const;
const NULLABLE_OBJECT = (description: string) => ({ type: 'object', additionalProperties: true, nullable: true, description }) as const;

class ContactView {
  @ApiProperty({ nullable: true, type: String, description: '姓名' }) name!: string | null;
  @ApiProperty({ nullable: true, type: String, description: '住址' }) address!: string | null;
  @ApiProperty({ nullable: true, type: String, description: '联系电话' }) phone!: string | null;
}

class DeadlineView {
  @ApiProperty({ example: 'investigation', description: 'investigation, public_notice, county_confirmation, refusal_notice, termination_notice' }) kind!: string;
  @ApiProperty({ enum: ['working_days', 'calendar_days'] }) unit!: string;
  @ApiProperty() length!: number;
  @ApiProperty({ format: 'date' }) startedOn!: string;
  @ApiProperty({ format: 'date' }) dueOn!: string;
  @ApiProperty() overdue!: boolean;
  @ApiProperty({ required: false, description: 'for a working-day limit: 0 on the due day, negative once overdue' }) workingDaysLeft?: number;
  @ApiProperty({ required: false, description: 'for a notice: 0 on its last day' }) daysLeft?: number;
  @ApiProperty({ required: false, description: 'counted past the end of the published holiday calendar' }) provisional?: boolean;
  @ApiProperty({ description: 'the article that sets the limit' }) legalSource!: string;
}

class EntitlementLineView {
  @ApiProperty({ enum: ['standard', 'basic_living', 'care_allowance', 'total'] }) step!: string;
  @ApiProperty({ type: LocalizedTextDoc }) text!: LocalizedText;
  @ApiProperty() amountFen!: number;
}

class EntitlementView {
  @ApiProperty({ description: 'the local dibao standard it was measured against, fen a month' }) standardFen!: number;
  @ApiProperty({ description: 'basic living standard = ratio × standard (bp: 13000 = 1.3 ×)' }) ratioOfDibaoStandardBp!: number;
  @ApiProperty() basicLivingFen!: number;
  @ApiProperty({ enum: SELF_CARE_ABILITIES }) selfCare!: string;
  @ApiProperty({ enum: ['home', 'institution'] }) careSetting!: string;
  @ApiProperty() careAllowanceFen!: number;
  @ApiProperty({ description: '救助供养金 a month: basic living standard + care allowance' }) monthlyFen!: number;
  @ApiProperty({ type: [EntitlementLineView], description: 'the computation, line by line' }) explanation!: EntitlementLineView[];
  @ApiProperty(PARAMETER_VERSIONS_DOC) parameterVersions!: Record<string, string>;
}

/**
 * A case as the API answers it, to the officers of its jurisdiction. Fields are listed one by one
 * so a new column never leaks. The service keeps no full ID number (the case needs the birth date
 * and the person's reference, nothing more), so the number is shown masked to every role: there
 * is nothing for libs/auth's `idNumberFor` to show in full. The person's contact is shown here and
 * nowhere else.
 */
export class CaseView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ description: 'keyed hash of the resident ID number (64 hex)' }) personRef!: string;
  @ApiProperty({ example: '640202********0013' }) maskedIdNumber!: string;
  @ApiProperty({ format: 'date', description: 'read from the ID number' }) birthDate!: string;
  @ApiProperty({ description: 'full years today' }) age!: number;
  @ApiProperty({ type: ContactView }) contact!: ContactView;
  @ApiProperty({ example: '640202' }) districtCode!: string;
  @ApiProperty({ example: '640202001', description: 'the township of household registration (户籍所在地)' }) townshipCode!: string;
  @ApiProperty({ enum: ['urban', 'rural'] }) area!: string;
  @ApiProperty({ enum: CASE_STATUSES }) status!: string;
  @ApiProperty({ format: 'date' }) appliedOn!: string;
  @ApiProperty(OBJECT('the person’s facts as last established (disabilities, incomes, property, supporters by relation and birth date, schooling)')) facts!: object;
  @ApiProperty(OBJECT('the three conditions as explained on applying: each met or not, its rules and reasons, the parameter versions and the dibao standard used')) appliedCriteria!: object;
  @ApiProperty(NULLABLE_OBJECT('调查核实: who, when, the opinion (and its reason), and the three conditions as the investigation assessed them')) investigation!: object | null;
  @ApiProperty(NULLABLE_OBJECT('公示: startedOn, endsOn (never for a minor or an opinion to refuse)')) notice!: object | null;
  @ApiProperty(NULLABLE_OBJECT('县级确认 or refusal: who and when')) confirmation!: object | null;
  @ApiProperty(NULLABLE_OBJECT('不予认定: the reason, its wording, the day the written notice must reach the applicant (deliverBy), the remedies, and the delivery')) refusal!: object | null;
  @ApiProperty({ nullable: true, type: String, example: '2026-04', description: 'first month paid' }) supportFromMonth!: string | null;
  @ApiProperty() supportedAsMinor!: boolean;
  @ApiProperty({ nullable: true, type: String, format: 'date', description: 'the 18th-birthday review (then each in-school re-check)' }) minorReviewDueOn!: string | null;
  @ApiProperty(NULLABLE_OBJECT('生活自理能力: the tier, how it was found (six activities, or the elder assessment from 60), explained')) selfCare!: object | null;
  @ApiProperty({ nullable: true, enum: ['home', 'institution'], type: String }) careSetting!: string | null;
  @ApiProperty({ nullable: true, type: LocalizedTextDoc }) careSettingName!: LocalizedText | null;
  @ApiProperty({ nullable: true, type: EntitlementView }) entitlement!: EntitlementView | null;
  @ApiProperty({ nullable: true, type: String, description: 'the month the current entitlement is paid from' }) entitlementFromMonth!: string | null;
  @ApiProperty(NULLABLE_OBJECT('终止: ground, notice (posted or not), decision, the month support stops, the referral')) termination!: object | null;
  @ApiProperty({ nullable: true, type: LocalizedTextDoc }) terminationGroundName!: LocalizedText | null;
  @ApiProperty({ nullable: true, type: DeadlineView, description: 'the limit of the step the case is in, as of today' }) deadline!: DeadlineView | null;
  @ApiProperty({ nullable: true, type: String, description: 'the officer holding a live claim on it' }) claimedBy!: string | null;
  @ApiProperty({ required: false, type: [DibaoConflictView], description: 'GET /cases/{id} only: the person is also counted in a dibao household (each until acknowledged, POST /conflicts/{id}/acknowledge)' })
  dibaoConflicts?: DibaoConflictView[];
  @ApiProperty() version!: number;
  @ApiProperty() filedBy!: string;
  @ApiProperty({ format: 'date-time' }) filedAt!: string;
  @ApiProperty() updatedBy!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

/** A case in a list or a queue: what an officer needs to pick it, no personal data. */
export class CaseListItem {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: CASE_STATUSES }) status!: string;
  @ApiProperty() districtCode!: string;
  @ApiProperty() townshipCode!: string;
  @ApiProperty({ enum: ['urban', 'rural'] }) area!: string;
  @ApiProperty({ format: 'date' }) appliedOn!: string;
  @ApiProperty({ nullable: true, type: String }) supportFromMonth!: string | null;
  @ApiProperty({ nullable: true, type: Number, description: 'the monthly entitlement once confirmed' }) monthlyFen!: number | null;
  @ApiProperty({ nullable: true, enum: SELF_CARE_ABILITIES, type: String }) selfCare!: string | null;
  @ApiProperty({ nullable: true, enum: ['home', 'institution'], type: String }) careSetting!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date', description: 'the day the step the case is in falls due' }) dueOn!: string | null;
  @ApiProperty() overdue!: boolean;
  @ApiProperty({ nullable: true, type: String }) claimedBy!: string | null;
  @ApiProperty() filedBy!: string;
  @ApiProperty() version!: number;
}

class ElderAssessmentView {
  @ApiProperty({ format: 'uuid' }) assessmentId!: string;
  @ApiProperty({ enum: ['intact', 'mild', 'moderate', 'severe', 'complete'] }) level!: string;
  @ApiProperty({ format: 'date' }) assessedOn!: string;
}

/** A person's cases within the reader's jurisdiction, newest first. */
export class PersonView {
  @ApiProperty({ description: 'keyed hash of the resident ID number (absent in the answer to a search by ID number)', required: false }) personRef?: string;
  @ApiProperty({ type: [CaseListItem] }) cases!: CaseListItem[];
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'the case the person is supported (or applying) on now' }) activeCaseId!: string | null;
  @ApiProperty({ nullable: true, type: ElderAssessmentView, description: 'the latest elder ability assessment announced (from 60 it sets the tier)' }) elderAssessment!: ElderAssessmentView | null;
}

export function toCaseView(r: CaseReading, today: string): CaseView {
  return {
    id: r.id,
    personRef: r.personRef,
    maskedIdNumber: r.maskedIdNumber,
    birthDate: r.birthDate,
    age: ageOn(r.birthDate, today),
    contact: { name: r.contact.name, address: r.contact.address, phone: r.contact.phone },
    districtCode: r.districtCode,
    townshipCode: r.townshipCode,
    area: r.area,
    status: r.status,
    appliedOn: r.appliedOn,
    facts: r.facts,
    appliedCriteria: r.appliedCriteria,
    investigation: r.investigation,
    notice: r.notice,
    confirmation: r.confirmation,
    refusal: r.refusal ? { ...r.refusal, reason: REFUSAL_REASONS[r.refusal.reasonCode] } : null,
    supportFromMonth: r.supportFromMonth,
    supportedAsMinor: r.supportedAsMinor,
    minorReviewDueOn: r.minorReviewDueOn,
    selfCare: r.selfCare ? { ...r.selfCare, name: SELF_CARE_ABILITY_NAMES[r.selfCare.ability] } : null,
    careSetting: r.careSetting,
    careSettingName: r.careSetting ? CARE_SETTING_NAMES[r.careSetting] : null,
    entitlement: r.entitlement
      ? {
          standardFen: r.entitlement.standardFen,
          ratioOfDibaoStandardBp: r.entitlement.ratioOfDibaoStandardBp,
          basicLivingFen: r.entitlement.basicLivingFen,
          selfCare: r.entitlement.selfCare,
          careSetting: r.entitlement.careSetting,
          careAllowanceFen: r.entitlement.careAllowanceFen,
          monthlyFen: r.entitlement.monthlyFen,
          explanation: r.entitlement.explanation.map((l) => ({ step: l.step, text: l.text, amountFen: l.amountFen })),
          parameterVersions: r.entitlement.parameterVersions,
        }
      : null,
    entitlementFromMonth: r.entitlementFromMonth,
    termination: r.termination,
    terminationGroundName: r.termination ? TERMINATION_GROUND_NAMES[r.termination.ground] : null,
    deadline: r.deadline ? { ...r.deadline } : null,
    claimedBy: r.claimedBy,
    version: r.version,
    filedBy: r.filedBy,
    filedAt: r.filedAt,
    updatedBy: r.updatedBy,
    updatedAt: r.updatedAt,
  };
}

export function toCaseListItem(r: CaseReading): CaseListItem {
  return {
    id: r.id,
    status: r.status,
    districtCode: r.districtCode,
    townshipCode: r.townshipCode,
    area: r.area,
    appliedOn: r.appliedOn,
    supportFromMonth: r.supportFromMonth,
    monthlyFen: r.entitlement?.monthlyFen ?? null,
    selfCare: r.selfCare?.ability ?? null,
    careSetting: r.careSetting,
    dueOn: r.dueOn,
    overdue: r.deadline?.overdue ?? false,
    claimedBy: r.claimedBy,
    filedBy: r.filedBy,
    version: r.version,
  };
}

const ACTIVE = new Set(['investigating', 'notice', 'confirming', 'supported', 'terminating']);

export function toPersonView(p: Omit<PersonReading, 'personRef'> & { personRef?: string }): PersonView {
  return {
    ...(p.personRef ? { personRef: p.personRef } : {}),
    cases: p.cases.map(toCaseListItem),
    activeCaseId: p.cases.find((c) => ACTIVE.has(c.status))?.id ?? null,
    elderAssessment: p.elderAssessment ? { assessmentId: p.elderAssessment.assessmentId, level: p.elderAssessment.level, assessedOn: p.elderAssessment.assessedOn } : null,
  };
}

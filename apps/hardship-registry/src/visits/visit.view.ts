import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { LocalDate, LocalizedText } from '@jiuzhu/common';
import { LocalizedTextDoc } from '@jiuzhu/common/http';
import { SELF_CARE_ABILITIES } from '../persons/domain/vocabulary';
import { DANGER_KINDS, DANGER_NAMES, VISIT_FINDING_KINDS, VisitFinding } from './domain/visits';
import { OverdueVisitRow, VisitPlanRow, VisitRow } from './visits.repository';

export class VisitFindingView {
  @ApiProperty({ enum: VISIT_FINDING_KINDS }) kind!: string;
  @ApiPropertyOptional({ enum: DANGER_KINDS }) danger?: string;
  @ApiPropertyOptional({ type: LocalizedTextDoc }) dangerName?: LocalizedText;
  @ApiPropertyOptional() note?: string;
}

export class VisitView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty({ format: 'date' }) visitedOn!: string;
  @ApiProperty({ description: 'staff id of the visitor' }) visitor!: string;
  @ApiProperty({ format: 'date', description: 'the day this visit was due' }) dueOn!: string;
  @ApiProperty({ description: 'made after its due day (kept, never refused)' }) late!: boolean;
  @ApiProperty({ format: 'date-time' }) recordedAt!: string;
  @ApiProperty({ type: [VisitFindingView] }) findings!: VisitFindingView[];
}

export class VisitPlanView {
  @ApiProperty({ format: 'date', description: 'home care since (the start of support, or the return home)' }) homeCareSince!: string;
  @ApiProperty({ format: 'date', nullable: true, type: String }) lastVisitOn!: string | null;
  @ApiProperty({ enum: SELF_CARE_ABILITIES, description: 'the tier the interval is of' }) selfCareAbility!: string;
  @ApiProperty({ description: 'calendar days between visits for the tier (hardship.visit-intervals)' }) intervalDays!: number;
  @ApiProperty({ format: 'date' }) nextVisitDueOn!: string;
  @ApiProperty({ description: 'the due day has passed (overdue from the day after it)' }) overdue!: boolean;
  @ApiProperty({ description: '0 on the due day, negative once overdue' }) daysLeft!: number;
  @ApiProperty({ example: 'hardship.visit-intervals@2025-01-01' }) parameterVersion!: string;
}

export class RecordedVisitView extends VisitView {
  @ApiProperty({ type: VisitPlanView, description: 'the plan counted on from this visit' }) plan!: VisitPlanView;
}

export class CaseVisitsView {
  @ApiProperty({ type: VisitPlanView, nullable: true, description: 'null for a person not supported at home (in an institution, or support ended)' }) plan!: VisitPlanView | null;
  @ApiProperty({ type: [VisitView], description: 'the latest first' }) items!: VisitView[];
  @ApiProperty() total!: number;
  @ApiProperty() limit!: number;
  @ApiProperty() offset!: number;
}

export class OverdueVisitItem {
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty({ example: '640202********0015' }) maskedIdNumber!: string;
  @ApiProperty() districtCode!: string;
  @ApiProperty() townshipCode!: string;
  @ApiProperty({ enum: ['supported', 'terminating'] }) status!: string;
  @ApiProperty({ enum: SELF_CARE_ABILITIES }) selfCareAbility!: string;
  @ApiProperty({ format: 'date' }) homeCareSince!: string;
  @ApiProperty({ format: 'date', nullable: true, type: String }) lastVisitOn!: string | null;
  @ApiProperty() intervalDays!: number;
  @ApiProperty({ format: 'date' }) dueOn!: string;
  @ApiProperty({ description: 'days since the due day (1 on the first day overdue)' }) daysOverdue!: number;
}

/** Calendar days from `a` to `b` (a date-only value in UTC arithmetic: no zone, no daylight saving). */
const daysFrom = (a: LocalDate, b: LocalDate): number => Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);

export function toFindingView(f: VisitFinding): VisitFindingView {
  if (f.kind === 'danger') return { kind: f.kind, danger: f.danger, dangerName: DANGER_NAMES[f.danger], ...(f.note ? { note: f.note } : {}) };
  if (f.kind === 'needs_help') return { kind: f.kind, note: f.note };
  return { kind: f.kind };
}

export function toVisitView(v: VisitRow): VisitView {
  return { id: v.id, caseId: v.caseId, visitedOn: v.visitedOn, visitor: v.visitor, dueOn: v.dueOn, late: v.late, recordedAt: v.recordedAt, findings: v.findings.map(toFindingView) };
}

export function toPlanView(p: VisitPlanRow, today: LocalDate): VisitPlanView {
  return {
    homeCareSince: p.homeCareSince,
    lastVisitOn: p.lastVisitedOn,
    selfCareAbility: p.selfCare,
    intervalDays: p.intervalDays,
    nextVisitDueOn: p.nextVisitDueOn,
    overdue: daysFrom(today, p.nextVisitDueOn) < 0,
    daysLeft: daysFrom(today, p.nextVisitDueOn),
    parameterVersion: p.parameterVersion,
  };
}

export function toOverdueItem(r: OverdueVisitRow, today: LocalDate): OverdueVisitItem {
  return {
    caseId: r.caseId,
    maskedIdNumber: r.maskedIdNumber,
    districtCode: r.districtCode,
    townshipCode: r.townshipCode,
    status: r.status,
    selfCareAbility: r.selfCare,
    homeCareSince: r.homeCareSince,
    lastVisitOn: r.lastVisitedOn,
    intervalDays: r.intervalDays,
    dueOn: r.nextVisitDueOn,
    daysOverdue: daysFrom(r.nextVisitDueOn, today),
  };
}

import { LocalDate, Outcome, ruleViolation, succeed, violate, ViolationKind } from '@jiuzhu/common';

/**
 * 特困 and 低保 for one person (民发〔2021〕43号 特困人员认定办法; 民发〔2021〕57号): a person supported as
 * a special-hardship person is supported on their own and must not also be counted among the
 * people an active dibao household's benefit covers. When hardship-registry announces such a
 * person, the dibao case they belong to is flagged; a person — never the system — resolves it:
 *
 * - `excluding`: the member is left out of the covered count at the case's next decision (its
 *   submission, or its next review), which says so in its explanation;
 * - `dismissed`: the officer found no double support (a mistaken identity, support that had
 *   already ended, …) and says why.
 *
 * When hardship-registry ends the person's support (person.terminated):
 * - an open conflict stays open but is marked no longer current (`hardshipEndedOn`): an officer
 *   still closes it with a reason, since whether the household was paid twice meanwhile is theirs
 *   to judge, not the system's;
 * - an exclusion is lifted (`lifted`): the next decision counts the person again. This is what an
 *   approval officer expects — 民发〔2021〕43号 refers a person leaving 特困 support to dibao, so the
 *   household's dibao is where their living is now secured; keeping them out until someone
 *   remembered to undo it would leave them with neither. The lifting is recorded (who: the event,
 *   when) and shown on the case, not silent.
 */
export const CONFLICT_STATUSES = ['open', 'excluding', 'dismissed', 'lifted'] as const;
export type ConflictStatus = (typeof CONFLICT_STATUSES)[number];

export type Resolution =
  | { kind: 'exclude'; by: string; on: LocalDate; note?: string }
  | { kind: 'dismiss'; by: string; on: LocalDate; reason: string }
  | { kind: 'lift'; by: string; on: LocalDate; stopsFromMonth: string; excludedBy: string; excludedOn: LocalDate };

export interface HardshipConflict {
  id: string;
  applicationId: string;
  memberIndex: number;
  personRef: string;
  hardshipCaseId: string;
  districtCode: string;
  townshipCode: string | null;
  registeredOn: LocalDate;
  supportFromMonth: string;
  status: ConflictStatus;
  /** The day hardship-registry ended the person's support; null while it lasts. */
  hardshipEndedOn: LocalDate | null;
  resolution: Resolution | null;
  flaggedAt: string;
  version: number;
}

type Refusal = { ok: false; violation: ReturnType<typeof ruleViolation> };
const problem = (code: string, kind: ViolationKind, zh: string, en: string, field?: string): Refusal =>
  violate(ruleViolation(code, kind, { zh, en }, field ? [{ field, reason: en }] : undefined));

function stillOpen(c: HardshipConflict): Refusal | undefined {
  if (c.status === 'open') return undefined;
  return problem('HARDSHIP_CONFLICT.ALREADY_RESOLVED', 'conflict', `该冲突已处理（${c.status}）`, `The conflict is already resolved (${c.status}).`);
}

/**
 * Exclude the member from the covered count at the next decision. Not once their support has
 * ended (nothing to exclude for: close it with a reason), and never every member of the case: a
 * case that would cover nobody is withdrawn or ended, not paid for no one.
 * `othersExcluded`: members of the same case already being excluded; `members`: the case's size.
 */
export function excludeAtNextDecision(c: HardshipConflict, o: { by: string; on: LocalDate; note?: string; members: number; othersExcluded: number }): Outcome<HardshipConflict> {
  const open = stillOpen(c);
  if (open) return open;
  if (c.hardshipEndedOn) {
    return problem(
      'HARDSHIP_CONFLICT.NO_LONGER_CURRENT',
      'conflict',
      `特困供养已于${c.hardshipEndedOn}终止，无需再排除；请说明理由后关闭`,
      `Special-hardship support ended on ${c.hardshipEndedOn}: there is nothing to exclude; dismiss the conflict with a reason.`,
    );
  }
  if (o.members - o.othersExcluded - 1 < 1) {
    return problem(
      'HARDSHIP_CONFLICT.WOULD_COVER_NOBODY',
      'conflict',
      '排除后该案件不再保障任何人；请撤回或终止该案件',
      'Excluding this member would leave the case covering nobody: withdraw or end the case instead.',
    );
  }
  return succeed({ ...c, status: 'excluding', resolution: { kind: 'exclude', by: o.by, on: o.on, ...(o.note?.trim() ? { note: o.note.trim() } : {}) } });
}

/** Dismiss, with the reason the officer found no double support: never silently. */
export function dismiss(c: HardshipConflict, o: { by: string; on: LocalDate; reason: string }): Outcome<HardshipConflict> {
  const open = stillOpen(c);
  if (open) return open;
  const reason = o.reason.trim();
  if (!reason) return problem('HARDSHIP_CONFLICT.REASON_REQUIRED', 'invalid', '驳回须说明理由', 'reason must say why there is no double support', 'reason');
  return succeed({ ...c, status: 'dismissed', resolution: { kind: 'dismiss', by: o.by, on: o.on, reason } });
}

/** hardship-registry ended the person's support (see the module comment for why each status becomes what). */
export function supportEnded(c: HardshipConflict, o: { by: string; on: LocalDate; stopsFromMonth: string }): HardshipConflict {
  if (c.hardshipEndedOn) return c;
  if (c.status === 'excluding' && c.resolution?.kind === 'exclude') {
    return { ...c, status: 'lifted', hardshipEndedOn: o.on, resolution: { kind: 'lift', by: o.by, on: o.on, stopsFromMonth: o.stopsFromMonth, excludedBy: c.resolution.by, excludedOn: c.resolution.on } };
  }
  return { ...c, hardshipEndedOn: o.on };
}

/** Whether the conflict still excludes its member from the next decision. */
export const excludes = (c: Pick<HardshipConflict, 'status'>): boolean => c.status === 'excluding';

import { LocalDate, Outcome, ruleViolation, succeed, violate } from '@jiuzhu/common';

/**
 * 转介 (民发〔2021〕43号, 终止救助供养): a person whose special-hardship support ended is referred to
 * dibao when they may qualify. Here the referral is a lead: a caseworker of the person's township
 * takes it up (to assess the household and file it) or closes it, always with a reason — a referral
 * never just disappears.
 */
export const REFERRAL_STATUSES = ['open', 'taken_up', 'closed'] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];

export interface Referral {
  id: string;
  hardshipCaseId: string;
  personRef: string;
  districtCode: string;
  townshipCode: string;
  ground: string;
  requestedOn: LocalDate;
  status: ReferralStatus;
  takenUp: { by: string; on: LocalDate; note?: string } | null;
  closed: { by: string; on: LocalDate; reason: string } | null;
  version: number;
}

const conflict = (code: string, zh: string, en: string) => violate(ruleViolation(code, 'conflict', { zh, en }));

/** A caseworker takes the lead up: they will assess the person's household. */
export function takeUp(r: Referral, o: { by: string; on: LocalDate; note?: string }): Outcome<Referral> {
  if (r.status !== 'open') return conflict('REFERRAL.NOT_OPEN', `该转介已${r.status === 'closed' ? '关闭' : '被接手'}`, `The referral is ${r.status.replace('_', ' ')}, not open.`);
  return succeed({ ...r, status: 'taken_up', takenUp: { by: o.by, on: o.on, ...(o.note?.trim() ? { note: o.note.trim() } : {}) } });
}

/** Closed with the reason: filed as case X, not eligible, moved away, declined… */
export function close(r: Referral, o: { by: string; on: LocalDate; reason: string }): Outcome<Referral> {
  if (r.status === 'closed') return conflict('REFERRAL.ALREADY_CLOSED', '该转介已关闭', 'The referral is already closed.');
  const reason = o.reason.trim();
  if (!reason) return violate(ruleViolation('REFERRAL.REASON_REQUIRED', 'invalid', { zh: '关闭转介须说明理由', en: 'reason must say why the referral is closed' }, [{ field: 'reason', reason: 'must say why the referral is closed' }]));
  return succeed({ ...r, status: 'closed', closed: { by: o.by, on: o.on, reason } });
}

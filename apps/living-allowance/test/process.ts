import { Clock } from '@jiuzhu/common';
import { http, TestClock } from '../../../test/support/services';
import { as } from '../../../test/support/api';

/**
 * Drives a submitted case through the dibao process over the API, the way officers would: the
 * township reviews it, its notice runs 7 days (the test clock moves past it), the notice is closed,
 * and a county approver confirms or refuses. Tests of later stages (payments, reviews, reassessment)
 * use it to get a decided case the lawful way.
 */
export const TOWNSHIP_REVIEWER = 'township-reviewer-1';
export const COUNTY_APPROVER = 'county-approver-1';
/** A township reviewer signed in (of the whole city unless a jurisdiction is given). */
export const reviewer = (id = TOWNSHIP_REVIEWER, jurisdiction?: string) => as(id, 'township_reviewer', jurisdiction);
/** A county approver signed in (of the whole city unless a jurisdiction is given). */
export const approver = (id = COUNTY_APPROVER, jurisdiction?: string) => as(id, 'county_approver', jurisdiction);

export function economicCheck(on: string) {
  return { homeVisitOn: on, neighboursInterviewed: 2, dataMatchedOn: on, discrepanciesFound: false };
}

function movable(clock: Clock): TestClock {
  if (!(clock instanceof TestClock)) throw new Error('the process helper needs a TestClock to get past the public notice');
  return clock;
}

export function advanceDays(clock: Clock, days: number): void {
  const c = movable(clock);
  c.set(new Date(c.now().getTime() + days * 86_400_000).toISOString());
}

async function ok(res: Promise<{ status: number; body: any }>, what: string) {
  const r = await res;
  if (r.status !== 200) throw new Error(`${what} answered ${r.status}: ${JSON.stringify(r.body)}`);
  return r.body;
}

/**
 * Township review with an opinion matching the assessment (refuse an ineligible household), then the
 * notice runs its 7 days and is closed. Returns the case, now waiting for confirmation.
 */
export async function throughNotice(url: string, clock: Clock, id: string, expectedVersion: number, o: { reviewerId?: string } = {}): Promise<any> {
  const current = await ok(http(url, 'GET', `/applications/${id}`, undefined, reviewer(o.reviewerId)), 'GET case');
  const ineligible = current.coverage === 'household' && current.assessment?.outcome === 'ineligible';
  const reviewed = await ok(
    http(
      url,
      'POST',
      `/applications/${id}/township-review`,
      { expectedVersion, check: economicCheck(movable(clock).today()), opinion: ineligible ? 'refuse' : 'approve', ...(ineligible ? { reasonCode: 'INCOME_ABOVE_STANDARD' } : {}) },
      reviewer(o.reviewerId),
    ),
    'township review',
  );
  advanceDays(clock, 8);
  const closed = await http(url, 'POST', `/applications/${id}/close-notice`, { expectedVersion: reviewed.version }, reviewer(o.reviewerId));
  // The service's background sweep closes ended notices by itself (every minute): once the clock has
  // moved past the notice it may have done so first, which is the same step taken by the service.
  if (closed.status === 409) {
    const now = await ok(http(url, 'GET', `/applications/${id}`, undefined, reviewer(o.reviewerId)), 'GET case');
    if (now.status === 'confirming' && now.version === reviewed.version + 1) return now;
  }
  if (closed.status !== 200) throw new Error(`close notice answered ${closed.status}: ${JSON.stringify(closed.body)}`);
  return closed.body;
}

/** The whole process to approval; returns the approved case. */
export async function approveThroughProcess(url: string, clock: Clock, id: string, expectedVersion: number, o: { approverId?: string; reviewerId?: string } = {}): Promise<any> {
  const confirming = await throughNotice(url, clock, id, expectedVersion, o);
  return ok(http(url, 'POST', `/applications/${id}/approve`, { expectedVersion: confirming.version }, approver(o.approverId)), 'approve');
}

/** The whole process to refusal; returns the refused case. */
export async function refuseThroughProcess(url: string, clock: Clock, id: string, expectedVersion: number, reasonCode: string, o: { approverId?: string } = {}): Promise<any> {
  const confirming = await throughNotice(url, clock, id, expectedVersion);
  return ok(http(url, 'POST', `/applications/${id}/refuse`, { expectedVersion: confirming.version, reasonCode }, approver(o.approverId)), 'refuse');
}

/**
 * A household filed, submitted, reviewed and noticed over the 8 days before the clock's current
 * time, then approved at that time: the approval (and with it the payment month and the review due
 * date) falls on the date the test set, and the clock is where the test left it.
 */
export async function approvedCase(url: string, clock: Clock, household: unknown, o: { clerkId?: string; approverId?: string } = {}): Promise<any> {
  const c = movable(clock);
  const approvalTime = c.now().getTime();
  c.set(new Date(approvalTime - 8 * 86_400_000).toISOString());
  const clerk = as(o.clerkId ?? 'clerk-process');
  const filed = await http(url, 'POST', '/applications', { household }, clerk);
  if (filed.status !== 201) throw new Error(`filing answered ${filed.status}: ${JSON.stringify(filed.body)}`);
  await ok(http(url, 'POST', `/applications/${filed.body.id}/submit`, { expectedVersion: 1 }, clerk), 'submit');
  const confirming = await throughNotice(url, clock, filed.body.id, 2);
  c.set(new Date(approvalTime).toISOString());
  return ok(http(url, 'POST', `/applications/${filed.body.id}/approve`, { expectedVersion: confirming.version }, approver(o.approverId)), 'approve');
}

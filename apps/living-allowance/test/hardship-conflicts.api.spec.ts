import { randomUUID } from 'node:crypto';
import { PersonRegistered, PersonRegisteredV1, PersonTerminated, ReferralRequested, ReferralRequestedV1 } from '@jiuzhu/contracts';
import { http, startLivingAllowance, TestClock, TestService } from '../../../test/support/services';
import { outboundMessage } from '../../../test/support/messages';
import { as, countRows, dibaoHousehold, eventsOf, expectProblem, fieldsOf, personRef } from './households';
import { approveThroughProcess, reviewer } from './process';

/**
 * Cross-scheme consistency (issue 13): a person supported as 特困 must not also be counted in an
 * active dibao household. hardship-registry's events flag the case; an officer resolves it.
 */
let svc: TestService;
const clock = new TestClock(new Date('2026-03-02T02:00:00Z'));
const clerk = as('clerk-hc', 'caseworker', '640202001');
const call = (method: string, path: string, body?: unknown, headers: Record<string, string> = clerk) => http(svc.url, method, path, body, headers);

beforeAll(async () => {
  svc = await startLivingAllowance({ clock, backgroundJobs: false });
});
afterAll(() => svc?.dispose());

const household = () => ({ ...dibaoHousehold(), townshipCode: '640202001' });
const registered = (ref: string, over: Partial<PersonRegisteredV1> = {}): PersonRegisteredV1 => ({ ...PersonRegistered.example, caseId: randomUUID(), personRef: ref, registeredOn: clock.today(), ...over });

async function filed(submit = true): Promise<{ id: string; h: ReturnType<typeof household>; version: number }> {
  const h = household();
  const f = await call('POST', '/applications', { household: h });
  expect(f.status).toBe(201);
  if (!submit) return { id: f.body.id, h, version: 1 };
  const s = await call('POST', `/applications/${f.body.id}/submit`, { expectedVersion: 1 });
  expect(s.status).toBe(200);
  return { id: f.body.id, h, version: s.body.version };
}

const conflictsOf = async (caseId: string) => (await call('GET', `/applications/${caseId}`)).body.hardshipConflicts;

describe('a dibao member registered in hardship flags the case', () => {
  it('the open case counting the person is flagged once, however often the registration is delivered, and officers see it in the list and on the case', async () => {
    const c = await filed();
    const e = outboundMessage(PersonRegistered, registered(personRef(c.h.members[2].idNumber)));
    await svc.deliver([e]);
    await svc.deliver([e]);
    // A replay with a new event id is the same registration: still one conflict.
    await svc.deliver([{ ...e, id: randomUUID() }]);
    const onCase = await conflictsOf(c.id);
    expect(onCase).toHaveLength(1);
    expect(onCase[0]).toMatchObject({ applicationId: c.id, memberIndex: 2, status: 'open', current: true, hardshipCaseId: e.payload && (e.payload as PersonRegisteredV1).caseId });
    const list = await call('GET', '/hardship-conflicts?status=open');
    expect(list.status).toBe(200);
    expect(list.body.items.map((x: any) => x.applicationId)).toContain(c.id);
  });

  it('a person counted in no open dibao case flags nothing', async () => {
    const before = await countRows(svc.dataSource, 'hardship_conflicts');
    await svc.deliver([outboundMessage(PersonRegistered, registered('f'.repeat(64)))]);
    expect(await countRows(svc.dataSource, 'hardship_conflicts')).toBe(before);
  });

  it('a household submitted with a member hardship-registry already supports is flagged at submission', async () => {
    const c = await filed(false);
    await svc.deliver([outboundMessage(PersonRegistered, registered(personRef(c.h.members[1].idNumber)))]);
    // A draft counts its members too: the registration flags it at once…
    expect(await conflictsOf(c.id)).toHaveLength(1);
    // …and a household filed after the registration is flagged when it is submitted.
    const later = household();
    later.members[0] = c.h.members[1];
    later.members[0].relation = 'applicant';
    later.members[1] = { ...dibaoHousehold().members[1] };
    await call('POST', `/applications/${c.id}/withdraw`, { expectedVersion: 1 });
    const f = await call('POST', '/applications', { household: later });
    expect(f.status).toBe(201);
    expect(await conflictsOf(f.body.id)).toHaveLength(0);
    expect((await call('POST', `/applications/${f.body.id}/submit`, { expectedVersion: 1 })).status).toBe(200);
    expect(await conflictsOf(f.body.id)).toMatchObject([{ memberIndex: 0, status: 'open' }]);
  });

  it('conflicts are kept to the reader’s jurisdiction: another township sees none and cannot resolve them (404)', async () => {
    const c = await filed();
    await svc.deliver([outboundMessage(PersonRegistered, registered(personRef(c.h.members[0].idNumber)))]);
    const [conflict] = await conflictsOf(c.id);
    const other = as('clerk-other', 'caseworker', '640202002');
    const list = await call('GET', '/hardship-conflicts', undefined, other);
    expect(list.body.items.map((x: any) => x.id)).not.toContain(conflict.id);
    expect(list.body.total).toBe(0);
    expectProblem(await call('POST', `/hardship-conflicts/${conflict.id}/dismiss`, { expectedVersion: 1, reason: 'x' }, other), 404);
  });
});

describe('a person resolves the conflict, never the system', () => {
  it('dismissing needs a reason (400 naming it) and a stale version is 409; neither changes the conflict', async () => {
    const c = await filed();
    await svc.deliver([outboundMessage(PersonRegistered, registered(personRef(c.h.members[1].idNumber)))]);
    const [conflict] = await conflictsOf(c.id);
    const blank = expectProblem(await call('POST', `/hardship-conflicts/${conflict.id}/dismiss`, { expectedVersion: 1, reason: ' ' }), 400);
    expect(fieldsOf(blank)).toContain('reason');
    expectProblem(await call('POST', `/hardship-conflicts/${conflict.id}/dismiss`, { expectedVersion: 7, reason: 'another person' }), 409, 'HARDSHIP_CONFLICT.VERSION_CONFLICT');
    expect((await conflictsOf(c.id))[0]).toMatchObject({ status: 'open', version: 1 });
    const ok = await call('POST', `/hardship-conflicts/${conflict.id}/dismiss`, { expectedVersion: 1, reason: 'the hardship case is of a namesake; ID checked' });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ status: 'dismissed', resolution: { kind: 'dismiss', by: 'clerk-hc', reason: 'the hardship case is of a namesake; ID checked' } });
    expectProblem(await call('POST', `/hardship-conflicts/${conflict.id}/exclude`, { expectedVersion: 2 }), 409, 'HARDSHIP_CONFLICT.ALREADY_RESOLVED');
  });

  it('excluded at the next decision: the submission leaves the member out of the covered count, explains it, and the approval announces only the people covered', async () => {
    const c = await filed(false);
    const member = personRef(c.h.members[1].idNumber);
    await svc.deliver([outboundMessage(PersonRegistered, registered(member))]);
    const [conflict] = await conflictsOf(c.id);
    const excluded = await call('POST', `/hardship-conflicts/${conflict.id}/exclude`, { expectedVersion: 1, note: 'confirmed with the township: supported at home since April' });
    expect(excluded.body).toMatchObject({ status: 'excluding', version: 2 });

    const submitted = await call('POST', `/applications/${c.id}/submit`, { expectedVersion: 1 });
    expect(submitted.status).toBe(200);
    expect(submitted.body.assessment).toMatchObject({ outcome: 'dibao', householdSize: 3, peopleCovered: 2 });
    expect(submitted.body.household.members[1].coverageExclusion).toMatchObject({ ground: 'special_hardship', conflictId: conflict.id });
    expect(submitted.body.assessment.explanation.find((l: any) => l.step === 'coverage.excluded').text.zh).toContain('特困人员');
    // The spouse's disability top-up is the excluded member's: it goes with them.
    expect(submitted.body.assessment.topUps.map((t: any) => t.memberIndex)).not.toContain(1);

    await approveThroughProcess(svc.url, clock, c.id, submitted.body.version);
    const [approved] = (await eventsOf(svc.url, 'living-allowance.case.approved')).filter((e) => e.data.caseId === c.id);
    expect(approved.data.peopleCovered).toBe(2);
    expect(approved.data.personRefs).toHaveLength(2);
    expect(approved.data.personRefs).not.toContain(member);
  });

  it('hardship termination: an open conflict stays for a person to close, marked no longer current; it can no longer exclude', async () => {
    const c = await filed();
    const reg = registered(personRef(c.h.members[2].idNumber));
    await svc.deliver([outboundMessage(PersonRegistered, reg)]);
    const terminated = outboundMessage(PersonTerminated, { caseId: reg.caseId, personRef: reg.personRef, districtCode: '640202', ground: 'voluntary' as const, terminatedOn: clock.today(), stopsFromMonth: '2026-05' });
    await svc.deliver([terminated]);
    await svc.deliver([terminated]);
    const [conflict] = await conflictsOf(c.id);
    expect(conflict).toMatchObject({ status: 'open', current: false, hardshipEndedOn: clock.today(), version: 2 });
    expectProblem(await call('POST', `/hardship-conflicts/${conflict.id}/exclude`, { expectedVersion: 2 }), 409, 'HARDSHIP_CONFLICT.NO_LONGER_CURRENT');
    expect((await call('POST', `/hardship-conflicts/${conflict.id}/dismiss`, { expectedVersion: 2, reason: 'support ended before any decision counted the person twice' })).status).toBe(200);
  });

  it('hardship termination lifts an exclusion: the next review counts the person again', async () => {
    const c = await filed(false);
    const reg = registered(personRef(c.h.members[1].idNumber));
    await svc.deliver([outboundMessage(PersonRegistered, reg)]);
    const [conflict] = await conflictsOf(c.id);
    await call('POST', `/hardship-conflicts/${conflict.id}/exclude`, { expectedVersion: 1 });
    const submitted = await call('POST', `/applications/${c.id}/submit`, { expectedVersion: 1 });
    const approved = await approveThroughProcess(svc.url, clock, c.id, submitted.body.version);
    expect(approved.assessment.peopleCovered).toBe(2);

    await svc.deliver([outboundMessage(PersonTerminated, { caseId: reg.caseId, personRef: reg.personRef, districtCode: '640202', ground: 'income_above_limit' as const, terminatedOn: clock.today(), stopsFromMonth: '2026-05' })]);
    expect((await conflictsOf(c.id))[0]).toMatchObject({ status: 'lifted', current: false, resolution: { kind: 'lift', excludedBy: 'clerk-hc' } });

    // The review: every other case is out of the way, this one falls due today.
    await svc.dataSource.query(`UPDATE applications SET review_due_on = CASE WHEN id = $1 THEN $2::date ELSE '2099-01-01'::date END, claimed_by = NULL WHERE status = 'approved'`, [c.id, clock.today()]);
    const claimed = await call('POST', '/reviews/claim?districtCode=640202', undefined, reviewer('officer-hc'));
    expect(claimed.body.id).toBe(c.id);
    const reviewed = await call('POST', `/applications/${c.id}/review`, { expectedVersion: claimed.body.version, household: c.h }, reviewer('officer-hc'));
    expect(reviewed.status).toBe(200);
    expect(reviewed.body.assessment.peopleCovered).toBe(3);
    expect(reviewed.body.household.members[1].coverageExclusion).toBeUndefined();
  });
});

describe('a referral from special-hardship support to dibao', () => {
  const referral = (over: Partial<ReferralRequestedV1> = {}): ReferralRequestedV1 => ({ ...ReferralRequested.example, caseId: randomUUID(), personRef: 'c'.repeat(64), townshipCode: '640202001', requestedOn: clock.today(), ...over });

  it('becomes one lead in the person’s township however often it is delivered; one for temporary assistance only is not this service’s', async () => {
    const r = outboundMessage(ReferralRequested, referral());
    await svc.deliver([r, r]);
    await svc.deliver([outboundMessage(ReferralRequested, referral({ targets: ['temporary_assistance'] }))]);
    const mine = await call('GET', '/hardship-referrals?status=open');
    expect(mine.body.items.filter((x: any) => x.hardshipCaseId === (r.payload as ReferralRequestedV1).caseId)).toHaveLength(1);
    expect(mine.body.total).toBe(1);
    expect((await call('GET', '/hardship-referrals', undefined, as('clerk-far', 'caseworker', '640205001'))).body.total).toBe(0);
  });

  it('a caseworker takes it up, then closes it with a reason (400 naming reason without one)', async () => {
    const r = referral();
    await svc.deliver([outboundMessage(ReferralRequested, r)]);
    const lead = (await call('GET', '/hardship-referrals?status=open')).body.items.find((x: any) => x.hardshipCaseId === r.caseId);
    const taken = await call('POST', `/hardship-referrals/${lead.id}/take-up`, { expectedVersion: 1, note: 'home visit booked' });
    expect(taken.body).toMatchObject({ status: 'taken_up', takenUp: { by: 'clerk-hc', note: 'home visit booked' } });
    expect(fieldsOf(expectProblem(await call('POST', `/hardship-referrals/${lead.id}/close`, { expectedVersion: 2, reason: '' }), 400))).toContain('reason');
    const closed = await call('POST', `/hardship-referrals/${lead.id}/close`, { expectedVersion: 2, reason: 'filed as a dibao application' });
    expect(closed.body).toMatchObject({ status: 'closed', closed: { reason: 'filed as a dibao application' } });
  });
});

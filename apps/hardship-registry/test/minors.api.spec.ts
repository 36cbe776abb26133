import { eventsOf, expectProblem } from '../../../test/support/api';
import { http, startHardshipRegistry, TestClock, TestService } from '../../../test/support/services';
import { HardshipSweep } from '../src/cases/hardship-sweep.use-case';
import { APPROVER, CASEWORKER, idNumber, INVESTIGATOR, personRef, receiveStandards, supported, applied } from './persons';

/**
 * Minors (policy.md §3; 民发〔2021〕43号): a minor's case is never posted — neither the township's
 * opinion nor a termination while they are a minor — and a person supported as a minor is reviewed
 * on their 18th birthday by the background sweep: support continues while the schooling recorded
 * says enrolled (re-checked a year on), or a termination on the ground came_of_age is proposed,
 * noticed and decided, with a referral.
 */
let svc: TestService;
const clock = () => svc.clock as TestClock;
const sweep = () => svc.app.get(HardshipSweep).sweep();
const get = async (id: string) => (await http(svc.url, 'GET', `/cases/${id}`, undefined, APPROVER)).body;

beforeAll(async () => {
  svc = await startHardshipRegistry({ backgroundJobs: false });
  await receiveStandards(svc);
});
afterAll(() => svc?.dispose());

describe('a minor’s case is never posted', () => {
  it('the township’s opinion to grant goes straight to the county: no notice, no notice deadline, and the county counts from the investigation', async () => {
    clock().set('2026-03-02T02:00:00Z');
    const c = await applied(svc, idNumber('2012-09-01'));
    expect(c.appliedCriteria).toMatchObject({ minor: true, eligible: true });
    const inv = await http(svc.url, 'POST', `/cases/${c.id}/investigation`, { expectedVersion: 1, opinion: 'grant' }, INVESTIGATOR);
    expect(inv.body).toMatchObject({ status: 'confirming', notice: null, deadline: { kind: 'county_confirmation', startedOn: '2026-03-02' } });
    const history = (await http(svc.url, 'GET', `/cases/${c.id}/history`, undefined, APPROVER)).body.items.map((h: { action: string }) => h.action);
    expect(history).toEqual(['apply', 'investigate_without_notice']);
  });

  it('a termination proposed while the person is a minor is noticed to the guardian, not posted', async () => {
    const c = await supported(svc, idNumber('2013-04-04'));
    expect(c).toMatchObject({ supportedAsMinor: true, minorReviewDueOn: '2031-04-04' });
    const proposed = await http(svc.url, 'POST', `/cases/${c.id}/termination`, { expectedVersion: c.version, ground: 'supporter_able' }, CASEWORKER);
    expect(proposed.body.termination.notice).toMatchObject({ posted: false });
  });
});

describe('the 18th-birthday review', () => {
  it('continues support while the schooling recorded says enrolled, and re-checks it a year on', async () => {
    const c = await supported(svc, idNumber('2008-05-20'));
    expect(c).toMatchObject({ supportedAsMinor: true, minorReviewDueOn: '2026-05-20' });
    clock().set('2026-05-12T02:00:00Z');
    const schooled = await http(svc.url, 'POST', `/cases/${c.id}/schooling`, { expectedVersion: c.version, enrolled: true, recordedOn: '2026-05-10' }, CASEWORKER);
    expect(schooled.body).toMatchObject({ facts: { schooling: { enrolled: true, recordedOn: '2026-05-10' } }, version: c.version + 1 });

    clock().set('2026-05-19T02:00:00Z');
    await sweep();
    expect(await get(c.id)).toMatchObject({ status: 'supported', minorReviewDueOn: '2026-05-20' });
    clock().set('2026-05-20T02:00:00Z');
    await sweep();
    const reviewed = await get(c.id);
    expect(reviewed).toMatchObject({ status: 'supported', minorReviewDueOn: '2027-05-20', age: 18 });
    const history = (await http(svc.url, 'GET', `/cases/${c.id}/history`, undefined, APPROVER)).body.items;
    expect(history.at(-1)).toMatchObject({ action: 'review_at_adulthood', actor: 'system:minor-review', reasonCode: 'MINOR_REVIEW.CONTINUED', note: 'HARDSHIP.NO_WORK_ABILITY.IN_SCHOOL' });
    // Swept again the same day: nothing more.
    await sweep();
    expect((await get(c.id)).version).toBe(reviewed.version);
  });

  it('ends support of an 18-year-old not in school: a came_of_age termination, posted now they are of age, decided after its notice with a referral to dibao', async () => {
    clock().set('2026-03-02T02:00:00Z');
    const id = idNumber('2008-05-21');
    const c = await supported(svc, id);
    clock().set('2026-05-21T02:00:00Z');
    await sweep();
    const proposed = await get(c.id);
    expect(proposed).toMatchObject({ status: 'terminating', termination: { ground: 'came_of_age', proposedBy: 'system:minor-review', notice: { endsOn: '2026-05-28', posted: true } } });
    clock().set('2026-05-29T02:00:00Z');
    const ended = await http(svc.url, 'POST', `/cases/${c.id}/terminate`, { expectedVersion: proposed.version }, APPROVER);
    expect(ended.body).toMatchObject({ status: 'terminated', minorReviewDueOn: null, termination: { stopsFromMonth: '2026-06', referral: { targets: ['dibao'] } } });
    const referral = (await eventsOf(svc.url, 'hardship-registry.referral.requested')).filter((e) => e.data.caseId === c.id);
    expect(referral.map((e) => e.data)).toEqual([expect.objectContaining({ personRef: personRef(id), ground: 'came_of_age', targets: ['dibao'] })]);
  });

  it('schooling is recorded only for a person supported as a minor', async () => {
    clock().set('2026-03-02T02:00:00Z');
    const c = await supported(svc, idNumber('1985-06-06'), { facts: { disabilities: [{ kind: 'physical', grade: 2 }] } });
    expectProblem(await http(svc.url, 'POST', `/cases/${c.id}/schooling`, { expectedVersion: c.version, enrolled: true, recordedOn: '2026-03-01' }, CASEWORKER), 409, 'HARDSHIP.NOT_A_MINOR_CASE');
  });
});

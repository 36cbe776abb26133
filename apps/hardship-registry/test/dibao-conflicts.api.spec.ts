import { randomUUID } from 'node:crypto';
import { CaseApproved, CaseApprovedV1, CaseTerminated } from '@jiuzhu/contracts';
import { outboundMessage } from '../../../test/support/messages';
import { startHardshipRegistry, TestService } from '../../../test/support/services';
import { countRows } from '../../living-allowance/test/households';
import { applied, as, CASEWORKER, client, idNumber, personRef, receiveStandards } from './persons';
import { expectProblem, fieldsOf } from '../../../test/support/api';

/**
 * Cross-scheme consistency (issue 13), hardship-registry's side: a person supported or applying
 * here who is counted in an active dibao household (living-allowance's case.approved) is shown to
 * the officers — in GET /conflicts and on the case — until one acknowledges it with a note.
 */
let svc: TestService;
let call: ReturnType<typeof client>;

beforeAll(async () => {
  svc = await startHardshipRegistry({ backgroundJobs: false });
  call = client(svc);
  await receiveStandards(svc);
});
afterAll(() => svc?.dispose());

const approval = (refs: string[], over: Partial<CaseApprovedV1> = {}) =>
  outboundMessage(CaseApproved, { ...CaseApproved.example, caseId: randomUUID(), personRefs: refs, peopleCovered: refs.length, approvedOn: svc.clock.today(), ...over }, { source: 'living-allowance' });

async function applying(): Promise<{ id: string; ref: string }> {
  const n = idNumber('1950-03-15');
  const c = await applied(svc, n);
  return { id: c.id, ref: personRef(n) };
}

describe('a person applying or supported here who is counted in a dibao household', () => {
  it('is shown in GET /conflicts and on the case, once however often the approval is delivered', async () => {
    const c = await applying();
    const e = approval([c.ref, 'd'.repeat(64)]);
    await svc.deliver([e]);
    await svc.deliver([e]);
    await svc.deliver([{ ...e, id: randomUUID() }]);
    const list = await call('GET', '/conflicts', undefined, CASEWORKER);
    expect(list.status).toBe(200);
    const mine = list.body.items.filter((x: any) => x.caseId === c.id);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ dibaoCaseId: (e.payload as CaseApprovedV1).caseId, dibaoActive: true, acknowledged: null, caseStatus: 'investigating' });
    const view = await call('GET', `/cases/${c.id}`, undefined, CASEWORKER);
    expect(view.body.dibaoConflicts).toMatchObject([{ dibaoCaseId: (e.payload as CaseApprovedV1).caseId, explanation: { zh: expect.stringContaining('低保') } }]);
  });

  it('a dibao case that ends stays shown, marked no longer active, until a person acknowledges it', async () => {
    const c = await applying();
    const e = approval([c.ref]);
    const dibaoCaseId = (e.payload as CaseApprovedV1).caseId;
    await svc.deliver([e]);
    await svc.deliver([outboundMessage(CaseTerminated, { ...CaseTerminated.example, caseId: dibaoCaseId, coverage: 'household' as const, districtCode: '640202', reasonCode: 'NO_LONGER_ELIGIBLE', terminatedOn: svc.clock.today() })]);
    const [conflict] = (await call('GET', `/cases/${c.id}`, undefined, CASEWORKER)).body.dibaoConflicts;
    expect(conflict).toMatchObject({ dibaoActive: false, dibaoEndedOn: svc.clock.today(), acknowledged: null });
  });

  it('an acknowledgement needs a note (400 naming it), is kept with who and when, and is not given twice (409); the list of open ones no longer shows it', async () => {
    const c = await applying();
    const e = approval([c.ref]);
    const dibaoCaseId = (e.payload as CaseApprovedV1).caseId;
    await svc.deliver([e]);
    const blank = expectProblem(await call('POST', `/conflicts/${c.id}/acknowledge`, { dibaoCaseId, note: ' ' }, CASEWORKER), 400);
    expect(fieldsOf(blank)).toContain('note');
    expect(await countRows(svc.dataSource, 'dibao_conflict_acknowledgements', 'case_id = $1', [c.id])).toBe(0);
    const ok = await call('POST', `/conflicts/${c.id}/acknowledge`, { dibaoCaseId, note: 'living-allowance excludes the person from the covered count' }, CASEWORKER);
    expect(ok.status).toBe(200);
    expect(ok.body.acknowledged).toMatchObject({ by: 'cw-1', note: 'living-allowance excludes the person from the covered count' });
    expectProblem(await call('POST', `/conflicts/${c.id}/acknowledge`, { dibaoCaseId, note: 'again' }, CASEWORKER), 409, 'DIBAO_CONFLICT.ALREADY_ACKNOWLEDGED');
    expect((await call('GET', '/conflicts', undefined, CASEWORKER)).body.items.some((x: any) => x.caseId === c.id)).toBe(false);
    expect((await call('GET', '/conflicts?state=acknowledged', undefined, CASEWORKER)).body.items.some((x: any) => x.caseId === c.id)).toBe(true);
  });

  it('conflicts keep to the jurisdiction: another township lists none and cannot acknowledge (404)', async () => {
    const c = await applying();
    const e = approval([c.ref]);
    await svc.deliver([e]);
    const other = as('cw-far', 'caseworker', '640202002');
    expect((await call('GET', '/conflicts?state=all', undefined, other)).body.total).toBe(0);
    expectProblem(await call('POST', `/conflicts/${c.id}/acknowledge`, { dibaoCaseId: (e.payload as CaseApprovedV1).caseId, note: 'x' }, other), 404);
  });

  it('a dibao household that ended before the person applied here is no conflict', async () => {
    const n = idNumber('1951-04-16');
    const e = approval([personRef(n)], { approvedOn: '2025-01-10' });
    await svc.deliver([e]);
    await svc.deliver([outboundMessage(CaseTerminated, { ...CaseTerminated.example, caseId: (e.payload as CaseApprovedV1).caseId, coverage: 'household' as const, districtCode: '640202', terminatedOn: '2025-12-31' })]);
    const c = await applied(svc, n);
    expect((await call('GET', `/cases/${c.id}`, undefined, CASEWORKER)).body.dibaoConflicts).toEqual([]);
  });
});

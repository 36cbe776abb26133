import { randomUUID } from 'node:crypto';
import { refOf, residentIdCheckChar } from '@jiuzhu/common';
import { AssessmentCompleted, AssessmentCompletedV1, StandardPublished, StandardPublishedV1 } from '@jiuzhu/contracts';
import { OutboundMessage } from '@jiuzhu/messaging';
import { outboundMessage } from '../../../test/support/messages';
import { http, TEST_REF_KEY, TestService } from '../../../test/support/services';
import { as } from '../../../test/support/api';

export { as } from '../../../test/support/api';

/**
 * Synthetic persons and officers for the special-hardship API tests. Every ID number is invented
 * but valid (GB 11643 check character); a per-file sequence keeps them unique, so no two tests trip
 * over the one-active-case-per-person rule by accident.
 */

let sequence = 0;

/** A valid resident ID number for someone born on `birth` (YYYY-MM-DD) in district `region`. */
export function idNumber(birth: string, region = '640202'): string {
  sequence = (sequence + 1) % 1000;
  const first17 = `${region}${birth.replace(/-/g, '')}${String(sequence).padStart(3, '0')}`;
  return first17 + residentIdCheckChar(first17);
}

export function personRef(id: string): string {
  return refOf(id, TEST_REF_KEY);
}

/** The officers of 长胜街道 (640202001) and 大武口区 (640202): three different people for four-eyes. */
export const CASEWORKER = as('cw-1', 'caseworker', '640202001');
export const INVESTIGATOR = as('tr-1', 'township_reviewer', '640202001');
export const APPROVER = as('ca-1', 'county_approver', '640202');

/** A person with no income, one home and no supporter: the means and supporter conditions are met. */
export function applyBody(id: string, o: { townshipCode?: string; districtCode?: string; facts?: Record<string, unknown>; area?: string } = {}) {
  return {
    idNumber: id,
    districtCode: o.districtCode ?? '640202',
    townshipCode: o.townshipCode ?? '640202001',
    area: o.area ?? 'urban',
    facts: { incomes: [], property: { moneyFen: 0, homes: 1 }, supporters: [], ...o.facts },
    contact: { name: '王某某', address: '石嘴山市大武口区长胜街道某某小区3号楼2单元501', phone: '13995212345' },
  };
}

/** The six activities, the first `lost` of them not done on one's own. */
export function activities(lost = 0) {
  const names = ['eating', 'dressing', 'getting_in_out_of_bed', 'toileting', 'walking_indoors', 'bathing'];
  return Object.fromEntries(names.map((n, i) => [n, i >= lost]));
}

export function standardMessage(o: Partial<StandardPublishedV1> = {}, id = randomUUID()): OutboundMessage {
  const s: StandardPublishedV1 = {
    districtCode: '640202',
    area: 'urban',
    monthlyFen: 78000,
    validFrom: '2025-01-01',
    versionId: `dibao.standard/${o.districtCode ?? '640202'}/${o.area ?? 'urban'}@${o.validFrom ?? '2025-01-01'}`,
    legalSource: 'illustrative test standard',
    ...o,
  };
  return outboundMessage(StandardPublished, s, { id, source: 'living-allowance' });
}

export function assessmentMessage(ref: string, o: Partial<AssessmentCompletedV1> = {}, id = randomUUID()): OutboundMessage {
  const e: AssessmentCompletedV1 = { ...AssessmentCompleted.example, assessmentId: randomUUID(), personRef: ref, districtCode: '640202', townshipCode: '640202001', level: 'intact', total: 85, selfCareAbility: 'full', assessedOn: '2026-02-20', validUntil: '2027-02-20', ...o };
  return outboundMessage(AssessmentCompleted, e, { id, source: 'elder-assessment' });
}

/** The standards every test of a file stands on: 大武口区 urban 780.00 and rural 700.00 from 2025. */
export async function receiveStandards(svc: TestService): Promise<void> {
  await svc.deliver([standardMessage(), standardMessage({ area: 'rural', monthlyFen: 70000 }), standardMessage({ districtCode: '640205', monthlyFen: 76000 })]);
}

/** A client of the service acting as `headers` unless told. */
export function client(svc: TestService) {
  return (method: string, path: string, body: unknown, headers: Record<string, string>) => http(svc.url, method, path, body, headers);
}

/** Applies and investigates with an opinion to grant; returns the case as it then stands. */
export async function applied(svc: TestService, id: string, o: Parameters<typeof applyBody>[1] = {}, by = CASEWORKER) {
  const res = await http(svc.url, 'POST', '/cases', applyBody(id, o), by);
  if (res.status !== 201) throw new Error(`apply answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body;
}

export async function investigated(svc: TestService, id: string, o: Parameters<typeof applyBody>[1] = {}) {
  const c = await applied(svc, id, o);
  const res = await http(svc.url, 'POST', `/cases/${c.id}/investigation`, { expectedVersion: c.version, opinion: 'grant' }, INVESTIGATOR);
  if (res.status !== 200) throw new Error(`investigation answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body;
}

/**
 * A person brought to support: applied and investigated on 2026-03-02, the notice closed by the
 * sweep on 2026-03-10, confirmed that day (from 60 on an elder assessment delivered first, below it
 * on the six activities) — supported from 2026-04. The clock is left on 2026-03-10.
 */
export async function supported(svc: TestService, id: string, o: Parameters<typeof applyBody>[1] & { lost?: number; level?: AssessmentCompletedV1['level'] } = {}) {
  const clock = svc.clock as unknown as { set(iso: string): void };
  clock.set('2026-03-02T02:00:00Z');
  const c = await investigated(svc, id, o);
  clock.set('2026-03-10T02:00:00Z');
  const { HardshipSweep } = await import('../src/cases/hardship-sweep.use-case');
  await svc.app.get(HardshipSweep).sweep();
  const elder = Number(id.slice(6, 10)) <= 1966;
  if (elder) await svc.deliver([assessmentMessage(personRef(id), { level: o.level ?? 'intact', assessedOn: '2026-03-05' })]);
  const version = (await http(svc.url, 'GET', `/cases/${c.id}`, undefined, APPROVER)).body.version;
  const res = await http(svc.url, 'POST', `/cases/${c.id}/confirm`, { expectedVersion: version, ...(elder ? {} : { activities: activities(o.lost ?? 0) }) }, APPROVER);
  if (res.status !== 200) throw new Error(`confirm answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body;
}

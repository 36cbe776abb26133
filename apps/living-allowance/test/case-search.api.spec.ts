import { Writable } from 'node:stream';
import { createLogger } from '@jiuzhu/common/logger';
import { http, startLivingAllowance, TestClock, TestService } from '../../../test/support/services';
import { eventually } from '../../../test/support/infra';
import { as, dibaoHousehold, eventsOf, expectProblem, fieldsOf, HouseholdInput, idNumber, ineligibleHousehold, personRef, withWrongCheckDigit } from './households';

/**
 * Finding a case by the person (issue 11): a caseworker with a resident in front of them finds the
 * household's cases by ID number — in a POST body, never a URL — or by the applicant's name within a
 * township. Cases carry the applicant's name, address and phone; they are shown in the case and
 * nowhere else: not in events, not in logs, not in error bodies.
 */

const clock = new TestClock(new Date('2026-03-02T02:00:00Z'), 1000);
const CLERK = 'clerk-s';

/** Every line the service logs (request lines included), as written. */
const logged: string[] = [];
const destination = new Writable({
  write(chunk, _enc, done) {
    logged.push(String(chunk));
    done();
  },
});

let svc: TestService;

beforeAll(async () => {
  svc = await startLivingAllowance({ clock, log: createLogger('living-allowance', { level: 'info', destination }) });
});

afterAll(async () => {
  await svc?.dispose();
});

const call = (method: string, path: string, body?: unknown, actor = CLERK) => http(svc.url, method, path, body, as(actor));
const search = (body: unknown, query = '') => call('POST', `/applications/search${query}`, body);
const ids = (res: { body: { items: { id: string }[] } }) => res.body.items.map((i) => i.id);

async function file(household: HouseholdInput, contact?: Record<string, string>): Promise<any> {
  const res = await call('POST', '/applications', contact ? { household, contact } : { household });
  expect(res.status).toBe(201);
  return res.body;
}

/** The request lines (pino-http's "request completed") logged for a path. */
async function requestLines(path: string): Promise<string[]> {
  return eventually(async () => {
    const lines = logged.filter((l) => l.includes('"req":') && l.includes(path));
    return lines.length ? lines : undefined;
  }, `the request line of ${path}`);
}

describe('POST /applications/search by ID number', () => {
  const first = dibaoHousehold();
  const person = first.members[1];
  let closed: any;
  let current: any;

  beforeAll(async () => {
    // The spouse of a withdrawn case, then the applicant of a new household.
    closed = await file(first);
    expect((await call('POST', `/applications/${closed.id}/withdraw`, { expectedVersion: 1 })).status).toBe(200);
    current = await file({ ...ineligibleHousehold(), members: [{ ...person, relation: 'applicant' }] });
  });

  it('finds every household case of the person, as applicant and as another member, in any status, newest first', async () => {
    const res = await search({ idNumber: person.idNumber });

    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      items: [expect.objectContaining({ id: current.id, status: 'draft' }), expect.objectContaining({ id: closed.id, status: 'withdrawn' })],
      total: 2,
      limit: 50,
      offset: 0,
    });
    expect(ids(await search({ idNumber: first.members[0].idNumber }))).toEqual([closed.id]);
  });

  it('names no personRef and no ID number in its answer; a person never filed gets an empty page', async () => {
    const found = await search({ idNumber: person.idNumber });
    const stranger = idNumber('1966-06-06');
    const none = await search({ idNumber: stranger });

    expect(none.body).toEqual({ items: [], total: 0, limit: 50, offset: 0 });
    for (const [res, id] of [[found, person.idNumber], [none, stranger]] as const) {
      expect(JSON.stringify(res.body)).not.toContain(personRef(id));
      expect(JSON.stringify(res.body)).not.toContain(id);
    }
  });

  it('pages with limit and offset in the query, the total unchanged', async () => {
    expect((await search({ idNumber: person.idNumber }, '?limit=1&offset=1')).body).toEqual({ items: [expect.objectContaining({ id: closed.id })], total: 2, limit: 1, offset: 1 });
  });

  it('keeps the number out of the URL and out of the request log', async () => {
    await search({ idNumber: person.idNumber });

    const lines = await requestLines('/applications/search');
    expect(lines.some((l) => l.includes('"url":"/applications/search"'))).toBe(true);
    expect(logged.join('')).not.toContain(person.idNumber);
    expect(logged.join('')).not.toContain(person.idNumber.slice(6, 14));
  });

  it('refuses a mistyped ID number (400 naming idNumber, not echoing it)', async () => {
    const wrong = withWrongCheckDigit(person.idNumber);
    const problem = expectProblem(await search({ idNumber: wrong }), 400, 'INVALID_INPUT');

    expect(fieldsOf(problem)).toEqual(['idNumber']);
    expect(JSON.stringify(problem)).not.toContain(wrong);
  });

  it.each([
    ['nothing to search by', 'idNumber', {}],
    ['an ID number and a name at once', 'name', { idNumber: idNumber('1970-01-01'), name: '王某某', townshipCode: '640202001' }],
    ['a name without the township', 'townshipCode', { name: '王某某' }],
    ['a township that is not one', 'townshipCode', { name: '王某某', townshipCode: '6402' }],
    ['a field it does not have', 'personRef', { personRef: 'a'.repeat(64) }],
  ])('refuses %s (400 naming %s)', async (_what, field, body) => {
    expect(fieldsOf(expectProblem(await search(body), 400, 'INVALID_INPUT'))).toContain(field);
  });
});

describe('whose case it is: the applicant’s name, address and phone', () => {
  const contact = { name: '马某某', address: '石嘴山市大武口区长胜街道某某小区3号楼2单元501', phone: '13995212345' };
  const township = '640202001';
  let c: any;

  beforeAll(async () => {
    c = await file({ ...dibaoHousehold(), townshipCode: township }, contact);
    expect((await call('POST', `/applications/${c.id}/submit`, { expectedVersion: 1 })).status).toBe(200);
  });

  it('is stored with the case and shown in the case view', async () => {
    expect(c.contact).toEqual(contact);
    expect((await call('GET', `/applications/${c.id}`)).body.contact).toEqual(contact);
  });

  it('is in no event the case wrote, and in no log line', async () => {
    const events = JSON.stringify(await eventsOf(svc.url));
    await requestLines(`/applications/${c.id}/submit`);

    expect(events).toContain(c.id);
    for (const value of Object.values(contact)) {
      expect(events).not.toContain(value);
      expect(logged.join('')).not.toContain(value);
    }
  });

  it('is optional: a case filed without it shows every field as null', async () => {
    expect((await file(dibaoHousehold())).contact).toEqual({ name: null, address: null, phone: null });
  });

  it('is replaced by an edit of the draft that gives it, and kept by one that does not', async () => {
    const draft = await file(dibaoHousehold(), contact);
    const household = dibaoHousehold();

    const kept = await call('PUT', `/applications/${draft.id}/household`, { expectedVersion: 1, household });
    const replaced = await call('PUT', `/applications/${draft.id}/household`, { expectedVersion: 2, household, contact: { phone: '0952-2012345' } });

    expect(kept.body.contact).toEqual(contact);
    expect(replaced.body.contact).toEqual({ name: null, address: null, phone: '0952-2012345' });
  });

  it.each([
    ['a phone that is neither a mobile nor a landline', 'contact.phone', { phone: '13995' }],
    ['a name of 51 characters', 'contact.name', { name: '王'.repeat(51) }],
    ['a name of spaces only', 'contact.name', { name: '   ' }],
    ['a name with a line break', 'contact.name', { name: '王\n某' }],
    ['an address of 201 characters', 'contact.address', { address: '街'.repeat(201) }],
    ['a field it does not have', 'contact.email', { email: 'a@b.cn' }],
  ])('refuses %s (400 naming %s, never echoing the value) and files nothing', async (_what, field, bad) => {
    const before = (await call('GET', '/applications')).body.total;

    const problem = expectProblem(await call('POST', '/applications', { household: dibaoHousehold(), contact: { ...contact, ...bad } }), 400, 'INVALID_INPUT');

    expect(fieldsOf(problem)).toEqual([field]);
    expect(JSON.stringify(problem)).not.toContain(Object.values(bad)[0].trim() || '\u0000');
    expect((await call('GET', '/applications')).body.total).toBe(before);
  });

  it('finds the cases of a name within one township, not those of the same name elsewhere', async () => {
    const second = await file({ ...ineligibleHousehold(), townshipCode: township }, { name: contact.name });
    await file({ ...ineligibleHousehold(), districtCode: '640205', townshipCode: '640205001' }, { name: contact.name });
    await file({ ...ineligibleHousehold(), townshipCode: township }, { name: '马某' });

    const res = await search({ name: ` ${contact.name} `, townshipCode: township });

    expect(res.body).toEqual({ items: [expect.objectContaining({ id: second.id }), expect.objectContaining({ id: c.id })], total: 2, limit: 50, offset: 0 });
    expect(JSON.stringify(res.body)).not.toContain(contact.name);
  });

  it('is not a query parameter: GET /applications?name= is refused, and neither the problem nor the log line carries the name', async () => {
    const problem = expectProblem(await call('GET', `/applications?name=${encodeURIComponent(contact.name)}&townshipCode=${township}`), 400, 'INVALID_INPUT');

    expect(fieldsOf(problem)).toEqual(['name']);
    expect(JSON.stringify(problem)).not.toContain(contact.name);
    const lines = await requestLines('/applications?name=');
    expect(lines.join('')).toContain('/applications?name=[redacted]&townshipCode=640202001');
    expect(logged.join('')).not.toContain(encodeURIComponent(contact.name));
  });
});

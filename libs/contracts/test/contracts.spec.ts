import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ALL_EVENT_CONTRACTS, asyncApiDocument, contractForPattern, envelopeFromMessage, envelopeToHeaders, MAX_EVENT_BYTES, MAX_PAYLOAD_DEPTH, patternOf, REF_PATTERN, validatePayload } from '../src';

describe('event contracts', () => {
  it.each(ALL_EVENT_CONTRACTS.map((c) => [patternOf(c), c] as const))('%s: its example satisfies its own validation rules', (_, c) => {
    expect(validatePayload(c, c.example)).toEqual({ ok: true, value: expect.any(c.payloadClass) });
  });

  it.each(ALL_EVENT_CONTRACTS.map((c) => [patternOf(c), c] as const))('%s: lives on a versioned topic of its producer', (_, c) => {
    expect(c.topic).toMatch(new RegExp(`^${c.type.split('.')[0]}\\.[a-z-]+\\.v\\d+$`));
    expect(contractForPattern(patternOf(c))).toBe(c);
  });

  it('every pattern (type + version) is unique: a breaking change is a new version beside the old one', () => {
    const patterns = ALL_EVENT_CONTRACTS.map(patternOf);
    expect(new Set(patterns).size).toBe(patterns.length);
  });

  it.each(ALL_EVENT_CONTRACTS.map((c) => [patternOf(c), c] as const))('%s: keyed by an aggregate reference or district/area, never by personal data', (_, c) => {
    const key = c.keyOf(c.example);
    // region/month: a price-subsidy batch (one region's one month).
    expect(REF_PATTERN.test(key) || /^\d{6}\/(urban|rural)$/.test(key) || /^\d{6}\/\d{4}-(0[1-9]|1[0-2])$/.test(key)).toBe(true);
  });

  it.each(ALL_EVENT_CONTRACTS.map((c) => [patternOf(c), c] as const))('%s: the payload class has no field for names, ID numbers, phones or addresses', (_, c) => {
    const fields = Object.keys(c.example).map((f) => f.toLowerCase());
    for (const forbidden of ['name', 'idnumber', 'phone', 'address']) expect(fields.filter((f) => f.includes(forbidden))).toEqual([]);
  });

  it('reports each violated field of an invalid payload, with the reason', () => {
    const c = ALL_EVENT_CONTRACTS.find((x) => x.type === 'living-allowance.case.approved')!;
    const r = validatePayload(c, { ...c.example, monthlyBenefitFen: -1, householdRef: 'Zhang San', extra: 1 });
    expect(r.ok).toBe(false);
    const fields = r.ok ? [] : r.violations.map((v) => v.field);
    expect(fields).toEqual(expect.arrayContaining(['monthlyBenefitFen', 'householdRef']));
  });

  it('a payload nesting 1 500 levels deep (issue 10) is a violation, not a stack overflow', () => {
    const c = ALL_EVENT_CONTRACTS.find((x) => x.type === 'elder-assessment.assessment.completed')!;
    const deep = JSON.parse(`{"a":${'['.repeat(1500)}${']'.repeat(1500)}}`);
    expect(validatePayload(c, deep)).toEqual({ ok: false, violations: [{ field: '', reason: `payload nests deeper than ${MAX_PAYLOAD_DEPTH} levels` }] });
    // Every contract's own example is well within the limit.
    for (const x of ALL_EVENT_CONTRACTS) expect(validatePayload(x, x.example).ok).toBe(true);
  });

  it('refuses a payload Postgres or class-transformer could not take: a prototype key, a string that is not text', () => {
    const c = ALL_EVENT_CONTRACTS.find((x) => x.type === 'living-allowance.case.approved')!;
    expect(validatePayload(c, JSON.parse(`{"caseId":"x","__proto__":{"admin":true}}`))).toEqual({ ok: false, violations: [{ field: '__proto__', reason: 'should not exist' }] });
    expect(validatePayload(c, { ...c.example, districtCode: '6402\u000002' })).toEqual({ ok: false, violations: [{ field: 'districtCode', reason: expect.stringMatching(/NUL/) }] });
  });

  it('refuses a payload that is not an object', () => {
    const c = ALL_EVENT_CONTRACTS[0];
    expect(validatePayload(c, [1, 2]).ok).toBe(false);
    expect(validatePayload(c, null).ok).toBe(false);
  });

  it('round-trips the CloudEvents envelope through Kafka headers (binary content mode)', () => {
    const c = ALL_EVENT_CONTRACTS[0];
    const e = {
      id: '8f7c1f3e-7a86-4d8e-9bd5-1e4c3f1d2a11',
      source: 'living-allowance',
      type: c.type,
      specversion: '1.0' as const,
      time: '2026-03-02T02:00:00.000Z',
      subject: c.keyOf(c.example),
      datacontenttype: 'application/json' as const,
      dataschema: `urn:jiuzhu:schema:${c.type}:v1`,
      version: 1,
      data: c.example,
    };
    const back = envelopeFromMessage(envelopeToHeaders(e), JSON.stringify(c.example));
    expect(back).toEqual({ ok: true, envelope: e });
  });

  it('tells why a message is not one of ours', () => {
    expect(envelopeFromMessage({}, '{}')).toEqual({ ok: false, reason: 'missing header ce_id' });
    const h = envelopeToHeaders({ id: '8f7c1f3e-7a86-4d8e-9bd5-1e4c3f1d2a11', source: 's', type: 't', specversion: '1.0', time: 't', subject: 's', datacontenttype: 'application/json', dataschema: 'd', version: 1, data: {} });
    expect(envelopeFromMessage(h, '{not json')).toEqual({ ok: false, reason: 'value is not JSON' });
    expect(envelopeFromMessage(h, `{"a":"${'x'.repeat(MAX_EVENT_BYTES)}"}`)).toEqual({ ok: false, reason: `value is ${MAX_EVENT_BYTES + 8} bytes, more than ${MAX_EVENT_BYTES}` });
    expect(envelopeFromMessage({ ...h, ce_id: 'not-a-uuid' }, '{}')).toEqual({ ok: false, reason: 'header ce_id is not a UUID' });
  });
});

describe('published contract documents', () => {
  // docs/asyncapi.json and docs/schemas/ are what other teams read; regenerate with `npm run contracts:docs`.
  it('docs/asyncapi.json matches the contracts in code', () => {
    const committed = JSON.parse(readFileSync(join(__dirname, '../../../docs/asyncapi.json'), 'utf8'));
    expect(committed).toEqual(JSON.parse(JSON.stringify(asyncApiDocument(ALL_EVENT_CONTRACTS))));
  });
});

import { bedsToAdd, bedTakes, BedState, moveReason, registerInstitution, retireBed } from './care-institutions';

const bed = (o: Partial<BedState> = {}): BedState => ({ id: 'bed-1', institutionId: 'inst-1', code: 'A-101', retired: false, occupiedByCaseId: null, ...o });
const codeOf = (o: { ok: boolean; violation?: { code: string } }) => (o.ok ? 'ok' : o.violation!.code);
const fieldsOf = (o: { ok: boolean; violation?: { fields?: readonly { field: string }[] } }) => (o.ok ? [] : (o.violation!.fields ?? []).map((f) => f.field));

describe('registering an institution', () => {
  const base = { name: ' 大武口区供养服务中心 ', kind: 'support_facility' as const, districtCode: '640202', townshipCode: null, beds: [{ code: 'A-101', kind: 'nursing' as const }] };

  it('keeps the name trimmed; a district facility has no township', () => {
    const r = registerInstitution(base);
    expect(r.ok && r.value).toMatchObject({ name: '大武口区供养服务中心', townshipCode: null });
  });

  it.each([
    [{ name: '   ' }, 'HARDSHIP.INSTITUTION_NAME_INVALID', 'name'],
    [{ name: '院'.repeat(101) }, 'HARDSHIP.INSTITUTION_NAME_INVALID', 'name'],
    [{ districtCode: '640201' }, 'HARDSHIP.DISTRICT_UNKNOWN', 'districtCode'],
    [{ townshipCode: '640205001' }, 'HARDSHIP.TOWNSHIP_OUTSIDE_DISTRICT', 'townshipCode'],
  ])('refuses %j with %s naming %s', (change, code, field) => {
    const r = registerInstitution({ ...base, ...change });
    expect(codeOf(r)).toBe(code);
    expect(fieldsOf(r)).toEqual([field]);
  });
});

describe('adding beds', () => {
  it.each([
    [[{ code: 'A 1', kind: 'nursing' as const }], [], 'HARDSHIP.BED_CODE_INVALID', 'beds[0].code'],
    [[{ code: 'A-1', kind: 'nursing' as const }, { code: 'A-1', kind: 'ordinary' as const }], [], 'HARDSHIP.BED_CODE_REPEATED', 'beds[1].code'],
    [[{ code: 'A-1', kind: 'nursing' as const }], ['A-1'], 'HARDSHIP.BED_CODE_TAKEN', 'beds[0].code'],
  ])('refuses %j beside beds in service %j with %s naming %s', (beds, inService, code, field) => {
    const r = bedsToAdd(beds, inService);
    expect(codeOf(r)).toBe(code);
    expect(fieldsOf(r)).toEqual([field]);
  });

  it('a code of a retired bed (no longer in service) may be given again', () => {
    expect(codeOf(bedsToAdd([{ code: 'A-1', kind: 'nursing' }], []))).toBe('ok');
  });

  it('at most 500 beds in one request', () => {
    expect(codeOf(bedsToAdd(Array.from({ length: 501 }, (_, i) => ({ code: `B-${i}`, kind: 'ordinary' as const })), []))).toBe('HARDSHIP.TOO_MANY_BEDS');
  });
});

describe('a bed holds one person at a time', () => {
  it.each([
    ['an empty bed in service takes the person', bed(), 'ok'],
    ['a bed already occupied cannot take a second person', bed({ occupiedByCaseId: 'case-2' }), 'HARDSHIP.BED_OCCUPIED'],
    ['the person’s own bed is not refused here (the case says nothing changes)', bed({ occupiedByCaseId: 'case-1' }), 'ok'],
    ['a retired bed takes nobody', bed({ retired: true }), 'HARDSHIP.BED_RETIRED'],
  ])('%s', (_rule, b, code) => {
    expect(codeOf(bedTakes(b, 'case-1'))).toBe(code);
  });

  it.each([
    ['an empty bed is retired', bed(), 'ok'],
    ['an occupied bed cannot be retired (the person is moved first)', bed({ occupiedByCaseId: 'case-2' }), 'HARDSHIP.BED_OCCUPIED'],
    ['a retired bed is not retired twice', bed({ retired: true }), 'HARDSHIP.BED_RETIRED'],
  ])('%s', (_rule, b, code) => {
    expect(codeOf(retireBed(b))).toBe(code);
  });
});

describe('why a care-setting period begins', () => {
  it.each([
    ['home', 'institution', 'placed'],
    ['institution', 'institution', 'transferred'],
    ['institution', 'home', 'returned_home'],
  ] as const)('from %s to %s: %s', (from, to, reason) => {
    expect(moveReason(from, to)).toBe(reason);
  });
});

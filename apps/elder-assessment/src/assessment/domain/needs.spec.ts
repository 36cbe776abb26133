import { NEED_KIND_NAMES, NEED_KINDS, validateNeeds } from './needs';

describe('needs assessment (需求评估): ten kinds of home-care help', () => {
  it('knows the ten kinds of the catalogue, each with its Chinese name', () => {
    expect(NEED_KINDS).toHaveLength(10);
    expect(NEED_KINDS.map((k) => NEED_KIND_NAMES[k].zh)).toEqual(['助餐', '助浴', '助医', '助洁', '助急', '助行', '助购', '助乐', '精神慰藉', '助学']);
  });

  it.each([
    ['no needs at all', [], []],
    ['every kind once, some with a note', NEED_KINDS.map((kind, i) => (i % 2 ? { kind } : { kind, note: 'x' })), []],
    ['not a list', { kind: 'meals' }, ['needs:not_a_list']],
    ['an unknown kind', [{ kind: 'gardening' }], ['needs[0].kind:unknown_kind']],
    ['a kind twice', [{ kind: 'meals' }, { kind: 'bathing' }, { kind: 'meals' }], ['needs[2].kind:duplicate_kind']],
    ['a note that is not text', [{ kind: 'meals', note: 3 }], ['needs[0].note:not_text']],
    ['a note over 500 characters', [{ kind: 'meals', note: 'x'.repeat(501) }], ['needs[0].note:too_long']],
    ['an entry that is not an object', [null], ['needs[0].kind:unknown_kind']],
  ])('%s', (_what, needs, expected) => {
    expect(validateNeeds(needs).map((p) => `${p.field}:${p.reason}`)).toEqual(expected);
  });
});

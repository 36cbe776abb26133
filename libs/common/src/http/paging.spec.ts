import { FieldProblem } from '../errors';
import { readPage } from './paging';

describe('paging of a list (limit and offset from the query string)', () => {
  const read = (q: { limit?: unknown; offset?: unknown }, bounds?: { defaultLimit?: number; maxLimit?: number }) => {
    const problems: FieldProblem[] = [];
    const page = readPage(q, problems, bounds);
    return { page, fields: problems.map((p) => p.field) };
  };

  it('no limit or offset given: the first page of the default size', () => {
    expect(read({})).toEqual({ page: { limit: 50, offset: 0 }, fields: [] });
    expect(read({}, { defaultLimit: 100 }).page.limit).toBe(100);
  });

  it('a limit at the bound is accepted, one above it is refused naming limit', () => {
    expect(read({ limit: '500', offset: '1000' })).toEqual({ page: { limit: 500, offset: 1000 }, fields: [] });
    expect(read({ limit: '501' }).fields).toEqual(['limit']);
    expect(read({ limit: '21' }, { maxLimit: 20 }).fields).toEqual(['limit']);
  });

  it.each([['0'], ['-1'], ['1.5'], ['abc'], [''], ['1e3'], [['10', '20']]])('limit %j is refused naming limit', (limit) => {
    expect(read({ limit }).fields).toEqual(['limit']);
  });

  it.each([['-1'], ['x'], ['2000000'], ['9007199254740993']])('offset %j is refused naming offset', (offset) => {
    expect(read({ offset }).fields).toEqual(['offset']);
  });

  it('both bad: both are named in one answer', () => {
    expect(read({ limit: '0', offset: '-3' }).fields).toEqual(['limit', 'offset']);
  });
});

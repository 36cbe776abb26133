import { CASE_STATUSES, CaseStatus } from '../../cases/domain/case-status';
import { publicityDecision, publicityList } from './publicity';

const RULES = { minorBelowAge: 18 };
const ON = '2026-06-01';
const ADULT = '1961-03-02';
const MINOR = '2010-06-15';

describe('publicity (民办函〔2024〕31号 "谁救助谁公示、救助谁公示谁")', () => {
  it.each<[CaseStatus, boolean]>(CASE_STATUSES.map((s) => [s, s === 'supported' || s === 'terminating']))('an adult whose case is %s may be posted: %p', (status, mayPost) => {
    expect(publicityDecision({ status, birthDate: ADULT }, RULES, ON).mayPost).toBe(mayPost);
  });

  it.each<CaseStatus>(['investigating', 'notice', 'confirming', 'refused', 'withdrawn'])('someone merely applying or investigated (%s) is never posted', (status) => {
    expect(publicityDecision({ status, birthDate: ADULT }, RULES, ON)).toMatchObject({ mayPost: false, reason: 'not_granted', outcome: { code: 'HARDSHIP.PUBLICITY.MAY_BE_POSTED', passed: false } });
  });

  it.each<CaseStatus>(CASE_STATUSES)('a minor (case %s) is never posted', (status) => {
    expect(publicityDecision({ status, birthDate: MINOR }, RULES, ON).mayPost).toBe(false);
  });

  it('a person granted support as a minor is posted from their 18th birthday', () => {
    expect(publicityDecision({ status: 'supported', birthDate: '2008-06-01' }, RULES, '2026-05-31')).toMatchObject({ mayPost: false, reason: 'minor' });
    expect(publicityDecision({ status: 'supported', birthDate: '2008-06-01' }, RULES, '2026-06-01')).toMatchObject({ mayPost: true, reason: 'granted' });
  });

  it('a person whose support ended is no longer posted', () => {
    expect(publicityDecision({ status: 'terminated', birthDate: ADULT }, RULES, ON)).toMatchObject({ mayPost: false, reason: 'support_ended' });
  });

  it('the list keeps only those who may be posted, in their order', () => {
    const people = [
      { id: 1, status: 'supported' as const, birthDate: ADULT },
      { id: 2, status: 'supported' as const, birthDate: MINOR },
      { id: 3, status: 'notice' as const, birthDate: ADULT },
      { id: 4, status: 'terminating' as const, birthDate: ADULT },
    ];
    expect(publicityList(people, RULES, ON).map((p) => p.id)).toEqual([1, 4]);
  });
});

import { TopUpRule } from '../../parameters/domain/parameter-keys';
import { HouseholdMember } from './household';
import { topUpsFor } from './top-ups';

const member = (extra: Partial<HouseholdMember> = {}): HouseholdMember => ({ idNumber: 'n/a', relation: 'applicant', ...extra });
const codes = (rules: TopUpRule[], m: HouseholdMember, age: number) => topUpsFor(m, age, rules, 78000).map((g) => g.rule.code);

describe('top-up rules as data', () => {
  it('within a group, a tie goes to the rule listed first', () => {
    const rules: TopUpRule[] = [
      { code: 'A', group: 'health', when: { disabilityGrades: [1] }, shareBp: 2000 },
      { code: 'B', group: 'health', when: { seriousIllness: true }, shareBp: 2000 },
    ];
    expect(codes(rules, member({ disability: { grade: 1, kind: 'physical' }, seriousIllness: true }), 40)).toEqual(['A']);
  });

  it('a later, higher share in the same group replaces an earlier one', () => {
    const rules: TopUpRule[] = [
      { code: 'LOW', group: 'g', when: {}, shareBp: 500 },
      { code: 'HIGH', group: 'g', when: {}, shareBp: 1500 },
    ];
    expect(codes(rules, member(), 40)).toEqual(['HIGH']);
  });

  it('requires every stated condition (an age band is minAge and maxAgeExclusive together)', () => {
    const rules: TopUpRule[] = [{ code: 'AGED_60_TO_69', group: 'age', when: { minAge: 60, maxAgeExclusive: 70 }, shareBp: 1000 }];
    expect([59, 60, 69, 70].map((age) => codes(rules, member(), age))).toEqual([[], ['AGED_60_TO_69'], ['AGED_60_TO_69'], []]);
  });

  it.each([
    ['complete', ['CARE']],
    ['severe', ['CARE']],
    ['moderate', []],
    [undefined, []],
  ] as const)('a care-needs top-up for severe or complete loss of ability: a member assessed %s gets %j', (level, expected) => {
    const rules: TopUpRule[] = [{ code: 'CARE', group: 'health', when: { abilityLevels: ['severe', 'complete'] }, shareBp: 2000 }];
    const m = member(level ? { abilityAssessment: { level, assessmentId: 'x', assessedOn: '2026-01-01' } } : {});
    expect(codes(rules, m, 75)).toEqual(expected);
  });

  it('severe loss of ability and a grade-1 disability are one health top-up, not two', () => {
    const rules: TopUpRule[] = [
      { code: 'DISABILITY', group: 'health', when: { disabilityGrades: [1, 2] }, shareBp: 2000 },
      { code: 'CARE', group: 'health', when: { abilityLevels: ['severe', 'complete'] }, shareBp: 2000 },
    ];
    const m = member({ disability: { grade: 1, kind: 'physical' }, abilityAssessment: { level: 'complete', assessmentId: 'x', assessedOn: '2026-01-01' } });
    expect(codes(rules, m, 75)).toEqual(['DISABILITY']);
  });

  it('never grants a share of 0, which is how a province switches a top-up off', () => {
    expect(codes([{ code: 'OFF', group: 'g', when: {}, shareBp: 0 }], member(), 40)).toEqual([]);
  });

  it('orders granted top-ups by the first appearance of their group in the parameters', () => {
    const rules: TopUpRule[] = [
      { code: 'H', group: 'health', when: { seriousIllness: true }, shareBp: 2000 },
      { code: 'AGE', group: 'age', when: { minAge: 60 }, shareBp: 1000 },
    ];
    expect(codes(rules, member({ seriousIllness: true }), 65)).toEqual(['H', 'AGE']);
  });

  it('grants at most one rule per group, groups in order of first appearance, a tie in a group going to the rule listed first', () => {
    const rules: TopUpRule[] = ['age', 'age', 'health', 'age', 'other', 'health'].map((group, i) => ({ code: `R${i}`, group, when: {}, shareBp: 100 }));
    expect(codes(rules, member(), 40)).toEqual(['R0', 'R2', 'R4']);
  });

  it('a disability condition never matches a member without a disability', () => {
    const rules: TopUpRule[] = [{ code: 'DISABILITY', group: 'health', when: { disabilityGrades: [1, 2, 3, 4] }, shareBp: 2000 }];
    expect(codes(rules, member(), 40)).toEqual([]);
    expect(codes(rules, member({ disability: { grade: 4, kind: 'visual' } }), 40)).toEqual(['DISABILITY']);
  });

  it('a condition on not being seriously ill excludes the seriously ill', () => {
    const rules: TopUpRule[] = [{ code: 'HEALTHY', group: 'g', when: { seriousIllness: false }, shareBp: 500 }];
    expect(codes(rules, member(), 40)).toEqual(['HEALTHY']);
    expect(codes(rules, member({ seriousIllness: true }), 40)).toEqual([]);
  });
});

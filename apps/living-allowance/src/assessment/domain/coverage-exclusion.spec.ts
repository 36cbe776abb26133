import { assessHousehold } from './assess-household';
import { applicant, ASSESSED_ON, defaultParams, householdOf, memberAged } from './assessment-inputs.fixtures';
import { Decision } from './decision';
import { Household } from './household';
import { renderDecision } from './render-decision';

const STANDARD = 78000;
const EXCLUDED = { ground: 'special_hardship' as const, conflictId: '6d1f2c8e-3b4a-4c5d-9e6f-7a8b9c0d1e2f', hardshipCaseId: '7e2f3d9f-4c5b-4d6e-8f70-8b9cad1e2f30' };

function assess(h: Household): Decision {
  const r = assessHousehold(h, defaultParams(), ASSESSED_ON);
  if (!r.ok) throw new Error(JSON.stringify(r.errors.map((e) => e.code)));
  return r.decision;
}

describe('a member supported as a special-hardship person is not among the people a dibao covers (policy.md §1, §3)', () => {
  it('a household of three with one member excluded is paid the gap for two: the per-capita test stays the household’s', () => {
    const whole = householdOf(3, { wageFen: 60000 });
    const excluded: Household = { ...whole, members: whole.members.map((m, i) => (i === 2 ? { ...m, coverageExclusion: EXCLUDED } : m)) };
    const before = assess(whole);
    const after = assess(excluded);
    // Per-capita income is still 600 ÷ 3 = 200 against 780: the person lives and earns in the household.
    expect(after.perCapitaIncomeFen).toBe(before.perCapitaIncomeFen);
    expect(after.outcome).toBe('dibao');
    expect(before.peopleCovered).toBe(3);
    expect(after.peopleCovered).toBe(2);
    // (780 × 3 − 600) × 2 ÷ 3 = 1160.00
    expect(after.householdGapFen).toBe(Math.round(((STANDARD * 3 - 60000) * 2) / 3));
    expect(after.monthlyBenefitFen).toBe(116000);
  });

  it('the decision explains whom it left out and why, in words', () => {
    const h = householdOf(2, { wageFen: 0 });
    h.members[1] = { ...h.members[1], coverageExclusion: EXCLUDED };
    const view = renderDecision(assess(h));
    const line = view.explanation.find((l) => l.step === 'coverage.excluded');
    expect(line?.text.zh).toContain('特困人员');
    expect(line?.text.en).toContain('not among the people this dibao covers');
    expect(view.explanation.find((l) => l.step === 'benefit.gap')?.text.en).toContain('1 covered');
  });

  it('an excluded member gets no top-up: an elder of 75 supported as 特困 adds nothing to the household’s dibao', () => {
    const h: Household = { ...householdOf(1, { wageFen: 0 }), members: [applicant(40), memberAged(75, ASSESSED_ON, { relation: 'parent' })] };
    const counted = assess(h);
    expect(counted.topUps.some((t) => t.memberIndex === 1)).toBe(true);
    h.members[1] = { ...h.members[1], coverageExclusion: EXCLUDED };
    expect(assess(h).topUps.some((t) => t.memberIndex === 1)).toBe(false);
  });

  it('an excluded member is never also a single-person inclusion of a low-income household', () => {
    const h: Household = {
      ...householdOf(2, { wageFen: 200000 }),
      members: [applicant(40), memberAged(45, ASSESSED_ON, { relation: 'spouse', disability: { grade: 1, kind: 'physical' } })],
    };
    expect(assess(h).singlePersonInclusions.map((i) => i.memberIndex)).toEqual([1]);
    h.members[1] = { ...h.members[1], coverageExclusion: EXCLUDED };
    expect(assess(h).singlePersonInclusions).toEqual([]);
  });
});

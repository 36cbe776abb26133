import { allPassed, DomainRule, failedOutcomes, ruleOutcome } from './domain-rule';

describe('named rule outcomes', () => {
  const atLeastOne: DomainRule<number> = {
    code: 'TEST.AT_LEAST_ONE',
    check: (n) => ruleOutcome('TEST.AT_LEAST_ONE', n >= 1, { zh: n >= 1 ? '符合' : '不符合', en: n >= 1 ? 'met' : 'not met' }),
  };

  it('a rule answers passed or not, with its stable code and a message in both languages', () => {
    expect(atLeastOne.check(0)).toEqual({ code: 'TEST.AT_LEAST_ONE', passed: false, message: { zh: '不符合', en: 'not met' } });
  });

  it('lists the failed outcomes and tells whether all passed', () => {
    const outcomes = [atLeastOne.check(1), atLeastOne.check(0)];
    expect(allPassed(outcomes)).toBe(false);
    expect(failedOutcomes(outcomes)).toEqual([outcomes[1]]);
    expect(allPassed([])).toBe(true);
  });
});

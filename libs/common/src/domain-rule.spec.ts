import { allPassed, DomainRule, failedOutcomes, RecordedRule, ruleOutcome } from './domain-rule';

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

  it('a recorded rule keeps the numbers of its verdict and words them only when asked', () => {
    const atLeast: RecordedRule<{ n: number; min: number }, { n: number; min: number }> = {
      code: 'TEST.AT_LEAST',
      check: ({ n, min }) => ({ code: 'TEST.AT_LEAST', passed: n >= min, args: { n, min } }),
      describe: ({ passed, args }) => ({ zh: `${args.n} ${passed ? '不少于' : '少于'} ${args.min}`, en: `${args.n} is ${passed ? 'at least' : 'below'} ${args.min}` }),
    };
    const check = atLeast.check({ n: 2, min: 3 });
    expect(check).toEqual({ code: 'TEST.AT_LEAST', passed: false, args: { n: 2, min: 3 } });
    expect(atLeast.describe(check)).toEqual({ zh: '2 少于 3', en: '2 is below 3' });
    expect(failedOutcomes([check, atLeast.check({ n: 3, min: 3 })])).toEqual([check]);
  });
});

import { CHINA_CALENDAR_2025_2026, LocalDate } from '@jiuzhu/common';
import { selfCareFromActivities, SELF_CARE_ACTIVITIES, ActivitiesRecord } from '../../care/domain/self-care';
import { assessCriteria } from '../../criteria/domain/assess-criteria';
import { computeEntitlement } from '../../entitlement/domain/compute-entitlement';
import { defaultParams, personFacts, STANDARD } from '../../persons/domain/person-facts.fixtures';
import { CareSetting, SelfCareAbility } from '../../persons/domain/vocabulary';
import { caseRulesFrom } from './case-rules';
import { CASE_ACTIONS, CASE_STATUSES, CaseAction, CaseStatus, TRANSITIONS } from './case-status';
import { stageDeadline } from './deadlines';
import { CaseFact, HardshipCase, Result } from './hardship-case';

const params = defaultParams('2026-02-10');
const RULES = caseRulesFrom(params, CHINA_CALENDAR_2025_2026);
const AT = '2026-02-10T02:00:00.000Z';
const ADULT = '1961-03-02';
/** Turns 18 on 2026-05-20. */
const MINOR = '2008-05-20';

const APPLIED_ON = '2026-02-10';
const INVESTIGATED_ON = '2026-03-10';
const CONFIRMED_ON = '2026-03-25';

const criteria = (birthDate: LocalDate, on: LocalDate = INVESTIGATED_ON, eligible = true) =>
  assessCriteria({ person: personFacts({ birthDate, ...(eligible ? {} : { incomes: [{ kind: 'wage', monthlyFen: 90000 }] }) }), standard: STANDARD, params, on });

const activities = (lost: number) => Object.fromEntries(SELF_CARE_ACTIVITIES.map((a, i) => [a, i >= lost])) as unknown as ActivitiesRecord;
const selfCare = (lost = 0) => selfCareFromActivities(activities(lost), params);
const entitlement = (tier: SelfCareAbility = 'full', careSetting: CareSetting = 'home', monthlyFen = 78000) => computeEntitlement({ standard: { ...STANDARD, monthlyFen }, selfCare: tier, careSetting, params });
const homeCare = () => ({ selfCare: selfCare(0), careSetting: 'home' as const, placement: null, entitlement: entitlement() });

function ok(r: Result): CaseFact[] {
  if (!r.ok) throw new Error(`expected success, got ${r.violation.code}: ${r.violation.message.en}`);
  return r.value;
}
function violation(r: Result) {
  if (r.ok) throw new Error(`expected a violation, got facts ${JSON.stringify(r.value)}`);
  return r.violation;
}

function applied(birthDate = ADULT): HardshipCase {
  const r = HardshipCase.apply({ id: 'case-1', personRef: 'p'.repeat(64), birthDate, districtCode: '640202', townshipCode: '640202001', area: 'urban', appliedOn: APPLIED_ON, by: 'caseworker', at: AT }, APPLIED_ON);
  if (!r.ok) throw new Error(r.violation.code);
  return r.value.hardshipCase;
}

/** A case brought to `status` through its intention methods: caseworker files, investigator investigates, approver decides. */
function caseIn(status: CaseStatus, birthDate = ADULT): HardshipCase {
  const c = applied(birthDate);
  if (status === 'investigating') return c;
  if (status === 'withdrawn') {
    ok(c.withdraw('caseworker', AT, APPLIED_ON));
    return c;
  }
  const opinion = status === 'refused' ? 'refuse' : 'grant';
  ok(c.investigate({ criteria: criteria(birthDate), opinion, ...(opinion === 'refuse' ? { reasonCode: 'HAS_MEANS_OF_LIVING' as const } : {}) }, RULES, 'investigator', AT, INVESTIGATED_ON));
  if (status === 'notice') return c;
  if (c.state.status === 'notice') ok(c.closeNotice('system', AT, '2026-03-18'));
  if (status === 'confirming') return c;
  if (status === 'refused') {
    ok(c.refuse({ reasonCode: 'HAS_MEANS_OF_LIVING' }, RULES, 'approver', AT, '2026-04-03'));
    return c;
  }
  ok(c.confirm(homeCare(), RULES, 'approver', AT, CONFIRMED_ON));
  if (status === 'supported') return c;
  ok(c.proposeTermination({ ground: 'voluntary' }, RULES, 'caseworker', AT, '2026-06-01'));
  if (status === 'terminating') return c;
  ok(c.terminate({ countedIncomeFen: 0, standardFen: 78000 }, 'approver', AT, '2026-06-09'));
  return c;
}

/** Each action with inputs that would pass in the right status. */
function act(c: HardshipCase, action: CaseAction): Result {
  switch (action) {
    case 'investigate_and_post':
    case 'investigate_without_notice':
      return c.investigate({ criteria: criteria(ADULT), opinion: 'grant' }, RULES, 'investigator', AT, INVESTIGATED_ON);
    case 'close_notice':
      return c.closeNotice('system', AT, '2026-12-01');
    case 'return_for_investigation':
      return c.returnForInvestigation('facts incomplete', 'approver', AT, CONFIRMED_ON);
    case 'confirm':
      return c.confirm(homeCare(), RULES, 'approver', AT, CONFIRMED_ON);
    case 'refuse':
      return c.refuse({ reasonCode: 'HAS_WORK_ABILITY' }, RULES, 'approver', AT, CONFIRMED_ON);
    case 'record_refusal_delivery':
      return c.recordRefusalDelivery('2026-04-07', 'caseworker', AT, '2026-04-07');
    case 'withdraw':
      return c.withdraw('caseworker', AT, CONFIRMED_ON);
    case 'change_entitlement':
      return c.applyNewStandard(entitlement('full', 'home', 80000), '2026-07-01', 'system', AT);
    case 'record_self_care':
      return c.recordSelfCare(selfCare(2), entitlement('partly_lost'), 'assessor', AT, '2026-06-01');
    case 'change_care_setting':
      return c.changeCareSetting({ careSetting: 'institution', placement: { institutionId: 'inst-1', bedId: 'bed-7' } }, entitlement('full', 'institution'), 'caseworker', AT, '2026-06-01');
    case 'review_at_adulthood':
      return c.reviewAtAdulthood(criteria(MINOR, '2026-05-20').conditions.noWorkAbility, RULES, 'caseworker', AT, '2026-05-20');
    case 'propose_termination':
      return c.proposeTermination({ ground: 'voluntary' }, RULES, 'caseworker', AT, '2026-06-01');
    case 'withdraw_termination':
      return c.withdrawTermination('objection upheld', 'approver', AT, '2026-06-03');
    case 'terminate':
      return c.terminate({ countedIncomeFen: 0, standardFen: 78000 }, 'approver', AT, '2026-12-01');
  }
}

describe('the lifecycle of a special-hardship case (民发〔2021〕43号)', () => {
  describe('every action not in the transition table is refused with a named violation', () => {
    const illegal = CASE_STATUSES.flatMap((s) => CASE_ACTIONS.filter((a) => !TRANSITIONS[s][a]).map((a) => [s, a] as const));
    it.each(illegal)('a case %s cannot %s', (status, action) => {
      const c = caseIn(status);
      const before = structuredClone(c.state);
      expect(violation(act(c, action))).toMatchObject({ code: 'HARDSHIP.ILLEGAL_TRANSITION', kind: 'conflict' });
      expect(c.state).toEqual(before);
    });
  });

  describe('apply → investigate → notice → confirm → supported from the next month', () => {
    it('a written application opens the investigation at the township of household registration', () => {
      const r = HardshipCase.apply({ id: 'c', personRef: 'p', birthDate: ADULT, districtCode: '640202', townshipCode: '640205001', area: 'urban', appliedOn: APPLIED_ON, by: 'caseworker', at: AT }, APPLIED_ON);
      expect(!r.ok && r.violation).toMatchObject({ code: 'HARDSHIP.TOWNSHIP_OUTSIDE_DISTRICT', fields: [{ field: 'townshipCode' }] });
      const c = applied();
      expect(c.state.status).toBe('investigating');
      expect(c.history).toEqual([{ action: 'apply', from: null, to: 'investigating', actor: 'caseworker', at: AT }]);
    });

    it('an application cannot be dated after today', () => {
      const r = HardshipCase.apply({ id: 'c', personRef: 'p', birthDate: ADULT, districtCode: '640202', townshipCode: '640202001', area: 'urban', appliedOn: '2026-02-11', by: 'caseworker', at: AT }, APPLIED_ON);
      expect(!r.ok && r.violation.code).toBe('HARDSHIP.APPLIED_IN_FUTURE');
    });

    it('an adult with an opinion to grant is posted for 7 calendar days, then confirmed; support starts the next month', () => {
      const c = applied();
      expect(ok(c.investigate({ criteria: criteria(ADULT), opinion: 'grant' }, RULES, 'investigator', AT, INVESTIGATED_ON))).toEqual([
        { kind: 'investigated', opinion: 'grant', eligible: true, on: INVESTIGATED_ON },
        { kind: 'notice_started', startedOn: INVESTIGATED_ON, endsOn: '2026-03-17' },
      ]);
      expect(violation(c.closeNotice('system', AT, '2026-03-17')).code).toBe('HARDSHIP.NOTICE_RUNNING');
      ok(c.closeNotice('system', AT, '2026-03-18'));
      expect(c.state.status).toBe('confirming');
      const facts = ok(c.confirm(homeCare(), RULES, 'approver', AT, CONFIRMED_ON));
      expect(facts).toEqual([{ kind: 'registered', on: CONFIRMED_ON, supportFromMonth: '2026-04', monthlyFen: 111400, selfCare: 'full', careSetting: 'home' }]);
      expect(c.state).toMatchObject({ status: 'supported', supportFromMonth: '2026-04', entitlementFromMonth: '2026-04', supportedAsMinor: false, minorReviewDueOn: null });
    });

    it('confirmation on the last day of a year starts support in January', () => {
      const c = caseIn('confirming');
      expect(ok(c.confirm(homeCare(), RULES, 'approver', AT, '2026-12-31'))[0]).toMatchObject({ supportFromMonth: '2027-01' });
    });

    it('an opinion to grant needs all three conditions met', () => {
      const c = applied();
      expect(violation(c.investigate({ criteria: criteria(ADULT, INVESTIGATED_ON, false), opinion: 'grant' }, RULES, 'investigator', AT, INVESTIGATED_ON)).code).toBe('HARDSHIP.OPINION_CONTRADICTS_CRITERIA');
    });

    it('an opinion to refuse names its reason and is not posted', () => {
      const c = applied();
      expect(violation(c.investigate({ criteria: criteria(ADULT, INVESTIGATED_ON, false), opinion: 'refuse' }, RULES, 'investigator', AT, INVESTIGATED_ON)).fields).toEqual([{ field: 'reasonCode', reason: 'is required for an opinion to refuse' }]);
      const facts = ok(c.investigate({ criteria: criteria(ADULT, INVESTIGATED_ON, false), opinion: 'refuse', reasonCode: 'HAS_MEANS_OF_LIVING' }, RULES, 'investigator', AT, INVESTIGATED_ON));
      expect(facts[1]).toEqual({ kind: 'notice_skipped', reason: 'refusal_opinion', on: INVESTIGATED_ON });
      expect(c.state).toMatchObject({ status: 'confirming', notice: null });
      expect(violation(c.confirm(homeCare(), RULES, 'approver', AT, CONFIRMED_ON)).code).toBe('HARDSHIP.NOT_RECOMMENDED');
    });

    it('the county may return a case for a new investigation, which is then posted anew', () => {
      const c = caseIn('confirming');
      ok(c.returnForInvestigation('neighbours report a business', 'approver', AT, CONFIRMED_ON));
      expect(c.state).toMatchObject({ status: 'investigating', notice: null });
      expect(ok(c.investigate({ criteria: criteria(ADULT, CONFIRMED_ON), opinion: 'grant' }, RULES, 'investigator-2', AT, CONFIRMED_ON))[1]).toMatchObject({ kind: 'notice_started' });
    });

    it('institutional care names the institution and the bed; home care names none', () => {
      const c = caseIn('confirming');
      const noBed = { ...homeCare(), careSetting: 'institution' as const, entitlement: entitlement('full', 'institution') };
      expect(violation(c.confirm(noBed, RULES, 'approver', AT, CONFIRMED_ON)).code).toBe('HARDSHIP.PLACEMENT_REQUIRED');
      expect(violation(c.confirm({ ...homeCare(), placement: { institutionId: 'i', bedId: 'b' } }, RULES, 'approver', AT, CONFIRMED_ON)).code).toBe('HARDSHIP.PLACEMENT_NOT_FOR_HOME_CARE');
      ok(c.confirm({ ...noBed, placement: { institutionId: 'inst-1', bedId: 'bed-7' } }, RULES, 'approver', AT, CONFIRMED_ON));
      expect(c.state).toMatchObject({ careSetting: 'institution', placement: { institutionId: 'inst-1', bedId: 'bed-7' } });
    });
  });

  describe('four-eyes: the caseworker ≠ the investigator ≠ the approver', () => {
    it('the caseworker who accepted the application cannot investigate it', () => {
      expect(violation(applied().investigate({ criteria: criteria(ADULT), opinion: 'grant' }, RULES, 'caseworker', AT, INVESTIGATED_ON))).toMatchObject({ code: 'HARDSHIP.FOUR_EYES.FILER_CANNOT_INVESTIGATE', kind: 'forbidden' });
    });

    it.each(['confirm', 'refuse', 'return_for_investigation'] as const)('the caseworker who accepted the application cannot %s it', (action) => {
      const c = caseIn('confirming');
      const r = action === 'confirm' ? c.confirm(homeCare(), RULES, 'caseworker', AT, CONFIRMED_ON) : action === 'refuse' ? c.refuse({ reasonCode: 'OTHER', note: 'x' }, RULES, 'caseworker', AT, CONFIRMED_ON) : c.returnForInvestigation('x', 'caseworker', AT, CONFIRMED_ON);
      expect(violation(r)).toMatchObject({ code: 'HARDSHIP.FOUR_EYES.FILER_CANNOT_CONFIRM', kind: 'forbidden' });
    });

    it.each(['confirm', 'refuse'] as const)('the investigator cannot %s the application they investigated', (action) => {
      const c = caseIn('confirming');
      const r = action === 'confirm' ? c.confirm(homeCare(), RULES, 'investigator', AT, CONFIRMED_ON) : c.refuse({ reasonCode: 'HAS_WORK_ABILITY' }, RULES, 'investigator', AT, CONFIRMED_ON);
      expect(violation(r)).toMatchObject({ code: 'HARDSHIP.FOUR_EYES.INVESTIGATOR_CANNOT_CONFIRM', kind: 'forbidden' });
      expect(c.state.status).toBe('confirming');
    });

    it('whoever proposed a termination cannot decide it', () => {
      const c = caseIn('terminating');
      expect(violation(c.terminate({ countedIncomeFen: 0, standardFen: 78000 }, 'caseworker', AT, '2026-06-09'))).toMatchObject({ code: 'HARDSHIP.FOUR_EYES.PROPOSER_CANNOT_TERMINATE', kind: 'forbidden' });
    });
  });

  describe('minors: never posted, reviewed at the 18th birthday', () => {
    it("a minor's case is never posted: the opinion goes straight to the county", () => {
      const c = applied(MINOR);
      const facts = ok(c.investigate({ criteria: criteria(MINOR), opinion: 'grant' }, RULES, 'investigator', AT, INVESTIGATED_ON));
      expect(facts).toEqual([
        { kind: 'investigated', opinion: 'grant', eligible: true, on: INVESTIGATED_ON },
        { kind: 'notice_skipped', reason: 'minor', on: INVESTIGATED_ON },
      ]);
      expect(c.state).toMatchObject({ status: 'confirming', notice: null });
      expect(c.history.map((h) => h.action)).toEqual(['apply', 'investigate_without_notice']);
    });

    it('a minor confirmed is reviewed on their 18th birthday', () => {
      const c = caseIn('supported', MINOR);
      expect(c.state).toMatchObject({ supportedAsMinor: true, minorReviewDueOn: '2026-05-20' });
    });

    it('the review is not due before the 18th birthday', () => {
      const c = caseIn('supported', MINOR);
      expect(violation(c.reviewAtAdulthood(criteria(MINOR, '2026-05-19').conditions.noWorkAbility, RULES, 'caseworker', AT, '2026-05-19')).code).toBe('HARDSHIP.MINOR_REVIEW_NOT_DUE');
    });

    it('support continues past 18 while still in school (as recorded), re-checked after a year', () => {
      const c = caseIn('supported', MINOR);
      const inSchool = assessCriteria({ person: personFacts({ birthDate: MINOR, supportedAsMinor: true, schooling: { enrolled: true, recordedOn: '2026-05-10' } }), standard: STANDARD, params, on: '2026-05-20' });
      expect(ok(c.reviewAtAdulthood(inSchool.conditions.noWorkAbility, RULES, 'caseworker', AT, '2026-05-20'))).toEqual([
        { kind: 'minor_review_continued', on: '2026-05-20', grounds: ['HARDSHIP.NO_WORK_ABILITY.IN_SCHOOL'], nextReviewOn: '2027-05-20' },
      ]);
      expect(c.state).toMatchObject({ status: 'supported', minorReviewDueOn: '2027-05-20' });
    });

    it('support of an 18-year-old not in school ends, with a 7-day notice never posted, and a referral to dibao', () => {
      const c = caseIn('supported', MINOR);
      const left = assessCriteria({ person: personFacts({ birthDate: MINOR, supportedAsMinor: true, schooling: { enrolled: false, recordedOn: '2026-05-10' } }), standard: STANDARD, params, on: '2026-05-20' });
      expect(ok(c.reviewAtAdulthood(left.conditions.noWorkAbility, RULES, 'caseworker', AT, '2026-05-20'))).toEqual([
        { kind: 'termination_proposed', ground: 'came_of_age', on: '2026-05-20', noticeEndsOn: '2026-05-27', posted: true },
      ]);
      expect(ok(c.terminate({ countedIncomeFen: 0, standardFen: 78000 }, 'approver', AT, '2026-05-28'))).toEqual([
        { kind: 'terminated', ground: 'came_of_age', on: '2026-05-28', stopsFromMonth: '2026-06' },
        { kind: 'referral_requested', ground: 'came_of_age', targets: ['dibao'], on: '2026-05-28' },
      ]);
    });

    it('a termination proposed while the person is still a minor is not posted', () => {
      const c = caseIn('supported', MINOR);
      expect(ok(c.proposeTermination({ ground: 'supporter_able' }, RULES, 'caseworker', AT, '2026-04-15'))).toEqual([
        { kind: 'termination_proposed', ground: 'supporter_able', on: '2026-04-15', noticeEndsOn: '2026-04-22', posted: false },
      ]);
    });

    it('an adult was not supported as a minor and has no coming-of-age review', () => {
      expect(violation(caseIn('supported').reviewAtAdulthood(criteria(ADULT, '2026-06-01').conditions.noWorkAbility, RULES, 'caseworker', AT, '2026-06-01')).code).toBe('HARDSHIP.NOT_A_MINOR_CASE');
    });
  });

  describe('deadlines in working days, on the published holiday calendar', () => {
    it('investigation: 15 working days after an application on 2026-02-10, across the Spring Festival and its 调休 Saturdays, is 2026-03-09', () => {
      const d = stageDeadline(applied().state, RULES, '2026-02-10')!;
      expect(d).toMatchObject({ kind: 'investigation', unit: 'working_days', length: 15, dueOn: '2026-03-09', overdue: false, calendarId: 'CN-STATE-COUNCIL-2025-2026' });
      expect(stageDeadline(applied().state, RULES, '2026-03-10')).toMatchObject({ overdue: true, workingDaysLeft: -1 });
    });

    it('notice: 7 calendar days', () => {
      expect(stageDeadline(caseIn('notice').state, RULES, '2026-03-12')).toMatchObject({ kind: 'public_notice', unit: 'calendar_days', dueOn: '2026-03-17', daysLeft: 5 });
    });

    it('confirmation: 15 working days after the notice ended on 2026-03-17, across Qingming, is 2026-04-08', () => {
      expect(stageDeadline(caseIn('confirming').state, RULES, '2026-03-18')).toMatchObject({ kind: 'county_confirmation', dueOn: '2026-04-08', overdue: false });
    });

    it("confirmation of a minor's case, never posted, counts from the investigation: 2026-03-31", () => {
      expect(stageDeadline(caseIn('confirming', MINOR).state, RULES, '2026-03-18')).toMatchObject({ kind: 'county_confirmation', dueOn: '2026-03-31' });
    });

    it('refusal in writing within 3 working days: refused on Friday 2026-04-03, before Qingming, due 2026-04-09', () => {
      const c = caseIn('refused');
      expect(c.state.refusal).toMatchObject({ reasonCode: 'HAS_MEANS_OF_LIVING', deliverBy: '2026-04-09' });
      expect(stageDeadline(c.state, RULES, '2026-04-07')).toMatchObject({ kind: 'refusal_notice', dueOn: '2026-04-09', workingDaysLeft: 2 });
      ok(c.recordRefusalDelivery('2026-04-10', 'caseworker', AT, '2026-04-10'));
      expect(c.state.refusal!.delivery).toEqual({ deliveredOn: '2026-04-10', recordedBy: 'caseworker', late: true });
      expect(stageDeadline(c.state, RULES, '2026-04-10')).toBeNull();
    });

    it('termination notice: 7 calendar days', () => {
      expect(stageDeadline(caseIn('terminating').state, RULES, '2026-06-08')).toMatchObject({ kind: 'termination_notice', dueOn: '2026-06-08', daysLeft: 0, overdue: false });
    });
  });

  describe('termination: 7-day notice, support stops from the next month, referral when the person may qualify', () => {
    it.each([
      ['death', null, []],
      ['declared_missing', null, []],
      ['imprisoned', 0, []],
      ['regained_work_ability', 50000, ['dibao']],
      ['regained_work_ability', 90000, ['temporary_assistance']],
      ['income_above_limit', 90000, []],
      ['property_above_limit', 0, []],
      ['supporter_able', null, ['dibao']],
      ['voluntary', 0, ['dibao']],
    ] as const)('ends on %s (income %p fen) from the next month, referring to %j', (ground, countedIncomeFen, targets) => {
      const c = caseIn('supported');
      const proposed = ok(c.proposeTermination({ ground }, RULES, 'caseworker', AT, '2026-06-01'));
      expect(proposed).toEqual([{ kind: 'termination_proposed', ground, on: '2026-06-01', noticeEndsOn: '2026-06-08', posted: true }]);
      expect(violation(c.terminate({ countedIncomeFen, standardFen: 78000 }, 'approver', AT, '2026-06-08')).code).toBe('HARDSHIP.TERMINATION_NOTICE_RUNNING');
      const facts = ok(c.terminate({ countedIncomeFen, standardFen: 78000 }, 'approver', AT, '2026-06-30'));
      expect(facts[0]).toEqual({ kind: 'terminated', ground, on: '2026-06-30', stopsFromMonth: '2026-07' });
      expect(facts.filter((f) => f.kind === 'referral_requested')).toEqual(targets.length ? [{ kind: 'referral_requested', ground, targets, on: '2026-06-30' }] : []);
      expect(c.state.termination).toMatchObject({ decidedBy: 'approver', stopsFromMonth: '2026-07', referral: { targets } });
    });

    it('a termination withdrawn (objection upheld) leaves the person supported', () => {
      const c = caseIn('terminating');
      expect(violation(c.withdrawTermination(' ', 'approver', AT, '2026-06-03')).code).toBe('HARDSHIP.NOTE_REQUIRED');
      expect(ok(c.withdrawTermination('the supporter is in fact disabled', 'approver', AT, '2026-06-03'))).toEqual([{ kind: 'termination_withdrawn', ground: 'voluntary', on: '2026-06-03' }]);
      expect(c.state).toMatchObject({ status: 'supported', termination: null });
    });
  });

  describe('the entitlement follows the standard, the self-care tier and the care setting', () => {
    it('a new dibao standard changes the entitlement from the month it takes effect', () => {
      const c = caseIn('supported');
      expect(ok(c.applyNewStandard(entitlement('full', 'home', 80000), '2026-07-01', 'system', AT))).toEqual([
        { kind: 'entitlement_changed', trigger: 'standard_published', fromMonth: '2026-07', monthlyFen: 114000, previousMonthlyFen: 111400 },
      ]);
      expect(c.state.entitlementFromMonth).toBe('2026-07');
    });

    it('the same standard delivered twice changes nothing the second time', () => {
      const c = caseIn('supported');
      ok(c.applyNewStandard(entitlement('full', 'home', 80000), '2026-07-01', 'system', AT));
      const history = c.history.length;
      expect(ok(c.applyNewStandard(entitlement('full', 'home', 80000), '2026-07-01', 'system', AT))).toEqual([]);
      expect(c.history).toHaveLength(history);
    });

    it('a standard back-dated before support began changes it from the first month of support', () => {
      const c = caseIn('supported');
      expect(ok(c.applyNewStandard(entitlement('full', 'home', 80000), '2026-01-01', 'system', AT))[0]).toMatchObject({ fromMonth: '2026-04' });
    });

    it('a new self-care tier changes the care allowance from the next month', () => {
      const c = caseIn('supported');
      expect(ok(c.recordSelfCare(selfCare(4), entitlement('fully_lost'), 'assessor', AT, '2026-06-15'))).toEqual([
        { kind: 'self_care_changed', from: 'full', to: 'fully_lost', on: '2026-06-15' },
        { kind: 'entitlement_changed', trigger: 'ability_result', fromMonth: '2026-07', monthlyFen: 161400, previousMonthlyFen: 111400 },
      ]);
    });

    it('a placement in an institution changes the care setting and the allowance from the next month', () => {
      const c = caseIn('supported');
      const to = { careSetting: 'institution' as const, placement: { institutionId: 'inst-1', bedId: 'bed-7' } };
      expect(ok(c.changeCareSetting(to, entitlement('full', 'institution'), 'caseworker', AT, '2026-06-15'))).toEqual([
        { kind: 'care_setting_changed', from: 'home', to: 'institution', on: '2026-06-15' },
        { kind: 'placement_changed', from: 'home', to: 'institution', placement: { institutionId: 'inst-1', bedId: 'bed-7' }, on: '2026-06-15' },
        { kind: 'entitlement_changed', trigger: 'care_setting_changed', fromMonth: '2026-07', monthlyFen: 116400, previousMonthlyFen: 111400 },
      ]);
      expect(violation(c.changeCareSetting(to, entitlement('full', 'institution'), 'caseworker', AT, '2026-06-16')).code).toBe('HARDSHIP.CARE_SETTING_UNCHANGED');
    });

    it('a transfer to another bed is a new placement but no change of care setting, and the allowance stays', () => {
      const c = caseIn('supported');
      ok(c.changeCareSetting({ careSetting: 'institution', placement: { institutionId: 'inst-1', bedId: 'bed-7' } }, entitlement('full', 'institution'), 'caseworker', AT, '2026-06-15'));
      expect(ok(c.changeCareSetting({ careSetting: 'institution', placement: { institutionId: 'inst-2', bedId: 'bed-1' } }, entitlement('full', 'institution'), 'caseworker', AT, '2026-06-20'))).toEqual([
        { kind: 'placement_changed', from: 'institution', to: 'institution', placement: { institutionId: 'inst-2', bedId: 'bed-1' }, on: '2026-06-20' },
      ]);
    });

    it('refuses an entitlement computed for another tier than the case has (a bug of the caller)', () => {
      expect(() => caseIn('supported').applyNewStandard(entitlement('fully_lost'), '2026-07-01', 'system', AT)).toThrow(RangeError);
    });
  });
});

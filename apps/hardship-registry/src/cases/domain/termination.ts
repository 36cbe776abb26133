import { LocalizedText } from '@jiuzhu/common';

/**
 * Grounds on which special-hardship support ends (终止救助供养, 民发〔2021〕43号; policy.md §3
 * "Ends"): death or being declared missing (or dead); regaining the ability to work; imprisonment;
 * income or property above the limits; a supporter becoming able; voluntary exit.
 * `came_of_age` is "regains ability to work" as it befalls a person supported as a minor: on
 * reaching the minor age limit, not in school and with no other ground (policy.md §3 minors).
 */
export const TERMINATION_GROUNDS = [
  'death',
  'declared_missing',
  'regained_work_ability',
  'came_of_age',
  'imprisoned',
  'income_above_limit',
  'property_above_limit',
  'supporter_able',
  'voluntary',
] as const;
export type TerminationGround = (typeof TERMINATION_GROUNDS)[number];

export const TERMINATION_GROUND_NAMES: Readonly<Record<TerminationGround, LocalizedText>> = {
  death: { zh: '死亡', en: 'death' },
  declared_missing: { zh: '被宣告失踪或者宣告死亡', en: 'declared missing or dead' },
  regained_work_ability: { zh: '具备或者恢复劳动能力', en: 'regained the ability to work' },
  came_of_age: { zh: '年满18周岁且不在校就读', en: 'came of age and is not in school' },
  imprisoned: { zh: '依法被判处刑罚，且在监狱服刑', en: 'imprisoned' },
  income_above_limit: { zh: '收入超过当地规定', en: 'income above the limit' },
  property_above_limit: { zh: '财产超过当地规定', en: 'property above the limits' },
  supporter_able: { zh: '法定义务人具有了履行义务能力或者新增具有履行义务能力的法定义务人', en: 'a supporter became able to meet the duty' },
  voluntary: { zh: '本人自愿申请退出', en: 'voluntary exit' },
};

export function isTerminationGround(x: unknown): x is TerminationGround {
  return typeof x === 'string' && (TERMINATION_GROUNDS as readonly string[]).includes(x);
}

/** Where a person leaving special-hardship support may be referred (转介). */
export const REFERRAL_TARGETS = ['dibao', 'temporary_assistance'] as const;
export type ReferralTarget = (typeof REFERRAL_TARGETS)[number];

/**
 * Nobody to refer: a person who died or was declared missing, or who is in prison (a prisoner is
 * provided for by the prison and not counted in a household, policy.md §1).
 */
const NO_REFERRAL: readonly TerminationGround[] = ['death', 'declared_missing', 'imprisoned'];

/**
 * Grounds that end support for a reason other than the person's own means: a gap may open before
 * the new support (a job, a supporter) begins, which temporary assistance exists to bridge.
 */
const TRANSITION_GROUNDS: readonly TerminationGround[] = ['regained_work_ability', 'came_of_age', 'supporter_able'];

export interface ReferralInput {
  ground: TerminationGround;
  /** The person's counted monthly income as last established; null when not known. */
  countedIncomeFen: number | null;
  /** The local dibao standard in force. */
  standardFen: number;
}

export interface Referral {
  targets: ReferralTarget[];
  /** Why, for the officer and the receiving service. */
  message: LocalizedText;
}

/**
 * policy.md §3 "Ends": the person is referred to dibao or temporary assistance if they may qualify
 * there; the receiving service assesses. The rule this service applies:
 * - none after death, being declared missing, or imprisonment;
 * - dibao when the person may pass its income test (income, when known, below the standard) and
 *   support did not end for property over the limits (dibao's own property test would fail too);
 * - otherwise temporary assistance when support ended for a transition (see TRANSITION_GROUNDS);
 * - otherwise none: a person whose own income or property ended support has means of living.
 */
export function referralFor({ ground, countedIncomeFen, standardFen }: ReferralInput): Referral {
  if (NO_REFERRAL.includes(ground)) {
    return { targets: [], message: { zh: `因${TERMINATION_GROUND_NAMES[ground].zh}终止，不转介。`, en: `Ended for ${TERMINATION_GROUND_NAMES[ground].en}: no referral.` } };
  }
  const incomeBelow = countedIncomeFen === null || countedIncomeFen < standardFen;
  if (incomeBelow && ground !== 'property_above_limit') {
    return {
      targets: ['dibao'],
      message: {
        zh: countedIncomeFen === null ? '收入情况未知，转介低保审核。' : '收入低于当地低保标准，可能符合低保条件，转介低保审核。',
        en: countedIncomeFen === null ? 'Income not known: referred to dibao for assessment.' : 'Income below the local dibao standard: may qualify for dibao, referred for assessment.',
      },
    };
  }
  if (TRANSITION_GROUNDS.includes(ground)) {
    return { targets: ['temporary_assistance'], message: { zh: '不符合低保收入条件，转介临时救助以应对过渡期困难。', en: 'Not within the dibao income test: referred to temporary assistance for the transition.' } };
  }
  return { targets: [], message: { zh: '收入或财产超过规定，具有生活来源，不转介。', en: 'Income or property over the limits: has means of living, no referral.' } };
}

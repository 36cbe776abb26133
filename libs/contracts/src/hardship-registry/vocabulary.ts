/**
 * The words hardship-registry's events carry, as stable codes (the service's glossary: care setting,
 * self-care tier, termination grounds, referral targets, dangers). Kept here, beside the contracts,
 * because a consumer reads them without the producer's code.
 */
export { SELF_CARE_ABILITIES } from '../elder-assessment/assessment-completed.v1';

/** 集中供养 (in an institution) / 分散供养 (at home). */
export const CARE_SETTINGS = ['institution', 'home'] as const;

/** Why support ended (民发〔2021〕43号《特困人员认定办法》, 终止救助供养). */
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

/** Where a person leaving special-hardship support is referred (转介). */
export const REFERRAL_TARGETS = ['dibao', 'temporary_assistance'] as const;

/** What re-computed an entitlement. */
export const ENTITLEMENT_TRIGGERS = ['standard_published', 'ability_result', 'care_setting_changed'] as const;

/** Dangers a visitor may find (巡视探访), each a lead for temporary assistance (主动发现). */
export const DANGER_KINDS = ['health_emergency', 'unsafe_housing', 'no_food_or_heating', 'abuse_or_neglect', 'not_found_at_home', 'other'] as const;

/** A person reference of the examples (a keyed hash, not anyone's). */
export const EXAMPLE_PERSON_REF = 'c7d8e9f0a1b2938475665544332211009988776655443322110099887766eeff';
export const EXAMPLE_CASE_ID = '9a7b6c5d-4e3f-4a1b-8c2d-1e0f9a8b7c6d';

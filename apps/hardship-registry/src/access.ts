import type { Role } from '@jiuzhu/auth';

/**
 * Who does what with special-hardship cases (issue 13; the roles of issue 12). Every route but the
 * standards' is jurisdiction-scoped: a case lies at the township of the person's household
 * registration, and each query keeps to the caller's jurisdiction in its SQL. No route admits
 * `service`: other services learn of registrations, entitlements and terminations from the events.
 */

/** The caseworker of the township (经办人) accepts the written application and keeps the case's records. */
export const APPLICANTS: readonly Role[] = ['caseworker'];

/** The township investigates (调查核实) and proposes terminations: the township reviewer, the "township investigator". */
export const INVESTIGATORS: readonly Role[] = ['township_reviewer'];

/** Who confirms or refuses (县级确认): the county, or the township where the county delegated it. */
export const CONFIRMERS: readonly Role[] = ['county_approver', 'township_approver'];

/** Who may propose a termination on a ground found: the township's caseworker or its reviewer. */
export const TERMINATION_PROPOSERS: readonly Role[] = ['caseworker', 'township_reviewer'];

/** Who works cases claimed from a queue. */
export const CLAIMERS: readonly Role[] = [...INVESTIGATORS, ...CONFIRMERS];

/** Who oversees the queues of their jurisdiction beside the officers who work them. */
export const QUEUE_OVERSEERS: readonly Role[] = ['supervisor', 'city_auditor'];

/**
 * Who reads cases and persons: the officers handling them in their jurisdiction, the supervisor, and
 * the city auditor (reads everything, changes nothing). Each read of a full record is audited.
 */
export const CASE_READERS: readonly Role[] = ['caseworker', 'township_reviewer', 'county_approver', 'township_approver', 'supervisor', 'city_auditor'];

/**
 * Who keeps the register of care institutions and their beds: the supervisor (业务主管) of the
 * district's civil-affairs bureau, within their jurisdiction. The beds are the bureau's reported
 * figures (the nursing-bed ratio is measured against the plan) and the institutions are under its
 * business supervision, so an accountable business officer registers them under their own name —
 * not the system administrator, whose role is the parameters and standards, nor the caseworker,
 * who places persons in the beds the register offers.
 */
export const INSTITUTION_KEEPERS: readonly Role[] = ['supervisor'];

/** Who places a supported person in an institution's bed, moves them, or sends them home: the township's caseworker, or the supervisor. */
export const PLACERS: readonly Role[] = ['caseworker', 'supervisor'];

/** Who reads the institutions with their beds and occupancy: the staff who read cases there. */
export const INSTITUTION_READERS: readonly Role[] = CASE_READERS;

/** Who reads the district reports: the county's approver and supervisor for their district, the city auditor for all. */
export const REPORT_READERS: readonly Role[] = ['county_approver', 'supervisor', 'city_auditor'];

/**
 * Who acknowledges a conflict with a dibao household (a person supported here also counted there):
 * the township's caseworker and reviewer, who check it with the dibao officers, and the confirmers.
 */
export const CONFLICT_ACKNOWLEDGERS: readonly Role[] = ['caseworker', 'township_reviewer', ...CONFIRMERS];

/**
 * Who visits persons supported at home (巡视探访) and records what they found: the township's
 * caseworker and its reviewer, in their jurisdiction.
 */
export const VISITORS: readonly Role[] = ['caseworker', 'township_reviewer'];

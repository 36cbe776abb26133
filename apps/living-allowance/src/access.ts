import type { Role } from '@jiuzhu/auth';

/**
 * The groups of roles living-allowance's routes declare (`@Access`), named for what the people in
 * them do with a case. Each route names its own roles; these are the groups several routes share.
 */

/**
 * Who reads cases: the officers who handle them in their jurisdiction, and the city auditor, who
 * reads everything and changes nothing. An administrator keeps the rules, not the cases, and reads
 * none; an assessor works in elder-assessment.
 */
export const CASE_READERS: readonly Role[] = ['caseworker', 'township_reviewer', 'county_approver', 'township_approver', 'supervisor', 'city_auditor'];

/** Who confirms a case (确认): the county, or the township where the county delegated it (which one, the process rule decides). */
export const CONFIRMERS: readonly Role[] = ['county_approver', 'township_approver'];

/** Who works cases claimed from a queue: township reviewers and the confirming officers. */
export const CLAIMERS: readonly Role[] = ['township_reviewer', ...CONFIRMERS];

/** Who oversees the work queues of their jurisdiction, beside the officers who work them: the supervisor and the city auditor. */
export const QUEUE_OVERSEERS: readonly Role[] = ['supervisor', 'city_auditor'];

/**
 * Who resolves a conflict between a dibao case and special-hardship support (hardship-conflicts):
 * the officers who decide what the case covers — the caseworker preparing it, the township that
 * checks it, and the confirming officer. Not the supervisor or the auditor, who read it.
 */
export const CONFLICT_RESOLVERS: readonly Role[] = ['caseworker', 'township_reviewer', ...CONFIRMERS];

/** Who takes up or closes a referral from special-hardship support (转介): the township's caseworker and reviewer. */
export const REFERRAL_HANDLERS: readonly Role[] = ['caseworker', 'township_reviewer'];

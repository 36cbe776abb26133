import type { Role } from '@jiuzhu/auth';

/**
 * Who does what with elder assessments (issue 12; docs/security.md "Elder assessments: who
 * records, who reads"). Every route is jurisdiction-scoped: an assessment lies in the district and
 * township where the elder lives, and each query keeps to the caller's jurisdiction in its SQL.
 *
 * No route admits `service`: other services learn results from the events (assessment.completed,
 * ability-loss.discovered, reassessment.overdue), never by reading this service's API, and an
 * administrator's business here is the parameters (libs/parameters declares those routes).
 */

/** Record an assessment: open, edit and complete it (GB/T 42195-2022: trained assessors assess). */
export const RECORDERS: readonly Role[] = ['assessor'];

/**
 * Record that the elder or the family contest a result. The assessor hears it at the visit; the
 * township's caseworker is where a family usually goes (街道/乡镇 受理), so either records it.
 */
export const DISPUTE_RECORDERS: readonly Role[] = ['assessor', 'caseworker'];

/**
 * Read an assessment and find a person's: the assessors; the supervisor who oversees them; the city
 * auditor, who reads everything and changes nothing; and the caseworker of the elder's township,
 * who arranges the care the level and the needs call for (特困供养, 居家养老服务) and so needs the
 * form that explains them. Each such read is audited (@AuditedRead).
 */
export const RESULT_READERS: readonly Role[] = ['assessor', 'supervisor', 'city_auditor', 'caseworker'];

/**
 * The assessors' work and its oversight: an assessment's history (who changed what) and the overdue
 * queue assessors work from. Caseworkers follow up overdue elders from the reassessment.overdue event.
 */
export const OVERSEERS: readonly Role[] = ['assessor', 'supervisor', 'city_auditor'];

/** Demand for home-care help, counts only (no person): everyone who plans or reads care in the area. */
export const NEEDS_READERS: readonly Role[] = ['assessor', 'supervisor', 'city_auditor', 'caseworker'];

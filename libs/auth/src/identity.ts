import { CITY } from '@jiuzhu/common';
import { isJurisdictionCode } from './jurisdiction';
import { isRole, Role } from './roles';

/** What a verified access token says about its bearer. */
export interface VerifiedIdentity {
  /** The token's subject: a staff id (never a name), recorded on every change. */
  staffId: string;
  /** The catalogue roles the token carries (roles.ts); others are dropped. */
  roles: Role[];
  /**
   * 640200, 640202 or 640202001 (jurisdiction.ts). Null only for a service token (roles: service
   * alone) without the claim: such a caller is admitted to routes declared `jurisdiction: 'any'` only.
   */
  jurisdiction: string | null;
  /** The OAuth client the token was issued to (`client_id`, RFC 9068; Keycloak's `azp`). */
  clientId?: string;
}

/**
 * Who is acting, as handlers receive it (`@CurrentActor()`): the shape of `Actor` in
 * @jiuzhu/common/http (`id`, `role`) plus the roles and jurisdiction, so code written for the
 * header-based actor keeps working. `role` is the role under which this request was admitted: the
 * first of the route's allowed roles that the actor holds.
 */
export interface Actor {
  id: string;
  role?: Role;
  roles: readonly Role[];
  jurisdiction: string | null;
  clientId?: string;
}

/** Where a provider puts roles and jurisdiction: a claim name, or a dotted path (`realm_access.roles`). */
export interface ClaimNames {
  roles: string;
  jurisdiction: string;
}

/** A staff id as every table records it: short, no spaces, nothing that reads as a name. */
export const STAFF_ID = /^[A-Za-z0-9._@:|-]{1,64}$/;

/** Whether a value has the shape of a staff id (a token's `sub`). */
export function isStaffId(value: unknown): value is string {
  return typeof value === 'string' && STAFF_ID.test(value);
}

/**
 * A member of staff named in a request (a second assessor, the officer a case is reassigned to): a
 * staff id without the `:` and `|` that the service's own jobs (`system:…`) and a provider's service
 * accounts carry, so no request can hand work to a machine.
 */
export const PERSON_STAFF_ID = /^[A-Za-z0-9._@-]{1,64}$/;

export type IdentityResult = { ok: true; identity: VerifiedIdentity } | { ok: false; reason: string };

/**
 * The claim at `path`: a claim of exactly that name first (namespaced claims such as
 * `https://bureau.example/roles` contain dots), else the dotted path through nested objects.
 */
export function claimAt(claims: Record<string, unknown>, path: string): unknown {
  if (Object.prototype.hasOwnProperty.call(claims, path)) return claims[path];
  let at: unknown = claims;
  for (const key of path.split('.')) {
    if (at === null || typeof at !== 'object' || Array.isArray(at) || !Object.prototype.hasOwnProperty.call(at, key)) return undefined;
    at = (at as Record<string, unknown>)[key];
  }
  return at;
}

/** The identity a token's (already verified) claims describe, or why they describe none. */
export function identityFromClaims(claims: Record<string, unknown>, names: ClaimNames): IdentityResult {
  const sub = claims.sub;
  if (!isStaffId(sub)) return { ok: false, reason: 'its subject (sub) is not a staff id: 1-64 letters, digits or ._@:|-' };

  const rawRoles = claimAt(claims, names.roles);
  let listed: unknown[];
  if (rawRoles === undefined) listed = [];
  else if (Array.isArray(rawRoles)) listed = rawRoles;
  else if (typeof rawRoles === 'string') listed = rawRoles.split(/[\s,]+/);
  else return { ok: false, reason: `its roles claim (${names.roles}) is neither a list nor a string` };
  const roles = [...new Set(listed.filter(isRole))];

  let jurisdiction: unknown = claimAt(claims, names.jurisdiction);
  // Keycloak maps a user attribute as a list when the mapper is multivalued.
  if (Array.isArray(jurisdiction) && jurisdiction.length === 1) jurisdiction = jurisdiction[0];
  if (jurisdiction === undefined || jurisdiction === null) {
    // A machine acting for the whole system (client credentials) has no place; a person always has.
    if (!(roles.length > 0 && roles.every((r) => r === 'service'))) {
      return { ok: false, reason: `it has no jurisdiction claim (${names.jurisdiction}); only a token whose one role is service may go without` };
    }
    jurisdiction = null;
  } else if (!isJurisdictionCode(jurisdiction)) {
    return { ok: false, reason: `its jurisdiction claim (${names.jurisdiction}) is not the city 640200, one of its districts or one of their townships` };
  }

  const client = typeof claims.client_id === 'string' ? claims.client_id : typeof claims.azp === 'string' ? claims.azp : undefined;
  const identity: VerifiedIdentity = { staffId: sub, roles, jurisdiction: jurisdiction as string | null };
  if (client) identity.clientId = client;
  return { ok: true, identity };
}

/**
 * The service itself acting on a schedule (closing ended notices, gradual exits): no person and no
 * role, and the whole city, since a sweep covers every case the service keeps. Its id says which job.
 */
export function systemActor(job: string): Actor {
  if (!/^[a-z][a-z0-9-]{0,47}$/.test(job)) throw new Error(`system actor job ${JSON.stringify(job)} must be a short lower-case name`);
  return { id: `system:${job}`, roles: [], jurisdiction: CITY.code };
}

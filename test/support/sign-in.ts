import { CITY } from '@jiuzhu/common';
import type { Role } from '@jiuzhu/auth';
import { suiteIssuer } from './test-issuer';

/**
 * Who a test request acts as. `as('clerk-1')` is a caseworker; `as('lead-1', 'supervisor')` a
 * supervisor; both of the whole city unless a jurisdiction is given (`as('cw-1', 'caseworker',
 * '640202001')`), so that suites about other rules are not about places; `null`: a token naming no
 * jurisdiction at all, as a client-credentials caller's. The request then carries a
 * real access token for that staff member, signed by this test file's issuer (`http()` asks for it
 * just before sending): nothing about the identity is trusted from a header.
 */
export function as(staffId: string, role: Role = 'caseworker', jurisdiction: string | null = CITY.code): Record<string, string> {
  return { [SIGN_IN_AS]: JSON.stringify({ staffId, role, jurisdiction }) };
}

/** The marker `as()` leaves in a request's headers; never sent. */
const SIGN_IN_AS = 'x-test-sign-in-as';

/** The headers to send: an `as()` marker becomes `Authorization: Bearer <token>`. */
export async function withSignIn(headers: Record<string, string>): Promise<Record<string, string>> {
  const marker = headers[SIGN_IN_AS];
  if (!marker) return headers;
  const { [SIGN_IN_AS]: _, ...rest } = headers;
  const { staffId, role, jurisdiction } = JSON.parse(marker) as { staffId: string; role: Role; jurisdiction: string | null };
  const issuer = await suiteIssuer();
  const token = jurisdiction === null ? await issuer.token({ sub: staffId, roles: [role] }) : await issuer.staff(role, jurisdiction, { sub: staffId });
  return { ...rest, authorization: `Bearer ${token}` };
}

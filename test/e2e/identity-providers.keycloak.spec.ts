import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRemoteJWKSet, errors, jwtVerify } from 'jose';
import { CLI_REDIRECT_URI, CLIENTS } from '../../apps/launcher/src/identity/clients';
import { DEMO_PASSWORD } from '../../apps/launcher/src/identity/demo-staff';
import { RunningIdentityProvider, startIdentityProvider } from '../../apps/launcher/src/identity/identity-provider';
import { loadIdentitySettings } from '../../apps/launcher/src/identity/identity-settings';
import { signInWithPassword } from '../../apps/launcher/src/identity/token-flow';
import { AuthConfig, InvalidToken, TokenVerifier } from '../../libs/auth/src';
import { createLogger } from '../../libs/common/src/logger';
import { freePorts } from '../support/infra';
import { keycloakIssuer, keycloakToken } from '../support/keycloak';

/**
 * Access tokens from the two kinds of provider the services will trust: a real Keycloak with the
 * realm of test/keycloak/jiuzhu-realm.json (as a bureau would run it), and the embedded provider of
 * `npm start`. Both are checked with jose against the issuer's published keys, and read the way the
 * services read them (libs/auth TokenVerifier with the claim names a deployment configures).
 */
let jiuzhu: string;
let elsewhere: string;
let embedded: RunningIdentityProvider;
const dataDir = mkdtempSync(join(tmpdir(), 'jiuzhu-idp-kc-'));

async function keycloakServiceToken(issuer: string): Promise<string> {
  const res = await fetch(`${issuer}/protocol/openid-connect/token`, {
    method: 'POST',
    headers: { authorization: `Basic ${Buffer.from('jiuzhu-service:jiuzhu-service-secret').toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials' }),
  });
  return ((await res.json()) as { access_token: string }).access_token;
}

const jose = (issuer: string, token: string) =>
  jwtVerify(token, createRemoteJWKSet(new URL(`${issuer}/protocol/openid-connect/certs`)), { issuer, audience: 'jiuzhu', algorithms: ['RS256', 'ES256'] });

/** What a service with these AUTH_* settings makes of a token. */
const services = (issuer: string, claims: Partial<AuthConfig> = {}) =>
  new TokenVerifier({ issuer, audience: ['jiuzhu'], rolesClaim: 'roles', jurisdictionClaim: 'jurisdiction', clockSkewSeconds: 30, ...claims });

beforeAll(async () => {
  [jiuzhu, elsewhere] = await Promise.all([keycloakIssuer('jiuzhu'), keycloakIssuer('elsewhere')]);
  const [port] = await freePorts(1);
  embedded = await startIdentityProvider({ dataDir, settings: loadIdentitySettings({ IDP_PORT: String(port) }), log: createLogger('identity', { level: 'silent' }) });
}, 400_000);

afterAll(async () => {
  await embedded?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('Keycloak (realm jiuzhu, test/keycloak/jiuzhu-realm.json)', () => {
  it('signs RS256 access tokens for audience jiuzhu whose subject is the staff id, with the roles and the jurisdiction attribute as top-level claims', async () => {
    const { payload, protectedHeader } = await jose(jiuzhu, await keycloakToken(jiuzhu, 'cw-640202001'));

    expect(protectedHeader.alg).toBe('RS256');
    expect(payload).toMatchObject({ iss: jiuzhu, aud: 'jiuzhu', sub: 'cw-640202001', roles: ['caseworker'], jurisdiction: '640202001', realm_access: { roles: ['caseworker'] } });
  });

  it("is read by the services' verifier as the same staff, roles and jurisdiction, from the roles claim or from realm_access.roles", async () => {
    const reviewer = await keycloakToken(jiuzhu, 'tr-640202001');
    const approver = await keycloakToken(jiuzhu, 'ca-640202');

    expect(await services(jiuzhu).verify(reviewer)).toEqual({ staffId: 'tr-640202001', roles: ['township_reviewer'], jurisdiction: '640202001', clientId: 'jiuzhu-tests' });
    expect(await services(jiuzhu, { rolesClaim: 'realm_access.roles' }).verify(approver)).toEqual({ staffId: 'ca-640202', roles: ['county_approver'], jurisdiction: '640202', clientId: 'jiuzhu-tests' });
  });

  it('gives the service account (client credentials) the service role and no jurisdiction', async () => {
    expect(await services(jiuzhu).verify(await keycloakServiceToken(jiuzhu))).toEqual({ staffId: 'jiuzhu-service', roles: ['service'], jurisdiction: null, clientId: 'jiuzhu-service' });
  });

  it("refuses a token of another realm (same user name, same claims) against the jiuzhu realm's keys and issuer", async () => {
    const foreign = await keycloakToken(elsewhere, 'cw-640202001');
    expect((await jose(elsewhere, foreign)).payload).toMatchObject({ roles: ['caseworker'], jurisdiction: '640202001' });

    await expect(jose(jiuzhu, foreign)).rejects.toBeInstanceOf(errors.JWKSNoMatchingKey);
    await expect(jwtVerify(foreign, createRemoteJWKSet(new URL(`${elsewhere}/protocol/openid-connect/certs`)), { issuer: jiuzhu, audience: 'jiuzhu' })).rejects.toMatchObject({ claim: 'iss' });
    await expect(services(jiuzhu).verify(foreign)).rejects.toBeInstanceOf(InvalidToken);
  });
});

describe('the embedded provider beside Keycloak', () => {
  it('gives the same identity for the same member of staff as Keycloak does, so the services need only other AUTH_* settings', async () => {
    const fromEmbedded = await signInWithPassword({ issuer: embedded.issuer, username: 'cw-640202001', password: DEMO_PASSWORD, clientId: CLIENTS.cli, redirectUri: CLI_REDIRECT_URI });
    const { payload } = await jwtVerify(fromEmbedded.accessToken, createRemoteJWKSet(new URL(`${embedded.issuer}/jwks`)), { issuer: embedded.issuer, audience: 'jiuzhu' });

    expect(payload).toMatchObject({ sub: 'cw-640202001', roles: ['caseworker'], jurisdiction: '640202001' });
    const { clientId: _embeddedClient, ...asEmbedded } = await services(embedded.issuer).verify(fromEmbedded.accessToken);
    const { clientId: _keycloakClient, ...asKeycloak } = await services(jiuzhu).verify(await keycloakToken(jiuzhu, 'cw-640202001'));
    expect(asEmbedded).toEqual(asKeycloak);
  });

  it("refuses each provider's token where the other is the trusted issuer (another signing key)", async () => {
    const fromEmbedded = await signInWithPassword({ issuer: embedded.issuer, username: 'cw-640202001', password: DEMO_PASSWORD, clientId: CLIENTS.cli, redirectUri: CLI_REDIRECT_URI });

    await expect(services(jiuzhu).verify(fromEmbedded.accessToken)).rejects.toBeInstanceOf(InvalidToken);
    await expect(services(embedded.issuer).verify(await keycloakToken(jiuzhu, 'cw-640202001'))).rejects.toBeInstanceOf(InvalidToken);
  });
});

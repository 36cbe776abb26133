import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI_REDIRECT_URI, CLIENTS } from '../../apps/launcher/src/identity/clients';
import { DEMO_PASSWORD } from '../../apps/launcher/src/identity/demo-staff';
import { RunningIdentityProvider, startIdentityProvider } from '../../apps/launcher/src/identity/identity-provider';
import { loadIdentitySettings } from '../../apps/launcher/src/identity/identity-settings';
import { signInWithPassword } from '../../apps/launcher/src/identity/token-flow';
import { createLogger } from '../../libs/common/src/logger';
import { advanceDays, economicCheck } from '../../apps/living-allowance/test/process';
import { expectProblem } from '../support/api';
import { uniqueResidentId } from './households';
import { freePorts } from '../support/infra';
import { keycloakIssuer, keycloakToken } from '../support/keycloak';
import { http, startLivingAllowance, TestService } from '../support/services';

/**
 * The dibao process with a real identity provider, as a bureau would run it: living-allowance
 * trusts the jiuzhu realm of a real Keycloak (test/keycloak/jiuzhu-realm.json) through the same
 * AUTH_* settings a deployment sets, and each step is taken by the member of staff Keycloak signed
 * in — the caseworker of 朝阳街道 files, its township reviewer reviews, a county approver of
 * 大武口区 confirms. Tokens of another realm, or signed by another provider's key, are refused.
 *
 * Its staff are its own (cw-640202002, tr-640202002, ca2-640202): with brute-force detection on,
 * Keycloak refuses concurrent sign-ins of one user (keycloak#33527), and the other Keycloak suite
 * may be signing in its staff at the same moment.
 */
let svc: TestService;
let issuer: string;
let elsewhere: string;
let embedded: RunningIdentityProvider;
const dataDir = mkdtempSync(join(tmpdir(), 'jiuzhu-kc-dibao-'));
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

beforeAll(async () => {
  [issuer, elsewhere] = await Promise.all([keycloakIssuer('jiuzhu'), keycloakIssuer('elsewhere')]);
  svc = await startLivingAllowance({ backgroundJobs: false, auth: { issuer, audience: ['jiuzhu'], rolesClaim: 'roles', jurisdictionClaim: 'jurisdiction', clockSkewSeconds: 30 } });
  const [port] = await freePorts(1);
  embedded = await startIdentityProvider({ dataDir, settings: loadIdentitySettings({ IDP_PORT: String(port) }), log: createLogger('identity', { level: 'silent' }) });
}, 400_000);

afterAll(async () => {
  await svc?.dispose();
  await embedded?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const household = {
  districtCode: '640202',
  townshipCode: '640202002',
  area: 'urban',
  members: [
    { idNumber: uniqueResidentId('19550315'), relation: 'applicant' },
    { idNumber: uniqueResidentId('19570611'), relation: 'spouse' },
  ],
  incomes: [{ memberIndex: 0, kind: 'wage', monthlyFen: 60000 }],
  deductions: [],
  assets: { moneyFen: 100000, homes: 1, housingAreaSqm: 50, vehicles: [] },
};

describe('living-allowance behind Keycloak', () => {
  it('is filed by the caseworker, reviewed by the township reviewer and confirmed by the county approver Keycloak signed in, and the history names each of them', async () => {
    const caseworker = bearer(await keycloakToken(issuer, 'cw-640202002'));
    const reviewer = bearer(await keycloakToken(issuer, 'tr-640202002'));
    const approver = bearer(await keycloakToken(issuer, 'ca2-640202'));

    const filed = await http(svc.url, 'POST', '/applications', { household }, caseworker);
    expect(filed.status).toBe(201);
    const id = filed.body.id as string;
    expect((await http(svc.url, 'POST', `/applications/${id}/submit`, { expectedVersion: 1 }, caseworker)).status).toBe(200);

    const reviewed = await http(svc.url, 'POST', `/applications/${id}/township-review`, { expectedVersion: 2, check: economicCheck(svc.clock.today()), opinion: 'approve' }, reviewer);
    expect(reviewed.status).toBe(200);
    advanceDays(svc.clock, 8);
    const closed = await http(svc.url, 'POST', `/applications/${id}/close-notice`, { expectedVersion: reviewed.body.version }, reviewer);
    expect(closed.status).toBe(200);
    const approved = await http(svc.url, 'POST', `/applications/${id}/approve`, { expectedVersion: closed.body.version }, approver);
    expect(approved).toMatchObject({ status: 200, body: { status: 'approved' } });

    const history = await http(svc.url, 'GET', `/applications/${id}/history`, undefined, approver);
    expect(history.status).toBe(200);
    const actors = JSON.stringify(history.body);
    for (const staff of ['cw-640202002', 'tr-640202002', 'ca2-640202']) expect(actors).toContain(staff);
  });

  it('does not show the case to the caseworker of another district (404), though Keycloak signed them in', async () => {
    const caseworker = bearer(await keycloakToken(issuer, 'cw-640202002'));
    const filed = await http(svc.url, 'POST', '/applications', { household: { ...household, members: [{ idNumber: uniqueResidentId('19600101'), relation: 'applicant' }] } }, caseworker);
    expect(filed.status).toBe(201);

    const elsewhereCaseworker = bearer(await keycloakToken(issuer, 'cw-640205001'));
    expectProblem(await http(svc.url, 'GET', `/applications/${filed.body.id}`, undefined, elsewhereCaseworker), 404);
  });

  it('refuses with 401 a token of another realm, with the same user name and claims', async () => {
    const foreign = bearer(await keycloakToken(elsewhere, 'cw-640202002'));
    expectProblem(await http(svc.url, 'POST', '/applications', { household }, foreign), 401);
    expectProblem(await http(svc.url, 'GET', '/applications', undefined, foreign), 401);
  });

  it('refuses with 401 a token signed by another key: the embedded provider’s, for the same member of staff', async () => {
    const fromEmbedded = await signInWithPassword({ issuer: embedded.issuer, username: 'cw-640202002', password: DEMO_PASSWORD, clientId: CLIENTS.cli, redirectUri: CLI_REDIRECT_URI });
    expectProblem(await http(svc.url, 'GET', '/applications', undefined, bearer(fromEmbedded.accessToken)), 401);
  });
});

import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { Role, STAFF_ROLES, TokenVerifier } from '../../../libs/auth/src';
import { createLogger } from '../../../libs/common/src/logger';
import { freePorts } from '../../../test/support/infra';
import { CLI_REDIRECT_URI, CLIENTS } from '../src/identity/clients';
import { DEMO_PASSWORD, demoStaff } from '../src/identity/demo-staff';
import { RunningIdentityProvider, startIdentityProvider } from '../src/identity/identity-provider';
import { IdentitySettings, loadIdentitySettings } from '../src/identity/identity-settings';
import { signInWithPassword, SignInRefused } from '../src/identity/token-flow';

/**
 * The embedded OpenID provider of `npm start`, started in this process on a temp data folder and a
 * free port, and used the way the console and `npm run token` use it: over HTTP.
 */
const dataDir = mkdtempSync(join(tmpdir(), 'jiuzhu-idp-'));
const log = createLogger('identity', { level: 'silent' });
let settings: IdentitySettings;
let idp: RunningIdentityProvider;

const start = () => startIdentityProvider({ dataDir, settings, log });
const signIn = (username: string, password = DEMO_PASSWORD) =>
  signInWithPassword({ issuer: settings.issuer, username, password, clientId: CLIENTS.cli, redirectUri: CLI_REDIRECT_URI });
const verify = (token: string) => jwtVerify(token, createRemoteJWKSet(new URL(`${settings.issuer}/jwks`)), { issuer: settings.issuer, audience: 'jiuzhu' });
const refusal = (p: Promise<unknown>) => p.then(() => undefined, (e: unknown) => (e instanceof SignInRefused ? { status: e.status, message: e.message } : Promise.reject(e)));

/** The login page a browser lands on when the console sends it to sign in. */
async function loginPage(): Promise<Response> {
  const authorize = new URL(`${settings.issuer}/auth`);
  authorize.search = new URLSearchParams({ client_id: CLIENTS.cli, response_type: 'code', redirect_uri: CLI_REDIRECT_URI, scope: 'openid', code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM', code_challenge_method: 'S256' }).toString();
  const res = await fetch(authorize, { redirect: 'manual' });
  const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  return fetch(new URL(res.headers.get('location')!, settings.issuer), { headers: { cookie } });
}

beforeAll(async () => {
  const [port] = await freePorts(1);
  settings = loadIdentitySettings({ IDP_PORT: String(port) });
  idp = await start();
}, 120_000);

afterAll(async () => {
  await idp?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the embedded OpenID provider', () => {
  it('shows a login page in Chinese asking for 工号 and 密码, which no script or frame can touch', async () => {
    const res = await loginPage();
    const html = await res.text();

    expect(res.status).toBe(200);
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toMatch(/<title>登录 · 救助<\/title>/);
    expect(html).toMatch(/<label for="username">工号<\/label>/);
    expect(html).toMatch(/<label for="password">密码<\/label>/);
    expect(html).toMatch(/<button type="submit">登录<\/button>/);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  });

  it('refuses a wrong password and an unknown staff id with the same words, not saying whether the account exists', async () => {
    const wrongPassword = await refusal(signIn('cw-640202001', 'not-the-password'));
    const unknownId = await refusal(signIn('cw-640299001', 'not-the-password'));

    expect(wrongPassword).toEqual({ status: 401, message: '工号或密码不正确。' });
    expect(unknownId).toEqual(wrongPassword);
  });

  it("gives the token command's sign-in (authorization code + PKCE through the login form) an RS256 JWT for the services: sub the staff id, roles and jurisdiction", async () => {
    const township = await signIn('cw-640202001');
    const district = await signIn('ca-640202');
    const city = await signIn('aud-640200');

    expect(decodeProtectedHeader(township.accessToken)).toMatchObject({ alg: 'RS256', typ: 'at+jwt' });
    expect((await verify(township.accessToken)).payload).toMatchObject({ iss: settings.issuer, aud: 'jiuzhu', sub: 'cw-640202001', roles: ['caseworker'], jurisdiction: '640202001' });
    expect((await verify(district.accessToken)).payload).toMatchObject({ sub: 'ca-640202', roles: ['county_approver'], jurisdiction: '640202' });
    expect((await verify(city.accessToken)).payload).toMatchObject({ sub: 'aud-640200', roles: ['city_auditor'], jurisdiction: '640200' });
    expect(township.expiresIn).toBe(1800);
  });

  it("is read by the services' own verifier (libs/auth, default claim names) as the staff id, roles and jurisdiction", async () => {
    const services = new TokenVerifier({ issuer: settings.issuer, audience: ['jiuzhu'], rolesClaim: 'roles', jurisdictionClaim: 'jurisdiction', clockSkewSeconds: 30 });

    expect(await services.verify((await signIn('tr-640221100')).accessToken)).toEqual({ staffId: 'tr-640221100', roles: ['township_reviewer'], jurisdiction: '640221100', clientId: CLIENTS.cli });
    expect(await services.verify((await signIn('admin-640200')).accessToken)).toEqual({ staffId: 'admin-640200', roles: ['admin'], jurisdiction: '640200', clientId: CLIENTS.cli });
  });

  it('gives the confidential service client a token with the service role by client credentials', async () => {
    const res = await fetch(`${settings.issuer}/token`, {
      method: 'POST',
      headers: { authorization: `Basic ${Buffer.from(`${idp.serviceClient.id}:${idp.serviceClient.secret}`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', scope: 'jiuzhu' }),
    });
    const body = (await res.json()) as { access_token: string };

    expect({ status: res.status, body }).toEqual({ status: 200, body: expect.objectContaining({ token_type: 'Bearer' }) });
    const { payload } = await verify(body.access_token);
    expect(payload).toMatchObject({ sub: 'jiuzhu-service', roles: ['service'] });
    expect(payload).not.toHaveProperty('jurisdiction');
  });

  it('after five wrong passwords for one account refuses even the right one for a while, and other accounts still sign in', async () => {
    for (let i = 0; i < 5; i++) expect(await refusal(signIn('tr-640205001', `guess-${i}`))).toMatchObject({ status: 401 });

    expect(await refusal(signIn('tr-640205001'))).toEqual({ status: 429, message: '尝试次数过多，请 15 分钟后再试。' });
    expect((await verify((await signIn('tr-640205002')).accessToken)).payload.sub).toBe('tr-640205002');
  });

  it('counts a burst of parallel guesses before checking them: of twelve sent at once for one account, at most five are checked', async () => {
    const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => refusal(signIn('tr-640221101', `burst-${i}`))));

    expect(answers.filter((a) => a?.status === 401).length).toBeLessThanOrEqual(5);
    expect(answers.filter((a) => a?.status === 429).length).toBeGreaterThanOrEqual(7);
  });

  it('stores passwords only as scrypt hashes with a salt of their own, in files only this user can read', async () => {
    const dir = join(dataDir, 'identity');
    const files = readdirSync(dir);
    const staff = JSON.parse(readFileSync(join(dir, 'staff.json'), 'utf8')) as { staff: Array<{ id: string; password: { scheme: string; salt: string; hash: string } }> };

    for (const f of files) expect(readFileSync(join(dir, f), 'utf8')).not.toContain(DEMO_PASSWORD);
    for (const f of files) expect(statSync(join(dir, f)).mode & 0o777).toBe(0o600);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(staff.staff.every((s) => s.password.scheme === 'scrypt' && s.password.hash.length > 0)).toBe(true);
    expect(new Set(staff.staff.map((s) => s.password.salt)).size).toBe(staff.staff.length);
  });

  it('keeps its signing keys across a restart: a token issued before it still verifies after', async () => {
    const before = await signIn('tr-640202001');
    const keysBefore = await (await fetch(`${settings.issuer}/jwks`)).json();

    await idp.stop();
    idp = await start();

    expect(await (await fetch(`${settings.issuer}/jwks`)).json()).toEqual(keysBefore);
    expect((await verify(before.accessToken)).payload.sub).toBe('tr-640202001');
    expect((await verify((await signIn('tr-640202001')).accessToken)).payload.sub).toBe('tr-640202001');
  });
});

describe('the demo staff', () => {
  it('has per role one member per seeded township (township roles), per district (district roles) and one for the city', () => {
    const staff = demoStaff();
    const ofRole = (role: Role) => staff.filter((s) => s.roles.includes(role)).map((s) => s.jurisdiction);

    expect(ofRole('caseworker')).toEqual(['640202001', '640202002', '640205001', '640205002', '640221100', '640221101']);
    expect(ofRole('township_reviewer')).toEqual(ofRole('caseworker'));
    expect(ofRole('township_approver')).toEqual(ofRole('caseworker'));
    expect(ofRole('county_approver')).toEqual(['640202', '640205', '640221']);
    expect(ofRole('supervisor')).toEqual(['640202', '640205', '640221']);
    // Two per district: the one who completes an assessment is not the one who drafted it.
    expect(ofRole('assessor')).toEqual(['640202', '640205', '640221', '640202', '640205', '640221']);
    expect(ofRole('city_auditor')).toEqual(['640200']);
    expect(ofRole('admin')).toEqual(['640200']);
    expect(staff.find((s) => s.id === 'cw-640202001')).toEqual({ id: 'cw-640202001', roles: ['caseworker'], jurisdiction: '640202001', title: '长胜街道经办人' });
    expect(new Set(staff.map((s) => s.id)).size).toBe(staff.length);
    expect(new Set(staff.flatMap((s) => s.roles))).toEqual(new Set(STAFF_ROLES));
  });
});

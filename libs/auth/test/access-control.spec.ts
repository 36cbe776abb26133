import { Controller, Get, INestApplication, Module, Post } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { createHmac } from 'node:crypto';
import { Writable } from 'node:stream';
import { ApiOkResponse } from '@nestjs/swagger';
import { configureHttpApp } from '@jiuzhu/common/http';
import { createLogger } from '@jiuzhu/common/logger';
import { http } from '../../../test/support/services';
import { freePorts } from '../../../test/support/infra';
import { startTestIssuer, TestIssuer } from '../../../test/support/test-issuer';
import { Access, AccessControlModule, Actor, AuthConfig, CurrentActor, Public, routesWithoutAccessPolicy } from '../src';

@Controller('cases')
class CasesController {
  @Get(':id')
  @Access({ roles: ['caseworker', 'township_reviewer'], jurisdiction: 'scoped' })
  @ApiOkResponse({ description: 'the actor as admitted' })
  read(@CurrentActor() actor: Actor) {
    return actor;
  }

  @Post()
  @Access({ roles: ['admin'], jurisdiction: 'any' })
  publish(@CurrentActor() actor: Actor) {
    return actor;
  }

  @Get('reports/city')
  @Access({ roles: ['city_auditor', 'service'], jurisdiction: 'any' })
  cityReport(@CurrentActor() actor: Actor) {
    return actor;
  }

  @Get('reports/mine')
  @Access({ roles: ['service', 'caseworker'], jurisdiction: 'scoped' })
  scopedReport(@CurrentActor() actor: Actor) {
    return actor;
  }

  @Get('forgotten/route')
  forgotten() {
    return { secret: 'nobody declared who may read this' };
  }
}

@Public()
@Controller('clock')
class ClockController {
  @Get()
  now() {
    return { now: 'public' };
  }

  @Get('adjust')
  @Access({ roles: ['admin'], jurisdiction: 'any' })
  adjust() {
    return { adjusted: true };
  }
}

/** What the app logged, parsed line by line. */
function capturedLog() {
  const lines: Array<Record<string, any>> = [];
  const destination = new Writable({
    write(chunk, _enc, done) {
      for (const l of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(l));
      done();
    },
  });
  return { lines, log: createLogger('auth-test', { level: 'info', destination }) };
}

const CONSOLE = 'https://console.jiuzhu.example';

async function startApp(config: AuthConfig, log = capturedLog().log): Promise<{ app: INestApplication; url: string }> {
  @Module({ imports: [AccessControlModule.register({ config, log })], controllers: [CasesController, ClockController] })
  class TestAppModule {}
  const app = await NestFactory.create(TestAppModule, { logger: false });
  configureHttpApp(app, { title: 'auth test', description: 'access control', version: '1', log, consoleOrigins: [CONSOLE], bearerAuth: true });
  await app.listen(0, '127.0.0.1');
  return { app, url: (await app.getUrl()).replace('[::1]', '127.0.0.1') };
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe('access control: only a verified access token admits a request, for the roles the route declares', () => {
  let idp: TestIssuer;
  let app: INestApplication;
  let url: string;
  const captured = capturedLog();

  beforeAll(async () => {
    idp = await startTestIssuer();
    ({ app, url } = await startApp(idp.config(), captured.log));
  });
  afterAll(async () => {
    await app?.close();
    await idp?.stop();
  });

  it.each(['RS256', 'ES256'] as const)('a valid %s token is admitted, and the handler gets the identity from its claims', async (alg) => {
    const token = await idp.token({ sub: 'cw-640202001', roles: ['caseworker'], jurisdiction: '640202001', client_id: 'console' }, { alg });
    const res = await http(url, 'GET', '/cases/1', undefined, bearer(token));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ id: 'cw-640202001', role: 'caseworker', roles: ['caseworker'], jurisdiction: '640202001', clientId: 'console' });
  });

  it('a token expired longer ago than the clock skew (30 s) is refused with 401 problem details and an invalid_token challenge', async () => {
    const token = await idp.staff('caseworker', '640202001', { expiresIn: -45 });
    const res = await http(url, 'GET', '/cases/1', undefined, bearer(token));
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer error="invalid_token", error_description="[^"]*expired/);
    expect(res.body).toMatchObject({ status: 401, code: 'UNAUTHENTICATED', instance: '/cases/1' });
    expect(res.body.detail).toMatch(/expired/);
  });

  it('a token expired within the clock skew is still admitted: clocks of issuer and service differ a little', async () => {
    const token = await idp.staff('caseworker', '640202001', { expiresIn: -10 });
    expect((await http(url, 'GET', '/cases/1', undefined, bearer(token))).status).toBe(200);
  });

  it.each<[string, () => Promise<string>, RegExp]>([
    ['issued for another audience', () => idp.token({ roles: ['caseworker'], jurisdiction: '640202001', aud: 'another-api' }), /audience/],
    ['from another issuer', () => idp.token({ roles: ['caseworker'], jurisdiction: '640202001', iss: 'https://sso.elsewhere.example/realms/other' }), /issuer/],
    ['signed by a key the issuer does not publish (same key id)', () => idp.token({ roles: ['caseworker'], jurisdiction: '640202001' }, { foreignKey: 'sameKid' }), /signature/],
    ['signed by a key the issuer does not publish (unknown key id)', () => idp.token({ roles: ['caseworker'], jurisdiction: '640202001' }, { foreignKey: 'otherKid', alg: 'ES256' }), /signature/],
    ['without an expiry', () => idp.token({ roles: ['caseworker'], jurisdiction: '640202001' }, { omit: ['exp'] }), /exp claim is missing/],
    ['not valid yet (nbf beyond the skew)', () => idp.token({ roles: ['caseworker'], jurisdiction: '640202001', nbf: Math.floor(Date.now() / 1000) + 120 }), /not valid yet/],
    ['unsigned (alg none)', async () => unsigned({ sub: 'cw-640202001', roles: ['caseworker'], jurisdiction: '640202001', iss: idp.issuer, aud: idp.audience, exp: nowS() + 300 }), /RS256 or ES256/],
    ['signed with HS256', async () => hs256({ sub: 'cw-640202001', roles: ['caseworker'], jurisdiction: '640202001', iss: idp.issuer, aud: idp.audience, exp: nowS() + 300 }), /RS256 or ES256/],
    ['not a JWT at all', async () => 'not-a-token', /well-formed/],
  ])('a token %s is refused with 401', async (_what, make, detail) => {
    const res = await http(url, 'GET', '/cases/1', undefined, bearer(await make()));
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('UNAUTHENTICATED');
    expect(res.body.detail).toMatch(detail);
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer error="invalid_token"/);
  });

  it('a request carrying only X-Actor-Id and X-Actor-Role gains nothing: 401 asking for a bearer token', async () => {
    for (const path of ['/cases/1', '/cases/reports/city']) {
      const res = await http(url, 'GET', path, undefined, { 'x-actor-id': 'admin-1', 'x-actor-role': 'admin' });
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toBe('Bearer');
      expect(res.body.detail).toMatch(/Authorization: Bearer/);
    }
    const post = await http(url, 'POST', '/cases', {}, { 'x-actor-id': 'admin-1', 'x-actor-role': 'admin' });
    expect(post.status).toBe(401);
  });

  it('a valid token without an allowed role is refused with 403 naming the roles needed, never echoing the token', async () => {
    const token = await idp.staff('assessor', '640202');
    const res = await http(url, 'GET', '/cases/1', undefined, bearer(token));
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ code: 'AUTH.ROLE_NOT_ALLOWED' });
    expect(res.body.detail).toContain('caseworker');
    expect(res.body.detail).toContain('township_reviewer');
    expect(res.body.detailZh).toContain('乡镇（街道）审核人');
    expect(JSON.stringify(res.body)).not.toContain(token.split('.')[1]);
    const admin = await http(url, 'POST', '/cases', {}, bearer(await idp.staff('caseworker', '640202001')));
    expect(admin.status).toBe(403);
    expect(admin.body.detail).toContain('admin');
  });

  it('a route that declares no access policy is refused (403) and logged as a configuration error, and the helper lists it', async () => {
    const res = await http(url, 'GET', '/cases/forgotten/route', undefined, bearer(await idp.staff('admin', '640200')));
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('AUTH.NO_ACCESS_POLICY');
    expect(JSON.stringify(res.body)).not.toContain('nobody declared');
    expect(captured.lines.some((l) => l.level === 50 && l.route === 'CasesController.forgotten' && /declares no access policy/.test(l.msg))).toBe(true);
    expect(routesWithoutAccessPolicy(app)).toEqual(['GET /cases/forgotten/route (CasesController.forgotten)']);
  });

  it('a public route answers without a token; a controller-wide @Public gives way to a route’s own @Access', async () => {
    expect((await http(url, 'GET', '/clock')).status).toBe(200);
    expect((await http(url, 'GET', '/clock/adjust')).status).toBe(401);
    expect((await http(url, 'GET', '/clock/adjust', undefined, bearer(await idp.staff('admin', '640200')))).status).toBe(200);
  });

  it('the API documentation stays public, and each operation documents its access from the one declaration', async () => {
    const ui = await fetch(url + '/docs');
    expect(ui.status).toBe(200);
    const doc = (await http(url, 'GET', '/docs/openapi.json')).body;
    expect(doc.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
    const read = doc.paths['/cases/{id}'].get;
    expect(read.security).toEqual([{ bearer: [] }]);
    expect(read['x-roles']).toEqual(['caseworker', 'township_reviewer']);
    expect(read['x-jurisdiction']).toBe('scoped');
    expect(read.responses['403'].description).toContain('caseworker 经办人（社工）, township_reviewer');
    expect(read.responses['401']).toBeDefined();
    expect(read.responses['200']).toBeDefined();
    expect(doc.paths['/clock'].get['x-public']).toBe(true);
    expect(doc.paths['/clock'].get.security).toBeUndefined();
    expect(doc.paths['/clock/adjust'].get['x-public']).toBeUndefined();
    expect(doc.paths['/clock/adjust'].get['x-roles']).toEqual(['admin']);
  });

  it('a staff token without a jurisdiction, or with one outside the city, is refused with 401', async () => {
    const none = await idp.token({ sub: 'cw-1', roles: ['caseworker'] });
    expect((await http(url, 'GET', '/cases/1', undefined, bearer(none))).body.detail).toMatch(/no jurisdiction claim/);
    for (const bad of ['640100', '6402020', '640299001', 640202, ['640202', '640205']]) {
      const res = await http(url, 'GET', '/cases/1', undefined, bearer(await idp.token({ sub: 'cw-1', roles: ['caseworker'], jurisdiction: bad })));
      expect([bad, res.status, res.body.detail]).toEqual([bad, 401, expect.stringMatching(/jurisdiction claim/)]);
    }
  });

  it('a service token may go without a jurisdiction: admitted where the route is not scoped, refused (403) where it is', async () => {
    const token = await idp.token({ sub: 'svc-temporary-assistance', roles: ['service'], client_id: 'temporary-assistance' });
    const city = await http(url, 'GET', '/cases/reports/city', undefined, bearer(token));
    expect(city.status).toBe(200);
    expect(city.body).toEqual({ id: 'svc-temporary-assistance', role: 'service', roles: ['service'], jurisdiction: null, clientId: 'temporary-assistance' });
    const scoped = await http(url, 'GET', '/cases/reports/mine', undefined, bearer(token));
    expect(scoped.status).toBe(403);
    expect(scoped.body.code).toBe('AUTH.JURISDICTION_REQUIRED');
  });

  it('roles the catalogue does not know are dropped, and `role` is the first allowed role the actor holds', async () => {
    const token = await idp.token({ sub: 'tr-1', roles: ['offline_access', 'township_reviewer', 'caseworker'], jurisdiction: '640202001' });
    const res = await http(url, 'GET', '/cases/1', undefined, bearer(token));
    expect(res.body).toMatchObject({ role: 'caseworker', roles: ['township_reviewer', 'caseworker'] });
  });

  it('sends helmet’s security headers on API answers and on the documentation', async () => {
    for (const path of ['/clock', '/docs']) {
      const res = await fetch(url + path);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
      expect(res.headers.get('content-security-policy')).not.toContain('upgrade-insecure-requests');
      expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
      expect(res.headers.get('x-powered-by')).toBeNull();
    }
  });

  it('CORS answers only the configured console origin', async () => {
    const preflight = (origin: string) =>
      fetch(url + '/cases/1', { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' } });
    const ok = await preflight(CONSOLE);
    expect(ok.headers.get('access-control-allow-origin')).toBe(CONSOLE);
    expect(ok.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('authorization');
    const other = await preflight('https://evil.example');
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    const simple = await fetch(url + '/clock', { headers: { origin: 'https://evil.example' } });
    expect(simple.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('access control against a Keycloak-shaped provider, by configuration only', () => {
  let idp: TestIssuer;
  let app: INestApplication;
  let url: string;

  beforeAll(async () => {
    idp = await startTestIssuer({ issuerPath: '/realms/jiuzhu', audience: 'jiuzhu-api' });
    ({ app, url } = await startApp(idp.config({ rolesClaim: 'realm_access.roles', jurisdictionClaim: 'jurisdiction', jwksUri: undefined })));
  });
  afterAll(async () => {
    await app?.close();
    await idp?.stop();
  });

  it('reads roles from realm_access.roles and a multivalued jurisdiction attribute, found through discovery under the realm', async () => {
    const token = await idp.token({
      sub: 'f3b6c0de-2b1e-4c59-9a55-7f1f0b2a9c11',
      azp: 'jiuzhu-console',
      realm_access: { roles: ['default-roles-jiuzhu', 'offline_access', 'township_reviewer'] },
      jurisdiction: ['640202001'],
      roles: ['admin'],
    });
    const res = await http(url, 'GET', '/cases/1', undefined, bearer(token));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ id: 'f3b6c0de-2b1e-4c59-9a55-7f1f0b2a9c11', role: 'township_reviewer', roles: ['township_reviewer'], jurisdiction: '640202001', clientId: 'jiuzhu-console' });
    // The top-level `roles` claim is not where this provider puts roles: it grants nothing.
    expect((await http(url, 'POST', '/cases', {}, bearer(token))).status).toBe(403);
  });
});

describe('access control when the issuer cannot be reached or is not who it says', () => {
  it('answers 503 naming the issuer, not 401, while the issuer is down, and admits the token once it answers', async () => {
    const [port] = await freePorts(1);
    const config: AuthConfig = { issuer: `http://127.0.0.1:${port}`, audience: ['jiuzhu-test-api'], rolesClaim: 'roles', jurisdictionClaim: 'jurisdiction', clockSkewSeconds: 30 };
    const { app, url } = await startApp(config);
    let idp: TestIssuer | undefined;
    try {
      const token = unsigned({ sub: 'cw-640202001' });
      const down = await http(url, 'GET', '/cases/1', undefined, bearer(token));
      expect(down.status).toBe(503);
      expect(down.body.code).toBe('AUTH.ISSUER_UNAVAILABLE');
      expect(down.body.detail).toContain(`127.0.0.1:${port}/.well-known/openid-configuration`);
      idp = await startTestIssuer({ port });
      const up = await http(url, 'GET', '/cases/1', undefined, bearer(await idp.staff('caseworker', '640202001')));
      expect(up.status).toBe(200);
    } finally {
      await app.close();
      await idp?.stop();
    }
  });

  it('refuses a discovery document that names another issuer than the one configured', async () => {
    const idp = await startTestIssuer();
    const { app, url } = await startApp(idp.config({ issuer: `${idp.issuer}/` }));
    try {
      const res = await http(url, 'GET', '/cases/1', undefined, bearer(await idp.staff('caseworker', '640202001')));
      expect(res.status).toBe(503);
      expect(res.body.detail).toMatch(/names the issuer/);
    } finally {
      await app.close();
      await idp.stop();
    }
  });

  it('uses AUTH_JWKS_URI without discovery when it is given', async () => {
    const idp = await startTestIssuer();
    const { app, url } = await startApp(idp.config({ jwksUri: idp.jwksUri }));
    try {
      expect((await http(url, 'GET', '/cases/1', undefined, bearer(await idp.staff('caseworker', '640202001')))).status).toBe(200);
      expect(idp.jwksFetches()).toBe(1);
    } finally {
      await app.close();
      await idp.stop();
    }
  });
});

const nowS = () => Math.floor(Date.now() / 1000);
const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');

function unsigned(claims: Record<string, unknown>): string {
  return `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims)}.`;
}

/** HS256 with a secret of the attacker's choosing, the key id of the issuer's RSA key. */
function hs256(claims: Record<string, unknown>): string {
  const head = `${b64({ alg: 'HS256', typ: 'JWT', kid: 'rs-1' })}.${b64(claims)}`;
  return `${head}.${createHmac('sha256', 'attacker-chosen-secret').update(head).digest('base64url')}`;
}

import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Logger } from '@jiuzhu/common/logger';
import { PortInUseError } from '@jiuzhu/platform';
import type { Configuration, JWK, KoaContextWithOIDC, ResourceServer } from 'oidc-provider';
import { CLI_REDIRECT_URI, CLIENTS, JIUZHU_RESOURCE, JIUZHU_SCOPE } from './clients';
import { DEMO_PASSWORD, demoStaff } from './demo-staff';
import { loadOrCreateSecrets } from './identity-secrets';
import { IdentitySettings } from './identity-settings';
import { errorMessage, errorPage, LOGIN_MESSAGES, loginPage } from './login-page';
import { ensurePrivateDir } from './private-files';
import { DEFAULT_LOGIN_LIMITS, LoginLimits, LoginThrottle, RequestRate, TOKEN_REQUESTS_PER_MINUTE } from './rate-limits';
import { StaffDirectory, StaffMember } from './staff-directory';

export interface RunningIdentityProvider {
  issuer: string;
  /** Where it listens (the issuer unless IDP_ISSUER names a proxy in front). */
  url: string;
  staff: StaffMember[];
  demoPassword: string;
  serviceClient: { id: string; secret: string };
  stop(): Promise<void>;
}

export interface StartIdentityProviderOptions {
  /** The launcher's DATA_DIR; keys and staff are kept in `<dataDir>/identity`. */
  dataDir: string;
  settings: IdentitySettings;
  log: Logger;
  loginLimits?: LoginLimits;
}

/**
 * The embedded OpenID provider of `npm start` (issue 12): oidc-provider, with the demo staff, a Chinese
 * login page, JWT access tokens for the Jiuzhu services (roles and jurisdiction as claims) and abuse
 * limits. A bureau uses its own provider instead (docs/security.md).
 */
export async function startIdentityProvider(o: StartIdentityProviderOptions): Promise<RunningIdentityProvider> {
  const { settings, log } = o;
  const dir = join(o.dataDir, 'identity');
  ensurePrivateDir(dir);
  const secrets = await loadOrCreateSecrets(dir);
  const staff = await StaffDirectory.open(dir, demoStaff(), DEMO_PASSWORD);
  const serviceSecret = settings.serviceClientSecret ?? secrets.serviceClientSecret;

  // oidc-provider 9 (and jose 6) are ES modules only. The build is CommonJS; Node ≥ 20.19 (package.json
  // engines) loads an ES module with require() when it has no top-level await, as neither has, so
  // tsc's require() for this import() works and keeps the types (jest transpiles both packages:
  // test/jest.config.js). Loaded here rather than at the top so that a launcher refusing to start
  // (already running, bad setting) says only why, without the library's start-up notices.
  const { default: Provider, errors } = await import('oidc-provider');
  const provider = new Provider(settings.issuer, configuration(errors, { settings, staff, signingKeys: secrets.signingKeys, cookieKeys: secrets.cookieKeys, serviceSecret }));
  provider.on('server_error', (_ctx: KoaContextWithOIDC, err: Error) => log.error({ err }, 'identity provider error'));

  const throttle = new LoginThrottle(o.loginLimits ?? DEFAULT_LOGIN_LIMITS);
  const tokenRate = new RequestRate(TOKEN_REQUESTS_PER_MINUTE, 'token');
  const providerHandler = provider.callback();

  const route = async (req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '/').split('?')[0];
    const interaction = /^\/interaction\/([\w-]{1,64})(?:\/(login|abort))?$/.exec(path);
    if (interaction) return interact(req, res, interaction[1], interaction[2] as 'login' | 'abort' | undefined);
    if (path === '/token' && req.method === 'POST') {
      const wait = await tokenRate.take(addressOf(req));
      if (wait) return tooManyTokenRequests(res, wait);
    }
    providerHandler(req, res);
  };

  const interact = async (req: IncomingMessage, res: ServerResponse, uid: string, action: 'login' | 'abort' | undefined) => {
    let details;
    try {
      details = await provider.interactionDetails(req, res);
    } catch (e) {
      // A missing or expired interaction cookie: the sign-in took too long or the link was copied.
      // Anything else is a fault of the provider, for the outer handler to log and answer.
      if ((e as { name?: unknown }).name !== 'SessionNotFound') throw e;
      return page(res, 400, errorPage({ title: '登录已过期', message: errorMessage('session_not_found') }));
    }
    if (details.uid !== uid) return page(res, 400, errorPage({ title: '登录已过期', message: errorMessage('session_not_found') }));
    const clientName = String((await provider.Client.find(String(details.params.client_id)))?.clientName ?? details.params.client_id);

    // Every client here is the bureau's own: signing in is the consent, there is no consent screen.
    // (oidc-provider asks again for consent after each sign-in of a native client such as `npm run token`.)
    if (details.prompt.name === 'consent' && details.session) {
      const grant = details.grantId ? await provider.Grant.find(details.grantId) : new provider.Grant({ accountId: details.session.accountId, clientId: String(details.params.client_id) });
      if (!grant) return page(res, 400, errorPage({ title: '登录已过期', message: errorMessage('session_not_found') }));
      const missing = details.prompt.details as { missingOIDCScope?: string[]; missingOIDCClaims?: string[]; missingResourceScopes?: Record<string, string[]> };
      if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
      if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
      for (const [resource, scopes] of Object.entries(missing.missingResourceScopes ?? {})) grant.addResourceScope(resource, scopes.join(' '));
      return provider.interactionFinished(req, res, { consent: { grantId: await grant.save() } }, { mergeWithLastSubmission: true });
    }
    if (action === undefined && req.method === 'GET') return page(res, 200, loginPage({ uid, clientName }));
    if (req.method !== 'POST') return page(res, 405, errorPage({ title: '登录', message: errorMessage('invalid_request') }));
    if (action === 'abort') return provider.interactionFinished(req, res, { error: 'access_denied', error_description: 'the user cancelled the sign-in' }, { mergeWithLastSubmission: false });

    const form = await readForm(req);
    if (!form) return page(res, 413, errorPage({ title: '登录', message: errorMessage('invalid_request') }));
    const username = (form.get('username') ?? '').trim();
    const password = form.get('password') ?? '';
    if (!username || !password) return page(res, 400, loginPage({ uid, clientName, username, error: LOGIN_MESSAGES.missingFields }));

    const address = addressOf(req);
    const wait = await throttle.attempt(address, username);
    if (wait) {
      res.setHeader('Retry-After', String(wait));
      return page(res, 429, loginPage({ uid, clientName, username, error: LOGIN_MESSAGES.tooManyAttempts(Math.ceil(wait / 60)) }));
    }
    const member = await staff.verify(username, password);
    if (!member) {
      // The same answer for an unknown id and a wrong password (and verify takes as long for both),
      // so the form does not tell who has an account.
      return page(res, 401, loginPage({ uid, clientName, username, error: LOGIN_MESSAGES.wrongCredentials }));
    }
    await throttle.succeeded(address, username);
    log.info({ staff: member.id, client: details.params.client_id }, 'signed in');
    await provider.interactionFinished(req, res, { login: { accountId: member.id, amr: ['pwd'] } }, { mergeWithLastSubmission: false });
  };

  const server = createServer((req, res) =>
    void route(req, res).catch((err: unknown) => {
      log.error({ err }, 'identity provider request failed');
      if (!res.headersSent) page(res, 500, errorPage({ title: '出错了', message: errorMessage('server_error') }));
      else res.destroy();
    }),
  );
  await new Promise<void>((resolve, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) => reject(e.code === 'EADDRINUSE' ? new PortInUseError('identity provider', settings.host, settings.port, 'IDP_PORT') : e));
    server.listen(settings.port, settings.host, () => {
      server.removeAllListeners('error');
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${settings.host.includes(':') ? `[${settings.host}]` : settings.host}:${port}`;
  log.info({ issuer: settings.issuer, url }, 'identity provider listening');

  return {
    issuer: settings.issuer,
    url,
    staff: staff.list(),
    demoPassword: DEMO_PASSWORD,
    serviceClient: { id: CLIENTS.service, secret: serviceSecret },
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function configuration(errors: typeof import('oidc-provider').errors, o: {
  settings: IdentitySettings;
  staff: StaffDirectory;
  signingKeys: JWK[];
  cookieKeys: string[];
  serviceSecret: string;
}): Configuration {
  const { settings, staff } = o;
  const resourceServer: ResourceServer = {
    scope: JIUZHU_SCOPE,
    audience: settings.audience,
    accessTokenTTL: settings.accessTokenTtlSeconds,
    // RFC 9068 JWT access tokens: the services verify them against the JWKS alone, no call back here.
    accessTokenFormat: 'jwt',
    jwt: { sign: { alg: 'RS256' } },
  };
  return {
    clients: [
      {
        client_id: CLIENTS.console,
        client_name: '救助工作台',
        token_endpoint_auth_method: 'none',
        grant_types: ['authorization_code'],
        response_types: ['code'],
        redirect_uris: settings.consoleRedirectUris,
        post_logout_redirect_uris: settings.consoleRedirectUris,
      },
      {
        client_id: CLIENTS.cli,
        client_name: '命令行（npm run token）',
        application_type: 'native',
        token_endpoint_auth_method: 'none',
        grant_types: ['authorization_code'],
        response_types: ['code'],
        redirect_uris: [CLI_REDIRECT_URI],
      },
      {
        client_id: CLIENTS.service,
        client_name: '其他系统',
        client_secret: o.serviceSecret,
        token_endpoint_auth_method: 'client_secret_basic',
        grant_types: ['client_credentials'],
        response_types: [],
        redirect_uris: [],
      },
    ],
    jwks: { keys: o.signingKeys },
    cookies: { keys: o.cookieKeys },
    // `jiuzhu` is the resource server's scope (below), not an OpenID one.
    scopes: ['openid', 'profile'],
    claims: { openid: ['sub'], profile: ['name', 'roles', 'jurisdiction'] },
    // The console reads who signed in from the ID token; its access token is for the services only.
    conformIdTokenClaims: false,
    responseTypes: ['code'],
    pkce: { required: () => true },
    findAccount: (_ctx, id) => {
      const member = staff.find(id);
      return member && { accountId: member.id, claims: () => ({ sub: member.id, name: member.title, roles: member.roles, jurisdiction: member.jurisdiction }) };
    },
    extraTokenClaims: (_ctx, token) => {
      // A system calling for the whole city has no place of its own: libs/auth admits a service token
      // without a jurisdiction to the routes open to any jurisdiction only.
      if (token.kind === 'ClientCredentials') return { roles: ['service'] };
      const member = token.accountId ? staff.find(token.accountId) : undefined;
      return member && { roles: member.roles, jurisdiction: member.jurisdiction };
    },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      rpInitiatedLogout: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => JIUZHU_RESOURCE,
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx, resource) => {
          if (resource !== JIUZHU_RESOURCE) throw new errors.InvalidTarget(`only ${JIUZHU_RESOURCE} is served here`);
          return resourceServer;
        },
      },
    },
    // The console calls the token endpoint from its own origin; no other web page may.
    clientBasedCORS: (_ctx, origin, client) => client.clientId === CLIENTS.console && settings.consoleRedirectUris.some((u) => new URL(u).origin === origin),
    ttl: {
      AccessToken: settings.accessTokenTtlSeconds,
      ClientCredentials: settings.accessTokenTtlSeconds,
      AuthorizationCode: 60,
      IdToken: 3600,
      Interaction: 10 * 60,
      // A working day: staff sign in once in the morning.
      Session: 8 * 3600,
      Grant: 8 * 3600,
    },
    renderError: (ctx, out) => {
      ctx.type = 'html';
      ctx.set('Content-Security-Policy', PAGE_CSP);
      ctx.body = errorPage({ title: '无法登录', message: errorMessage(String(out.error)), detail: out.error_description ? String(out.error_description) : undefined });
    },
  };
}

/** No script, no outside resource, no framing (clickjacking of the login form). */
const PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; frame-ancestors 'none'";

function page(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Security-Policy': PAGE_CSP,
    'X-Frame-Options': 'DENY',
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-store',
  });
  res.end(html);
}

function tooManyTokenRequests(res: ServerResponse, waitSeconds: number): void {
  res.writeHead(429, { 'Content-Type': 'application/json', 'Retry-After': String(waitSeconds), 'Cache-Control': 'no-store' });
  res.end(JSON.stringify({ error: 'too_many_requests', error_description: `too many token requests from this address; retry in ${waitSeconds} s` }));
}

const FORM_LIMIT_BYTES = 4096;

/** The login form's fields, or undefined when the body is larger than any login form. */
async function readForm(req: IncomingMessage): Promise<URLSearchParams | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > FORM_LIMIT_BYTES) return undefined;
    chunks.push(chunk);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

function addressOf(req: IncomingMessage): string {
  return req.socket.remoteAddress ?? 'unknown';
}

import { createHash, randomBytes } from 'node:crypto';

/**
 * The sign-in a browser does, done by a program: authorization code with PKCE (RFC 7636) against the
 * provider's own endpoints, the login form submitted with the staff id and password, the code
 * exchanged at the token endpoint. No key file is read and no token is made here, so what comes back
 * is exactly what the console gets.
 */
export interface PasswordSignIn {
  issuer: string;
  username: string;
  password: string;
  clientId: string;
  redirectUri: string;
  scope?: string;
}

export interface Tokens {
  accessToken: string;
  idToken: string | undefined;
  expiresIn: number;
}

/** The provider answered, and said no (wrong password, too many attempts, an expired sign-in). */
export class SignInRefused extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** Nothing answered at the issuer, or it is not an OpenID provider. */
export class ProviderUnreachable extends Error {}

const MAX_REDIRECTS = 10;

export async function signInWithPassword(o: PasswordSignIn): Promise<Tokens> {
  const discovery = await discover(o.issuer);
  const verifier = randomBytes(32).toString('base64url');
  const state = randomBytes(16).toString('base64url');
  const authorize = new URL(discovery.authorization_endpoint);
  authorize.search = new URLSearchParams({
    client_id: o.clientId,
    response_type: 'code',
    redirect_uri: o.redirectUri,
    scope: o.scope ?? 'openid profile jiuzhu',
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
    state,
  }).toString();

  const browser = new Browser(o.redirectUri);
  const loginPage = await browser.go(authorize.href);
  if (loginPage.kind !== 'page' || loginPage.status !== 200) throw refusal(loginPage);
  const action = /<form method="post" action="([^"]*\/login)"/.exec(loginPage.html)?.[1];
  if (!action) throw new SignInRefused(loginPage.status, 'the provider did not show its login form');

  const answer = await browser.go(new URL(action.replace(/&amp;/g, '&'), loginPage.url).href, new URLSearchParams({ username: o.username, password: o.password }));
  if (answer.kind !== 'callback') throw refusal(answer);
  const params = answer.url.searchParams;
  if (params.get('error')) throw new SignInRefused(400, `${params.get('error')}: ${params.get('error_description') ?? ''}`.trim());
  if (params.get('state') !== state) throw new SignInRefused(400, 'the provider sent back another sign-in (state does not match)');

  const res = await fetch(discovery.token_endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'authorization_code', code: params.get('code') ?? '', redirect_uri: o.redirectUri, client_id: o.clientId, code_verifier: verifier }),
  });
  const body = (await res.json()) as { access_token?: string; id_token?: string; expires_in?: number; error?: string; error_description?: string };
  if (!res.ok || !body.access_token) throw new SignInRefused(res.status, `${body.error ?? res.status}: ${body.error_description ?? 'no access token'}`);
  return { accessToken: body.access_token, idToken: body.id_token, expiresIn: body.expires_in ?? 0 };
}

async function discover(issuer: string): Promise<{ authorization_endpoint: string; token_endpoint: string }> {
  const at = `${issuer}/.well-known/openid-configuration`;
  let res: Response;
  try {
    res = await fetch(at);
  } catch (e) {
    const cause = (e as { cause?: { code?: string; message?: string } }).cause;
    throw new ProviderUnreachable(`no identity provider answers at ${issuer} (${cause?.code ?? cause?.message ?? String(e)})`);
  }
  if (!res.ok) throw new ProviderUnreachable(`${at} answered ${res.status}: not an OpenID provider`);
  return (await res.json()) as { authorization_endpoint: string; token_endpoint: string };
}

type Arrival = { kind: 'page'; status: number; url: URL; html: string } | { kind: 'callback'; url: URL };

/** Follows redirects by hand, keeping the provider's cookies, and stops at the client's redirect URI. */
class Browser {
  private readonly cookies = new Map<string, string>();

  constructor(private readonly redirectUri: string) {}

  async go(url: string, form?: URLSearchParams): Promise<Arrival> {
    let next = new URL(url);
    let body = form;
    for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
      if (`${next.origin}${next.pathname}` === this.redirectUri) return { kind: 'callback', url: next };
      const res = await fetch(next, {
        method: body ? 'POST' : 'GET',
        redirect: 'manual',
        headers: { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '), ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
        body,
      });
      this.keep(res.headers.getSetCookie());
      const location = res.headers.get('location');
      if (res.status >= 300 && res.status < 400 && location) {
        next = new URL(location, next);
        body = undefined;
        continue;
      }
      return { kind: 'page', status: res.status, url: next, html: await res.text() };
    }
    throw new SignInRefused(508, `more than ${MAX_REDIRECTS} redirects`);
  }

  private keep(setCookies: string[]): void {
    for (const line of setCookies) {
      const pair = line.split(';')[0];
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      // The provider clears a cookie by sending it empty (and expired in 1970).
      if (value) this.cookies.set(name, value);
      else this.cookies.delete(name);
    }
  }
}

/** The message the provider's page shows (its role="alert" line), or the status. */
function refusal(a: Arrival): SignInRefused {
  if (a.kind === 'callback') return new SignInRefused(400, 'the provider skipped its login form');
  const shown = /role="alert">([^<]*)</.exec(a.html)?.[1];
  return new SignInRefused(a.status, shown ? decodeEntities(shown) : `the provider answered ${a.status}`);
}

function decodeEntities(s: string): string {
  return s.replace(/&(amp|lt|gt|quot|#39);/g, (_, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[e]!);
}

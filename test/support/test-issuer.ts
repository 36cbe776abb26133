import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { CryptoKey, exportJWK, generateKeyPair, GenerateKeyPairResult, JWK, SignJWT } from 'jose';
import type { AuthConfig, Role } from '@jiuzhu/auth';

/**
 * A small OpenID issuer for tests: real RS256 and ES256 key pairs made with jose, the discovery
 * document and the JWKS served over real HTTP on loopback, and tokens signed with those keys, so
 * services verify them exactly as they verify a provider's (no verification is mocked). It is not the
 * embedded provider (oidc-provider, in the launcher): it has no sign-in, only keys and signatures.
 */
export interface TestIssuer {
  issuer: string;
  jwksUri: string;
  audience: string;
  /** AuthConfig trusting this issuer (discovery unless `jwksUri` is given). */
  config(over?: Partial<AuthConfig>): AuthConfig;
  /** A signed access token: `sub`, `aud`, `iss`, `iat`, `exp` (5 min) filled in unless given. */
  token(claims?: Record<string, unknown>, o?: TokenOptions): Promise<string>;
  /** A staff member's token: `cw-640202001`-style subject, one role, a jurisdiction. */
  staff(role: Role, jurisdiction: string, o?: TokenOptions & { sub?: string; extra?: Record<string, unknown> }): Promise<string>;
  /** How often the JWKS was fetched. */
  jwksFetches(): number;
  stop(): Promise<void>;
}

export interface TokenOptions {
  alg?: 'RS256' | 'ES256';
  /** Seconds from now; negative: already expired. */
  expiresIn?: number;
  /** Sign with a key the issuer does not publish; `sameKid` keeps the published key's id. */
  foreignKey?: 'sameKid' | 'otherKid';
  /** Leave a standard claim out. */
  omit?: Array<'sub' | 'exp' | 'aud' | 'iss'>;
}

interface KeyPair {
  kid: string;
  alg: 'RS256' | 'ES256';
  privateKey: CryptoKey;
  publicJwk: JWK;
}

async function keyPair(alg: 'RS256' | 'ES256', kid: string): Promise<KeyPair & { pair: GenerateKeyPairResult }> {
  const pair = await generateKeyPair(alg);
  const publicJwk = { ...(await exportJWK(pair.publicKey)), kid, alg, use: 'sig' };
  return { kid, alg, privateKey: pair.privateKey, publicJwk, pair };
}

export async function startTestIssuer(o: { audience?: string; issuerPath?: string; port?: number } = {}): Promise<TestIssuer> {
  const published = { RS256: await keyPair('RS256', 'rs-1'), ES256: await keyPair('ES256', 'es-1') };
  const foreign = { RS256: await keyPair('RS256', 'rs-1'), ES256: await keyPair('ES256', 'es-1') };
  let fetches = 0;
  let issuer = '';
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0];
    const send = (body: unknown) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (path === `${o.issuerPath ?? ''}/.well-known/openid-configuration`) {
      return send({ issuer, jwks_uri: `${issuer}/jwks`, id_token_signing_alg_values_supported: ['RS256', 'ES256'] });
    }
    if (path === `${o.issuerPath ?? ''}/jwks`) {
      fetches++;
      return send({ keys: [published.RS256.publicJwk, published.ES256.publicJwk] });
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(o.port ?? 0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}${o.issuerPath ?? ''}`;
  const audience = o.audience ?? 'jiuzhu-test-api';

  const token = async (claims: Record<string, unknown> = {}, t: TokenOptions = {}) => {
    const alg = t.alg ?? 'RS256';
    const key = t.foreignKey ? foreign[alg] : published[alg];
    const now = Math.floor(Date.now() / 1000);
    const body: Record<string, unknown> = { sub: 'cw-640202001', iss: issuer, aud: audience, iat: now, exp: now + (t.expiresIn ?? 300), jti: randomUUID(), ...claims };
    for (const c of t.omit ?? []) delete body[c];
    const kid = t.foreignKey === 'otherKid' ? `${key.kid}-other` : key.kid;
    return new SignJWT(body).setProtectedHeader({ alg, kid, typ: 'at+jwt' }).sign(key.privateKey);
  };

  return {
    issuer,
    jwksUri: `${issuer}/jwks`,
    audience,
    config: (over = {}) => ({ issuer, audience: [audience], rolesClaim: 'roles', jurisdictionClaim: 'jurisdiction', clockSkewSeconds: 30, ...over }),
    token,
    staff: (role, jurisdiction, s = {}) => token({ sub: s.sub ?? `${role}-${jurisdiction}`, roles: [role], jurisdiction, ...s.extra }, s),
    jwksFetches: () => fetches,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

let suite: Promise<TestIssuer> | undefined;

/**
 * The issuer of this test file: the services it starts trust it, and `as(…)` requests carry its
 * tokens. Started on first use (jest loads modules once per test file) and stopped after the file's
 * tests (test/support/after-each-file.ts).
 */
export function suiteIssuer(): Promise<TestIssuer> {
  return (suite ??= startTestIssuer());
}

/** Stops this file's issuer if it was started. */
export async function stopSuiteIssuer(): Promise<void> {
  const started = suite;
  suite = undefined;
  await (await started)?.stop();
}

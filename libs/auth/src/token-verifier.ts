import { createRemoteJWKSet, errors, jwtVerify, JWTVerifyGetKey } from 'jose';
import { Unauthenticated, Unavailable } from '@jiuzhu/common';
import type { AuthConfig } from './auth-config';
import { identityFromClaims, VerifiedIdentity } from './identity';

/**
 * The algorithms access tokens may be signed with (issue 12). Naming them is what keeps `none` and
 * HS256 out: with HS256 allowed, a public RSA key read as an HMAC secret would verify a forged token.
 */
export const ACCEPTED_ALGORITHMS = ['RS256', 'ES256'] as const;

/** How long the issuer's discovery document and key set may take to arrive. */
const FETCH_TIMEOUT_MS = 5_000;

/** A 401 for a token that was sent but cannot be used (RFC 6750 §3.1 `invalid_token`). */
export class InvalidToken extends Unauthenticated {
  constructor(description: string, zh: string) {
    // error_description is a quoted-string of printable ASCII without quotes or backslashes (RFC 6750 §3).
    const quoted = description.replace(/[^\x20-\x7e]|["\\]/g, '').replace(/\.$/, '');
    super(`The access token is refused: ${description}`, `Bearer error="invalid_token", error_description="${quoted}"`, `访问令牌无效：${zh}`);
  }
}

/** A 401 for a request that sent no bearer token: the challenge names only the scheme (RFC 6750 §3.1). */
export class TokenMissing extends Unauthenticated {
  constructor() {
    super('This operation needs an access token: send Authorization: Bearer <token> from the sign-in.', 'Bearer', '此操作需要登录：请在 Authorization 请求头中携带访问令牌（Bearer）。');
  }
}

/**
 * Checks access tokens against the issuer's published keys (jose): signature (RS256/ES256 only),
 * issuer, audience, expiry with the configured clock skew, then reads the identity from the claims.
 * The key set is found once, by OIDC discovery unless AUTH_JWKS_URI names it; jose keeps it cached
 * and fetches it again when a token names a key it has not seen (the provider rotated its keys).
 */
export class TokenVerifier {
  private keys?: Promise<JWTVerifyGetKey>;

  constructor(readonly config: AuthConfig) {}

  async verify(token: string): Promise<VerifiedIdentity> {
    const keys = await this.keySet();
    let payload: Record<string, unknown>;
    try {
      ({ payload } = await jwtVerify(token, keys, {
        issuer: this.config.issuer,
        audience: this.config.audience,
        algorithms: [...ACCEPTED_ALGORITHMS],
        clockTolerance: this.config.clockSkewSeconds,
        requiredClaims: ['exp', 'sub'],
      }));
    } catch (e) {
      throw refusal(e);
    }
    const r = identityFromClaims(payload, { roles: this.config.rolesClaim, jurisdiction: this.config.jurisdictionClaim });
    if (!r.ok) throw new InvalidToken(`${r.reason}.`, '令牌缺少有效的身份信息（工号、角色或辖区）。');
    return r.identity;
  }

  /** The issuer's key set; a failed discovery is tried again on the next request, not remembered. */
  private keySet(): Promise<JWTVerifyGetKey> {
    if (!this.keys) {
      this.keys = this.jwksUri().then((uri) => createRemoteJWKSet(new URL(uri), { timeoutDuration: FETCH_TIMEOUT_MS }));
      this.keys.catch(() => (this.keys = undefined));
    }
    return this.keys;
  }

  private async jwksUri(): Promise<string> {
    if (this.config.jwksUri) return this.config.jwksUri;
    const issuer = this.config.issuer;
    const at = `${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
    let meta: { issuer?: unknown; jwks_uri?: unknown };
    try {
      const res = await fetch(at, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS), headers: { accept: 'application/json' } });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      meta = (await res.json()) as typeof meta;
    } catch (e) {
      throw issuerUnreachable(`its discovery document ${at} could not be read (${(e as Error).message})`);
    }
    // OIDC Discovery §4.3: the document must name the issuer it was fetched for, or it is not that issuer's.
    if (meta.issuer !== issuer) throw issuerUnreachable(`its discovery document names the issuer ${JSON.stringify(meta.issuer)}, not ${issuer}`);
    if (typeof meta.jwks_uri !== 'string') throw issuerUnreachable('its discovery document has no jwks_uri');
    if (new URL(issuer).protocol === 'https:' && new URL(meta.jwks_uri).protocol !== 'https:') throw issuerUnreachable('its jwks_uri is not https');
    return meta.jwks_uri;
  }
}

function issuerUnreachable(why: string): Unavailable {
  return new Unavailable('AUTH.ISSUER_UNAVAILABLE', `Access tokens cannot be checked now: the issuer's keys are not available (${why}).`);
}

/** What went wrong with a token, worded for the caller; never the token itself. */
function refusal(e: unknown): Error {
  if (e instanceof errors.JWTExpired) return new InvalidToken('it has expired.', '令牌已过期，请重新登录。');
  if (e instanceof errors.JWTClaimValidationFailed) {
    if (e.claim === 'aud') return new InvalidToken('it is not issued for this service (audience).', '令牌不是签发给本服务的。');
    if (e.claim === 'iss') return new InvalidToken('it is not from the trusted issuer.', '令牌不是受信任的签发方签发的。');
    if (e.claim === 'nbf' || e.claim === 'iat') return new InvalidToken('it is not valid yet.', '令牌尚未生效。');
    return new InvalidToken(`its ${e.claim} claim is ${e.reason === 'missing' ? 'missing' : 'invalid'}.`, '令牌的声明不完整或无效。');
  }
  if (e instanceof errors.JOSEAlgNotAllowed || e instanceof errors.JOSENotSupported) {
    return new InvalidToken(`it is not signed with ${ACCEPTED_ALGORITHMS.join(' or ')}.`, '令牌的签名算法不被接受。');
  }
  if (e instanceof errors.JWSSignatureVerificationFailed || e instanceof errors.JWKSNoMatchingKey || e instanceof errors.JWKSMultipleMatchingKeys) {
    return new InvalidToken('its signature does not verify with the issuer\'s keys.', '令牌签名无法验证。');
  }
  if (e instanceof errors.JWSInvalid || e instanceof errors.JWTInvalid) return new InvalidToken('it is not a well-formed signed JWT.', '令牌格式不正确。');
  // The key set could not be fetched (timeout, not 200, malformed): the issuer's fault, not the caller's.
  return issuerUnreachable((e as Error)?.message ?? String(e));
}

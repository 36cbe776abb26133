import { EnvSpec, loadConfig, parsers, prefixedEnv } from '@jiuzhu/common';

/** How a service checks access tokens: which issuer it trusts, for which audience, and where the claims sit. */
export interface AuthConfig {
  /** The issuer (`iss`) exactly as the provider writes it, e.g. `https://sso.example.gov.cn/realms/jiuzhu`. */
  issuer: string;
  /** Accepted audiences (`aud`): the token must name at least one. */
  audience: string[];
  /** The issuer's JWKS; unset: read from `<issuer>/.well-known/openid-configuration`. */
  jwksUri?: string;
  /** Claim name or dotted path of the roles (`roles`; Keycloak: `realm_access.roles`). */
  rolesClaim: string;
  /** Claim name or dotted path of the jurisdiction code (`jurisdiction`). */
  jurisdictionClaim: string;
  /** Seconds a token's `exp`/`nbf` may be off against this machine's clock. */
  clockSkewSeconds: number;
}

export const DEFAULT_CLOCK_SKEW_SECONDS = 30;

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/;

/**
 * An issuer or JWKS address. Keys fetched over plain HTTP could be swapped on the way, and whoever
 * swaps them signs any token: https is required except on this machine (the embedded default's
 * provider) or where AUTH_ALLOW_HTTP says the network in between is trusted (a compose network).
 */
function keySourceUrl(allowHttp: boolean) {
  return (raw: string) => {
    let u: URL;
    try {
      u = new URL(raw);
    } catch {
      return { ok: false as const, reason: 'not a URL' };
    }
    if (u.protocol === 'https:' || (u.protocol === 'http:' && (allowHttp || LOOPBACK.test(u.hostname)))) return { ok: true as const, value: raw };
    return { ok: false as const, reason: 'must be https (http only on localhost, or with AUTH_ALLOW_HTTP=true)' };
  };
}

const claimPath = (raw: string) =>
  /^[A-Za-z0-9_:/.#-]+$/.test(raw) ? { ok: true as const, value: raw } : { ok: false as const, reason: 'must be a claim name or a dotted path such as realm_access.roles' };

const skew = (raw: string) => {
  const n = Number(raw);
  return Number.isInteger(n) && n >= 0 && n <= 300 ? { ok: true as const, value: n } : { ok: false as const, reason: 'must be whole seconds from 0 to 300' };
};

const audiences = (raw: string) => {
  const list = raw.split(',').map((s) => s.trim()).filter(Boolean);
  return list.length ? { ok: true as const, value: list } : { ok: false as const, reason: 'must name at least one audience' };
};

/**
 * The token settings of one service: `<PREFIX>_AUTH_ISSUER` first, then `AUTH_ISSUER` (the
 * platform's convention, see loadServiceConfig), so services in one process may trust one
 * provider with an audience each.
 */
export function loadAuthConfig(prefix: string, env: NodeJS.ProcessEnv = process.env): AuthConfig {
  const view = prefixedEnv(prefix, env);
  const allowHttp = view.AUTH_ALLOW_HTTP === 'true';
  const spec: EnvSpec<Omit<AuthConfig, 'jwksUri'>> = {
    issuer: { env: 'AUTH_ISSUER', description: `the OIDC issuer whose access tokens this service accepts (or ${prefix}_AUTH_ISSUER)`, parse: keySourceUrl(allowHttp) },
    audience: { env: 'AUTH_AUDIENCE', description: `the audience tokens must be issued for, comma-separated (or ${prefix}_AUTH_AUDIENCE)`, parse: audiences },
    rolesClaim: { env: 'AUTH_ROLES_CLAIM', description: 'claim holding the roles, a dotted path allowed (Keycloak: realm_access.roles)', default: 'roles', parse: claimPath },
    jurisdictionClaim: { env: 'AUTH_JURISDICTION_CLAIM', description: 'claim holding the jurisdiction code 640200 / 640202 / 640202001', default: 'jurisdiction', parse: claimPath },
    clockSkewSeconds: { env: 'AUTH_CLOCK_SKEW_SECONDS', description: 'seconds of clock difference allowed on exp and nbf', default: String(DEFAULT_CLOCK_SKEW_SECONDS), parse: skew },
  };
  const withJwks: EnvSpec<Pick<AuthConfig, 'jwksUri'>> = {
    jwksUri: { env: 'AUTH_JWKS_URI', description: 'the issuer\'s JWKS address, when not found by discovery', parse: keySourceUrl(allowHttp) },
  };
  return view.AUTH_JWKS_URI ? { ...loadConfig({ ...spec, ...withJwks }, view) } : loadConfig(spec, view);
}

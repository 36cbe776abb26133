import { EnvSpec, loadConfig, parsers } from '@jiuzhu/common';

export interface IdentitySettings {
  port: number;
  /** Address the provider binds: loopback unless opened on purpose, like the services (HOST). */
  host: string;
  /** `http://127.0.0.1:3000`: the `iss` of every token, and where its discovery document and JWKS are. */
  issuer: string;
  /** `aud` of the access tokens: what the services' AUTH_AUDIENCE must accept. */
  audience: string;
  /** Where the console may be sent back to after signing in (authorization code + PKCE). */
  consoleRedirectUris: string[];
  accessTokenTtlSeconds: number;
  /** Secret of the `jiuzhu-service` client; made once and kept under data/identity when not set. */
  serviceClientSecret: string | undefined;
}

export const DEFAULT_IDP_PORT = 3000;

const absoluteUrls = (raw: string) => {
  const list = raw.split(',').map((s) => s.trim()).filter(Boolean);
  const bad = list.find((u) => {
    const url = URL.parse(u);
    return !url || !/^https?:$/.test(url.protocol) || url.hash !== '';
  });
  return list.length && !bad ? { ok: true as const, value: list } : { ok: false as const, reason: 'must be absolute http(s) URLs without a #fragment, separated by commas' };
};

const issuerUrl = (raw: string) => {
  const u = URL.parse(raw);
  return u && /^https?:$/.test(u.protocol) && !u.search && !u.hash && !raw.endsWith('/')
    ? { ok: true as const, value: raw }
    : { ok: false as const, reason: 'must be an http(s) URL with no query, fragment or trailing slash, e.g. http://127.0.0.1:3000' };
};

/**
 * The embedded provider's settings, `IDP_<NAME>`; the bind address falls back to HOST, as the
 * services' does.
 */
export function loadIdentitySettings(env: NodeJS.ProcessEnv = process.env): IdentitySettings {
  const first = loadConfig(
    {
      port: { env: 'IDP_PORT', description: 'port of the embedded OpenID provider', default: String(DEFAULT_IDP_PORT), parse: parsers.port },
      host: { env: 'IDP_HOST', description: 'address the embedded OpenID provider binds (or HOST)', default: env.HOST ?? '127.0.0.1', parse: parsers.string },
    },
    env,
  );
  const publicHost = first.host === '0.0.0.0' || first.host === '::' ? '127.0.0.1' : first.host;
  const rest = loadConfig<Omit<IdentitySettings, 'port' | 'host' | 'serviceClientSecret'>>(
    {
      issuer: { env: 'IDP_ISSUER', description: 'issuer URL of the embedded provider, as clients and services reach it', default: `http://${publicHost}:${first.port}`, parse: issuerUrl },
      audience: { env: 'IDP_AUDIENCE', description: "audience of the access tokens (one of the services' AUTH_AUDIENCE)", default: 'jiuzhu', parse: parsers.string },
      consoleRedirectUris: {
        env: 'IDP_CONSOLE_REDIRECT_URIS',
        description: 'redirect URIs of the jiuzhu-console client, comma-separated',
        default: 'http://127.0.0.1:8080/callback',
        parse: absoluteUrls,
      },
      accessTokenTtlSeconds: { env: 'IDP_ACCESS_TOKEN_TTL_SECONDS', description: 'lifetime of an access token', default: '1800', parse: parsers.positiveInt },
    },
    env,
  );
  const secret = env.IDP_SERVICE_CLIENT_SECRET
    ? loadConfig({ value: { env: 'IDP_SERVICE_CLIENT_SECRET', description: 'secret of the jiuzhu-service client (default: made once, kept in data/identity)', parse: parsers.secret } }, env).value
    : undefined;
  return { ...first, ...rest, serviceClientSecret: secret };
}

import { ConfigError } from '@jiuzhu/common';
import { loadAuthConfig } from './auth-config';

describe('access-token settings from the environment', () => {
  it('reads <PREFIX>_AUTH_* before AUTH_*, with defaults for the claims and a 30 s clock skew', () => {
    const c = loadAuthConfig('LIVING_ALLOWANCE', {
      AUTH_ISSUER: 'https://sso.example.gov.cn/realms/jiuzhu',
      AUTH_AUDIENCE: 'jiuzhu-api',
      LIVING_ALLOWANCE_AUTH_AUDIENCE: 'living-allowance, jiuzhu-api',
    });
    expect(c).toEqual({ issuer: 'https://sso.example.gov.cn/realms/jiuzhu', audience: ['living-allowance', 'jiuzhu-api'], rolesClaim: 'roles', jurisdictionClaim: 'jurisdiction', clockSkewSeconds: 30 });
  });

  it('maps Keycloak’s claims and an explicit JWKS address by configuration', () => {
    const c = loadAuthConfig('X', {
      AUTH_ISSUER: 'https://sso.example.gov.cn/realms/jiuzhu',
      AUTH_AUDIENCE: 'jiuzhu-api',
      AUTH_JWKS_URI: 'https://sso.example.gov.cn/realms/jiuzhu/protocol/openid-connect/certs',
      AUTH_ROLES_CLAIM: 'realm_access.roles',
      AUTH_CLOCK_SKEW_SECONDS: '0',
    });
    expect(c).toMatchObject({ jwksUri: 'https://sso.example.gov.cn/realms/jiuzhu/protocol/openid-connect/certs', rolesClaim: 'realm_access.roles', clockSkewSeconds: 0 });
  });

  it('refuses a plain-http issuer away from this machine unless AUTH_ALLOW_HTTP says the network is trusted', () => {
    const env = { AUTH_ISSUER: 'http://keycloak:8080/realms/jiuzhu', AUTH_AUDIENCE: 'jiuzhu-api' };
    expect(() => loadAuthConfig('X', env)).toThrow(/AUTH_ISSUER=.*must be https/);
    expect(loadAuthConfig('X', { ...env, AUTH_ALLOW_HTTP: 'true' }).issuer).toBe('http://keycloak:8080/realms/jiuzhu');
    expect(loadAuthConfig('X', { ...env, AUTH_ISSUER: 'http://127.0.0.1:3000/oidc' }).issuer).toBe('http://127.0.0.1:3000/oidc');
  });

  it('names every missing or bad variable at once', () => {
    let problems: string[] = [];
    try {
      loadAuthConfig('ELDER_ASSESSMENT', { AUTH_CLOCK_SKEW_SECONDS: '3600' });
    } catch (e) {
      problems = (e as ConfigError).problems;
    }
    expect(problems).toEqual([
      expect.stringMatching(/^AUTH_ISSUER is required .*ELDER_ASSESSMENT_AUTH_ISSUER/),
      expect.stringMatching(/^AUTH_AUDIENCE is required/),
      expect.stringMatching(/^AUTH_CLOCK_SKEW_SECONDS="3600" is invalid: must be whole seconds from 0 to 300/),
    ]);
  });
});

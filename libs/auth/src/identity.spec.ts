import { claimAt, identityFromClaims } from './identity';

const names = { roles: 'roles', jurisdiction: 'jurisdiction' };

describe('the identity a token’s claims describe', () => {
  it('finds a claim by its exact name first, then by a dotted path, never through the prototype', () => {
    expect(claimAt({ 'https://bureau.example/roles': ['admin'] }, 'https://bureau.example/roles')).toEqual(['admin']);
    expect(claimAt({ realm_access: { roles: ['caseworker'] } }, 'realm_access.roles')).toEqual(['caseworker']);
    expect(claimAt({ resource_access: { 'jiuzhu-api': { roles: ['assessor'] } } }, 'resource_access.jiuzhu-api.roles')).toEqual(['assessor']);
    expect(claimAt({ realm_access: ['roles'] }, 'realm_access.roles')).toBeUndefined();
    expect(claimAt({}, 'constructor.name')).toBeUndefined();
    expect(claimAt({ a: {} }, 'a.toString')).toBeUndefined();
  });

  it('takes roles as a list or a space-separated string and drops what the catalogue does not know', () => {
    const r = identityFromClaims({ sub: 'a-1', roles: 'caseworker uma_authorization supervisor caseworker', jurisdiction: '640202' }, names);
    expect(r).toEqual({ ok: true, identity: { staffId: 'a-1', roles: ['caseworker', 'supervisor'], jurisdiction: '640202' } });
  });

  it('refuses a subject that is no staff id (a name, spaces, too long)', () => {
    for (const sub of ['张三', 'John Smith', 'x'.repeat(65), '', 42]) {
      expect(identityFromClaims({ sub, roles: ['caseworker'], jurisdiction: '640202' }, names)).toMatchObject({ ok: false, reason: expect.stringMatching(/subject/) });
    }
  });

  it('lets only a token whose one role is service go without a jurisdiction', () => {
    expect(identityFromClaims({ sub: 'svc', roles: ['service'] }, names)).toMatchObject({ ok: true, identity: { jurisdiction: null } });
    expect(identityFromClaims({ sub: 'svc', roles: ['service', 'admin'] }, names)).toMatchObject({ ok: false });
    expect(identityFromClaims({ sub: 'nobody', roles: [] }, names)).toMatchObject({ ok: false });
    expect(identityFromClaims({ sub: 'svc', roles: ['service'], jurisdiction: 'everywhere' }, names)).toMatchObject({ ok: false });
  });

  it('refuses a roles claim that is neither a list nor a string', () => {
    expect(identityFromClaims({ sub: 'a', roles: { admin: true }, jurisdiction: '640200' }, names)).toMatchObject({ ok: false, reason: expect.stringMatching(/roles claim/) });
  });
});

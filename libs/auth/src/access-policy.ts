import { applyDecorators } from '@nestjs/common';
import { METHOD_METADATA } from '@nestjs/common/constants';
import { ApiBearerAuth, ApiExtension, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { describeRoles, isRole, Role } from './roles';

/**
 * Who may call a route: the roles allowed, and whether it works inside the caller's jurisdiction.
 * - `scoped`: the handler passes `actor.jurisdiction` to its repository, whose SQL keeps to it
 *   (jurisdictionFilter); a caller without a jurisdiction (a service token) is refused here.
 * - `any`: the route is not about cases of a place (parameters, the city-wide standard).
 */
export interface AccessPolicy {
  roles: readonly Role[];
  jurisdiction: 'scoped' | 'any';
}

export type AccessDeclaration = { kind: 'public' } | ({ kind: 'access' } & AccessPolicy);

export const ACCESS_DECLARATION = 'jiuzhu:access-declaration';

/** The name of the security scheme in the OpenAPI document (configureHttpApp `bearerAuth`). */
export const BEARER_SCHEME = 'bearer';

/**
 * The one declaration of a route's access (issue 12): on a handler, or on a controller for all its
 * routes that declare nothing of their own. It is enforced by the access guard and documented in
 * OpenAPI from the same values: bearer security, `x-roles`, `x-jurisdiction`, and the 401 and 403
 * answers naming the roles.
 */
export function Access(policy: AccessPolicy): MethodDecorator & ClassDecorator {
  const roles = [...new Set(policy.roles)];
  if (!roles.length) throw new Error('@Access needs at least one role (a route nobody may call is a route to delete)');
  const unknown = roles.filter((r) => !isRole(r));
  if (unknown.length) throw new Error(`@Access names roles outside the catalogue: ${unknown.join(', ')}`);
  if (policy.jurisdiction !== 'scoped' && policy.jurisdiction !== 'any') throw new Error(`@Access jurisdiction must be 'scoped' or 'any', not ${JSON.stringify(policy.jurisdiction)}`);
  const declaration: AccessDeclaration = { kind: 'access', roles, jurisdiction: policy.jurisdiction };
  return declare(
    declaration,
    applyDecorators(
      ApiBearerAuth(BEARER_SCHEME),
      ApiExtension('x-roles', roles),
      ApiExtension('x-jurisdiction', policy.jurisdiction),
      ApiUnauthorizedResponse({ description: 'No access token, or one that is expired, forged, or for another audience or issuer (problem details; WWW-Authenticate: Bearer)' }),
      ApiForbiddenResponse({
        description:
          `Needs one of the roles: ${describeRoles(roles)}` + (policy.jurisdiction === 'scoped' ? '; works within the caller’s jurisdiction only' : ''),
      }),
    ),
  );
}

/** A route anyone may call without a token: health, metrics, API docs, the clock, sign-in pages. */
export function Public(): MethodDecorator & ClassDecorator {
  return declare({ kind: 'public' }, ApiExtension('x-public', true));
}

function declare(declaration: AccessDeclaration, document: MethodDecorator & ClassDecorator): MethodDecorator & ClassDecorator {
  return ((target: object, key?: string | symbol, descriptor?: PropertyDescriptor) => {
    if (descriptor) {
      refuseSecondDeclaration(descriptor.value, String(key));
      Reflect.defineMetadata(ACCESS_DECLARATION, declaration, descriptor.value);
      document(target, key!, descriptor);
      return descriptor;
    }
    const controller = target as Function;
    refuseSecondDeclaration(controller, controller.name);
    Reflect.defineMetadata(ACCESS_DECLARATION, declaration, controller);
    // Each route of the controller that says nothing itself takes the controller's declaration, in
    // the document as well as at the guard (a route's own declaration wins).
    for (const name of Object.getOwnPropertyNames(controller.prototype)) {
      const d = Object.getOwnPropertyDescriptor(controller.prototype, name);
      if (name === 'constructor' || typeof d?.value !== 'function' || !Reflect.hasMetadata(METHOD_METADATA, d.value)) continue;
      if (Reflect.hasOwnMetadata(ACCESS_DECLARATION, d.value)) continue;
      document(controller.prototype, name, d);
    }
    return target;
  }) as MethodDecorator & ClassDecorator;
}

function refuseSecondDeclaration(target: object, name: string): void {
  if (Reflect.hasOwnMetadata(ACCESS_DECLARATION, target)) throw new Error(`${name} declares its access twice (@Access or @Public): keep one`);
}

/** What a route declares: its handler's own declaration, else its controller's; undefined when neither says anything. */
export function accessDeclarationOf(handler: Function, controller: Function): AccessDeclaration | undefined {
  return Reflect.getOwnMetadata(ACCESS_DECLARATION, handler) ?? Reflect.getMetadata(ACCESS_DECLARATION, controller);
}

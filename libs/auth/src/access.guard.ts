import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import type { Logger } from 'pino';
import { orThrow, ruleViolation, violate } from '@jiuzhu/common';
import { accessDeclarationOf } from './access-policy';
import type { Actor } from './identity';
import { describeRoles } from './roles';
import { TokenMissing, TokenVerifier } from './token-verifier';

export const ACCESS_CONTROL = Symbol('ACCESS_CONTROL');

export interface AccessControlSources {
  verifier: TokenVerifier;
  log: Logger;
}

const actors = new WeakMap<object, Actor>();

/** The actor the guard admitted this request as; undefined on a public route. */
export function actorOf(req: object): Actor | undefined {
  return actors.get(req);
}

const BEARER = /^Bearer +([A-Za-z0-9\-._~+/]+=*) *$/i;

/**
 * The global guard (APP_GUARD) of every HTTP route: a public route passes; any other needs a valid
 * bearer token (401 otherwise) whose roles include one the route allows (403 naming the roles), and a
 * jurisdiction when the route is scoped. A route that declares nothing is refused (403) and logged
 * as a configuration error: forgetting the declaration closes the route rather than opening it.
 * Headers such as X-Actor-Id or X-Actor-Role are not read here at all.
 *
 * Event handlers are not HTTP routes: who may publish is the broker's to decide (SASL, ACLs).
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(@Inject(ACCESS_CONTROL) private readonly s: AccessControlSources) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const handler = context.getHandler();
    const controller = context.getClass();
    const declaration = accessDeclarationOf(handler, controller);
    if (declaration?.kind === 'public') return true;
    if (!declaration) {
      this.s.log.error({ route: `${controller.name}.${handler.name}` }, 'route refused: it declares no access policy (@Access or @Public)');
      orThrow(violate(ruleViolation('AUTH.NO_ACCESS_POLICY', 'forbidden', { zh: '此操作未声明访问策略，已拒绝。', en: 'This operation declares no access policy, so it is refused.' })));
    }
    const policy = declaration!.kind === 'access' ? declaration! : undefined;
    const req = context.switchToHttp().getRequest<Request>();
    const header = req.headers.authorization;
    if (!header || !/^Bearer\b/i.test(header)) throw new TokenMissing();
    const token = BEARER.exec(header)?.[1];
    const identity = await this.s.verifier.verify(token ?? '');

    const role = policy!.roles.find((r) => identity.roles.includes(r));
    if (!role) {
      const needed = describeRoles(policy!.roles);
      orThrow(
        violate(
          ruleViolation('AUTH.ROLE_NOT_ALLOWED', 'forbidden', {
            zh: `此操作需要以下角色之一：${needed}。`,
            en: `This operation needs one of the roles: ${needed}.`,
          }),
        ),
      );
    }
    if (policy!.jurisdiction === 'scoped' && identity.jurisdiction === null) {
      orThrow(
        violate(
          ruleViolation('AUTH.JURISDICTION_REQUIRED', 'forbidden', {
            zh: '此操作限于辖区内，而令牌未说明辖区。',
            en: 'This operation works within a jurisdiction and the token names none.',
          }),
        ),
      );
    }
    const actor: Actor = { id: identity.staffId, role, roles: identity.roles, jurisdiction: identity.jurisdiction };
    if (identity.clientId) actor.clientId = identity.clientId;
    actors.set(req, actor);
    return true;
  }
}

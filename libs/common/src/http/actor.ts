import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { InvalidInput, Unauthenticated } from '../errors';

/**
 * Who is acting. Until access control lands this is a plain header (`X-Actor-Id`, an officer's
 * staff id — never a name) plus an optional role; every change records it.
 */
export interface Actor {
  id: string;
  role?: string;
}

export const ACTOR_HEADER = 'x-actor-id';
export const ROLE_HEADER = 'x-actor-role';

export function actorFrom(req: Request): Actor {
  const id = req.header(ACTOR_HEADER);
  if (!id) throw new Unauthenticated(`Header ${ACTOR_HEADER} is required: every change records who made it.`);
  if (!/^[A-Za-z0-9._@-]{1,64}$/.test(id)) {
    throw new InvalidInput([{ field: `header ${ACTOR_HEADER}`, reason: 'must be 1-64 letters, digits or ._@-' }]);
  }
  const role = req.header(ROLE_HEADER) || undefined;
  return { id, role };
}

export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor => actorFrom(ctx.switchToHttp().getRequest<Request>()));

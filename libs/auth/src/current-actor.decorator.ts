import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { Unauthenticated } from '@jiuzhu/common';
import { actorOf } from './access.guard';
import type { Actor } from './identity';

/**
 * The signed-in actor of this request, as the access guard admitted it (replaces the header-based
 * `CurrentActor` of @jiuzhu/common/http, with the same `id` and `role`). On a public route there is
 * none, and asking for one is refused rather than answered with an anonymous actor.
 */
export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor => {
  const actor = actorOf(ctx.switchToHttp().getRequest());
  if (!actor) throw new Unauthenticated('This operation needs a signed-in actor, and none was admitted.');
  return actor;
});

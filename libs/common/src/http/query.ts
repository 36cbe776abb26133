import { CanActivate, ExecutionContext } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { getMetadataStorage } from 'class-validator';
import type { Request } from 'express';
import { InvalidInput } from '../errors';

/** Metadata key under which a custom parameter decorator (`@PageQuery()`) names the query parameters it reads. */
const READS_QUERY = 'jiuzhu:reads-query';

/**
 * For a custom parameter decorator that reads query parameters itself (createParamDecorator's
 * enhancers): records the names it reads, so they count as the route's own.
 */
export function readsQuery(...names: string[]): ParameterDecorator {
  return (target, key) => {
    if (key === undefined) return;
    const own: string[] = Reflect.getMetadata(READS_QUERY, target.constructor, key) ?? [];
    Reflect.defineMetadata(READS_QUERY, [...own, ...names], target.constructor, key);
  };
}

/**
 * The query parameters a route handler reads: each `@Query('name')`, every property of a
 * `@Query() dto: SomeQueryDto` class (its class-validator properties: what the strict pipe's
 * whitelist lets through) and the names custom decorators record (`readsQuery`). A whole
 * `@Query()` typed as a plain object declares nothing: its reader would accept anything.
 */
export function queryParametersOf(controller: Function, handler: string): string[] {
  const args: Record<string, { index: number; data?: unknown }> = Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, handler) ?? {};
  const types: unknown[] = Reflect.getMetadata('design:paramtypes', controller.prototype, handler) ?? [];
  const names = new Set<string>(Reflect.getMetadata(READS_QUERY, controller, handler) ?? []);
  for (const [key, arg] of Object.entries(args)) {
    if (key.split(':')[0] !== String(RouteParamtypes.QUERY)) continue;
    if (typeof arg.data === 'string') {
      names.add(arg.data);
      continue;
    }
    const type = types[arg.index];
    if (typeof type !== 'function' || type === Object) continue;
    for (const m of getMetadataStorage().getTargetValidationMetadatas(type, '', true, false)) names.add(m.propertyName);
  }
  return [...names];
}

/**
 * Unknown query parameters are refused, naming each (400), on every route of every service:
 * a misspelt or unsupported filter (`?filedBy=`, `?idNumber=`) used to be ignored, and the caller
 * read the unfiltered answer — often `[]` — as the answer to their question. A route declares what
 * it reads with `@Query('name')` or, better, a query DTO (`@Query() q: ListQuery`, validated by the
 * strict pipe); a route that declares nothing takes no query parameter at all.
 *
 * Registered once for every HTTP app (`configureHttpApp`); guards run before pipes, so an unknown
 * parameter is reported even when the route's other input is also wrong.
 */
export class KnownQueryParameters implements CanActivate {
  private readonly known = new Map<Function, ReadonlySet<string>>();

  canActivate(ctx: ExecutionContext): boolean {
    if (ctx.getType() !== 'http') return true;
    const query = ctx.switchToHttp().getRequest<Request>().query ?? {};
    const given = Object.keys(query);
    if (given.length === 0) return true;
    const handler = ctx.getHandler();
    let known = this.known.get(handler);
    if (!known) {
      known = new Set(queryParametersOf(ctx.getClass(), handler.name));
      this.known.set(handler, known);
    }
    const unknown = given.filter((name) => !known.has(name));
    if (unknown.length === 0) return true;
    const reads = known.size ? `it reads ${[...known].join(', ')}` : 'it reads none';
    throw new InvalidInput(
      unknown.map((name) => ({ field: shortened(name), reason: `is not a query parameter of this route (${reads})` })),
      `Unknown query parameter${unknown.length > 1 ? 's' : ''}: ${unknown.map(shortened).join(', ')}.`,
    );
  }
}

/** A parameter name is echoed so the caller sees what was refused; a name pasted by mistake in place of a value is cut short. */
function shortened(name: string): string {
  return name.length > 40 ? `${name.slice(0, 40)}…` : name;
}

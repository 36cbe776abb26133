import { Param, ParseUUIDPipe } from '@nestjs/common';
import { InvalidInput } from '../errors';

/**
 * A UUID path parameter. Anything else is a 400 naming the parameter — never a query that Postgres
 * refuses with a 500 (`invalid input syntax for type uuid`).
 */
export function uuidPipe(name = 'id'): ParseUUIDPipe {
  return new ParseUUIDPipe({ exceptionFactory: () => new InvalidInput([{ field: name, reason: 'must be a UUID' }]) });
}

/** `@UuidParam() id: string` — the path parameter `name`, checked to be a UUID. */
export function UuidParam(name = 'id'): ParameterDecorator {
  return Param(name, uuidPipe(name));
}

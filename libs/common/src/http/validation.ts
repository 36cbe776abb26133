import { ValidationError, ValidationPipe } from '@nestjs/common';
import { FieldProblem, InvalidInput } from '../errors';

/**
 * Request DTOs are validated strictly: unknown fields are refused (a typo must not silently drop
 * data) and every problem is reported with its field path and reason.
 */
export function strictValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    forbidUnknownValues: true,
    exceptionFactory: (errors: ValidationError[]) => new InvalidInput(flatten(errors)),
  });
}

export function flatten(errors: ValidationError[], prefix = ''): FieldProblem[] {
  return errors.flatMap((e) => {
    const field = prefix ? (/^\d+$/.test(e.property) ? `${prefix}[${e.property}]` : `${prefix}.${e.property}`) : e.property;
    const own = Object.values(e.constraints ?? {}).map((reason) => ({ field, reason }));
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

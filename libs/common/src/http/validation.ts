import { ArgumentMetadata, ValidationError, ValidationPipe, ValidationPipeOptions } from '@nestjs/common';
import { FieldProblem, InvalidInput } from '../errors';
import { BodyCheck, compiledBodyCheck } from './compiled-validation';

/**
 * The compiled check never decides alone: should one of the DTO's own constraint functions throw,
 * class-validator runs the same functions next and the request fails exactly as it did without it.
 */
function passes(check: BodyCheck, value: unknown): boolean {
  try {
    return check(value);
  } catch {
    return false;
  }
}

export const STRICT_VALIDATION_OPTIONS: ValidationPipeOptions = {
  whitelist: true,
  forbidNonWhitelisted: true,
  transform: true,
  forbidUnknownValues: true,
  exceptionFactory: (errors: ValidationError[]) => new InvalidInput(flatten(errors)),
};

/**
 * Request DTOs are validated strictly: unknown fields are refused (a typo must not silently drop
 * data) and every problem is reported with its field path and reason.
 *
 * A request body is first put to its DTO's compiled check (compiled-validation.ts), which reads the
 * same decorators once: a body it finds valid goes straight to the controller. Any other body —
 * and every body of a DTO the check cannot read — goes through class-validator, which decides and
 * words the errors.
 */
export class StrictValidationPipe extends ValidationPipe {
  constructor() {
    super(STRICT_VALIDATION_OPTIONS);
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const check = metadata.type === 'body' && metadata.data === undefined && metadata.metatype ? compiledBodyCheck(metadata.metatype) : undefined;
    if (check && passes(check, value)) return value;
    return super.transform(value, metadata);
  }
}

export function strictValidationPipe(): ValidationPipe {
  return new StrictValidationPipe();
}

export function flatten(errors: ValidationError[], prefix = ''): FieldProblem[] {
  return errors.flatMap((e) => {
    const field = prefix ? (/^\d+$/.test(e.property) ? `${prefix}[${e.property}]` : `${prefix}.${e.property}`) : e.property;
    const own = Object.values(e.constraints ?? {}).map((reason) => ({ field, reason }));
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

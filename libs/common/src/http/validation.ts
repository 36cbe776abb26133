import { applyDecorators, ValidationError, ValidationPipe, ValidationPipeOptions } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsArray, IsObject, ValidateNested, ValidationOptions } from 'class-validator';
import { FieldProblem, InvalidInput } from '../errors';

export const STRICT_VALIDATION_OPTIONS: ValidationPipeOptions = {
  whitelist: true,
  forbidNonWhitelisted: true,
  transform: true,
  forbidUnknownValues: true,
  exceptionFactory: (errors: ValidationError[]) => new InvalidInput(flatten(errors)),
};

/**
 * Request DTOs are validated strictly by class-validator: unknown fields are refused (a typo must not
 * silently drop data) and every problem is reported with its field path and reason.
 *
 * A body reaches its controller as an instance of its DTO class (class-transformer, `transform`),
 * nested objects as instances of their @Type classes: always the same kind of object, the one the
 * controller's signature names, whichever way the body was written.
 */
export class StrictValidationPipe extends ValidationPipe {
  constructor() {
    super(STRICT_VALIDATION_OPTIONS);
  }
}

export function strictValidationPipe(): ValidationPipe {
  return new StrictValidationPipe();
}

/**
 * A nested object of class `type`. @ValidateNested alone validates the elements of an array given
 * instead (class-validator's reading), so `{"household": []}` passed validation and reached the
 * assessment as an array; @IsObject refuses arrays, null and primitives, naming the field.
 */
export function NestedObject(type: () => Function, options?: ValidationOptions): PropertyDecorator {
  return applyDecorators(IsObject({ message: `$property must be an object`, ...options }), ValidateNested(options), Type(type));
}

/** A list of objects of class `type`: each element must itself be an object (`[[]]` is refused, not validated as a list). */
export function NestedArray(type: () => Function, options?: ValidationOptions): PropertyDecorator {
  return applyDecorators(
    IsArray(options),
    IsObject({ message: `each element of $property must be an object`, ...options, each: true }),
    ValidateNested({ ...options, each: true }),
    Type(type),
  );
}

export function flatten(errors: ValidationError[], prefix = ''): FieldProblem[] {
  return errors.flatMap((e) => {
    const field = prefix ? (/^\d+$/.test(e.property) ? `${prefix}[${e.property}]` : `${prefix}.${e.property}`) : e.property;
    const own = Object.values(e.constraints ?? {}).map((reason) => ({ field, reason }));
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

import { registerDecorator, ValidationOptions } from 'class-validator';
import { parseResidentId } from '../resident-id';

/** A GB 11643 resident ID number with a correct MOD 11-2 check character and a real birth date. */
export function IsResidentId(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isResidentId',
      target: target.constructor,
      propertyName: propertyName as string,
      options,
      validator: {
        validate: (v: unknown) => typeof v === 'string' && parseResidentId(v).ok,
        defaultMessage: (args) => {
          const v = args?.value;
          if (typeof v !== 'string') return 'must be an 18-character resident ID number';
          const r = parseResidentId(v);
          if (r.ok) return '';
          return {
            format: 'must be 17 digits followed by a digit or X (GB 11643)',
            check_digit: 'check digit is wrong (ISO 7064 MOD 11-2): the number was probably mistyped',
            birth_date: 'contains an impossible birth date',
          }[r.reason];
        },
      },
    });
}


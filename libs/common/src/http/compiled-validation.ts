import { getMetadataStorage, ValidationArguments, ValidationTypes } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';
import { TransformationType } from 'class-transformer';
import type { MetadataStorage as TransformerMetadata } from 'class-transformer/types/MetadataStorage';

// class-transformer's own registry of @Type, @Transform, @Expose and @Exclude: not re-exported by its
// index, and its typings live apart from its CommonJS build.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { defaultMetadataStorage } = require('class-transformer/cjs/storage') as { defaultMetadataStorage: TransformerMetadata };

/**
 * A request DTO's class-validator rules read once into a plain checking function, for the common case
 * of a valid body. It answers only "certainly valid": whenever it says no — or cannot tell, because
 * the class uses a feature it does not read — the request goes through class-validator as before,
 * which also words every error. The decorators stay the only statement of the rules; this reads
 * their metadata and calls their own constraint functions with the same arguments.
 *
 * Why: class-validator looks up each nested object's rules anew on every request (a pass over every
 * validated class in the process), and class-transformer copies the body into class instances first.
 * For the household document that was the largest single cost of filing (docs/benchmarks.md, (c)).
 *
 * Semantics read, as class-validator applies them with the strict pipe's options (whitelist,
 * forbidNonWhitelisted, forbidUnknownValues; no groups; always off):
 * - a class with no rules at all is refused (unknown value); a property without rules is refused;
 * - a property whose conditions (@IsOptional, @ValidateIf) do not all hold is not checked further;
 * - @IsDefined and every constraint must pass, each element for `each`; `validateIf` is honoured;
 * - @ValidateNested: the value (or each element of an array) must be a plain object, checked against
 *   the class named by its @Type.
 * Not read (the class is then left to class-validator entirely): groups, `always`, async or
 * promise validation, schemas, class-transformer's @Transform, @Expose, @Exclude and discriminators.
 */
export type BodyCheck = (value: unknown) => boolean;
// A valid body is handed to the controller as parsed: these DTOs carry no defaults, methods or conversions
// (a class with @Transform, @Expose, @Exclude or a converting @Type is not compiled), so the instance
// class-transformer would build holds the same data.

interface PropertyCheck {
  name: string;
  conditions: ((object: object, value: unknown) => boolean)[];
  constraints: { validate: (value: unknown, args: ValidationArguments) => unknown; each: boolean; validateIf?: (object: object, value: unknown) => boolean; args: ValidationArguments }[];
  /** The @Type class of a @ValidateNested property (filled in after every class is compiled, for cycles). */
  nested?: Function;
}

interface ClassCheck {
  properties: PropertyCheck[];
  names: Set<string>;
}

const compiled = new Map<Function, ClassCheck | null>();
const bodyChecks = new Map<Function, BodyCheck | undefined>();

/** The check for a DTO class (read on first use, then kept), or undefined when its rules use something this does not read. */
export function compiledBodyCheck(dto: Function): BodyCheck | undefined {
  if (bodyChecks.has(dto)) return bodyChecks.get(dto);
  const check: BodyCheck | undefined = compileClass(dto, new Set()) ? (value) => checkObject(value, dto) : undefined;
  bodyChecks.set(dto, check);
  return check;
}

function compileClass(cls: Function, visiting: Set<Function>): ClassCheck | null {
  if (compiled.has(cls)) return compiled.get(cls)!;
  if (visiting.has(cls)) return null; // a cycle is left to class-validator
  visiting.add(cls);
  const result = readClass(cls, visiting);
  visiting.delete(cls);
  compiled.set(cls, result);
  return result;
}

function readClass(cls: Function, visiting: Set<Function>): ClassCheck | null {
  const storage = getMetadataStorage();
  const metadatas: ValidationMetadata[] = storage.getTargetValidationMetadatas(cls, undefined as unknown as string, false, false, undefined);
  if (metadatas.length === 0) return null;
  if (defaultMetadataStorage.getStrategy(cls) !== 'none' || defaultMetadataStorage.getExposedMetadatas(cls).length > 0 || defaultMetadataStorage.getExcludedMetadatas(cls).length > 0) {
    return null;
  }
  const byName = new Map<string, ValidationMetadata[]>();
  for (const m of metadatas) {
    if (typeof m.target === 'string' || m.always !== undefined || (m.groups && m.groups.length > 0)) return null;
    byName.set(m.propertyName, [...(byName.get(m.propertyName) ?? []), m]);
  }
  const properties: PropertyCheck[] = [];
  for (const [name, ms] of byName) {
    if (defaultMetadataStorage.findTransformMetadatas(cls, name, TransformationType.PLAIN_TO_CLASS).length > 0) return null;
    const p: PropertyCheck = { name, conditions: [], constraints: [] };
    for (const m of ms) {
      if (m.type === ValidationTypes.CONDITIONAL_VALIDATION) {
        p.conditions.push(m.constraints[0]);
      } else if (m.type === ValidationTypes.CUSTOM_VALIDATION || m.type === ValidationTypes.IS_DEFINED) {
        for (const c of storage.getTargetValidatorConstraints(m.constraintCls)) {
          if (c.async) return null;
          const instance = c.instance as { validate: (value: unknown, args: ValidationArguments) => unknown };
          const args: ValidationArguments = { targetName: cls.name, property: name, object: {}, value: undefined, constraints: m.constraints };
          p.constraints.push({ validate: instance.validate.bind(instance), each: m.each === true, validateIf: m.validateIf, args });
        }
      } else if (m.type === ValidationTypes.NESTED_VALIDATION) {
        const type = defaultMetadataStorage.findTypeMetadata(cls, name);
        if (!type || type.options?.discriminator) return null;
        const nested = type.typeFunction();
        if (typeof nested !== 'function' || !compileClass(nested, visiting)) return null;
        p.nested = nested;
      } else if (m.type !== ValidationTypes.WHITELIST) {
        return null;
      }
    }
    // A @Type on a property that is not nested converts the value (e.g. to a Date) before class-validator sees it.
    if (p.nested === undefined && defaultMetadataStorage.findTypeMetadata(cls, name)) return null;
    properties.push(p);
  }
  return { properties, names: new Set(byName.keys()) };
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
  // An Object.prototype (of any realm: a test sandbox has its own) or none: what JSON.parse builds, never a class instance.
  const proto = Object.getPrototypeOf(v);
  return proto === null || Object.getPrototypeOf(proto) === null;
}

function checkObject(value: unknown, cls: Function): boolean {
  const c = compiled.get(cls);
  if (!c || !isPlainObject(value)) return false;
  for (const key of Object.keys(value)) if (!c.names.has(key)) return false;
  for (const p of c.properties) {
    const v = value[p.name];
    let applies = true;
    for (const condition of p.conditions) if (!condition(value, v)) applies = false;
    if (!applies) continue;
    for (const k of p.constraints) {
      if (k.validateIf && !k.validateIf(value, v)) continue;
      k.args.object = value;
      k.args.value = v;
      if (k.each && Array.isArray(v)) {
        for (const element of v) if (k.validate(element, k.args) !== true) return false;
      } else if (k.validate(v, k.args) !== true) {
        return false;
      }
    }
    if (p.nested !== undefined && v !== undefined) {
      if (Array.isArray(v)) {
        for (const element of v) if (!checkObject(element, p.nested)) return false;
      } else if (!checkObject(v, p.nested)) {
        return false;
      }
    }
  }
  return true;
}

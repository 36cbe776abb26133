import { plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';
import { documentShapeProblem } from '@jiuzhu/common';

/**
 * An integration event type: the public, versioned contract between services.
 * A breaking change is a new class with a new version beside the old one, never an edit.
 */
export interface EventContract<T extends object = object> {
  /** CloudEvents `type`, e.g. `living-allowance.case.approved`. */
  readonly type: string;
  readonly version: number;
  /** Topic the producing service publishes this type on (one topic per producer and aggregate). */
  readonly topic: string;
  /** Which aggregate reference in the payload is the Kafka key (per-aggregate ordering). */
  readonly keyOf: (payload: T) => string;
  readonly payloadClass: new () => T;
  readonly example: T;
  readonly description: string;
}

/** The pattern handlers subscribe with: `<type>.v<version>`. */
export function patternOf(contract: Pick<EventContract, 'type' | 'version'>): string {
  return `${contract.type}.v${contract.version}`;
}

export function dataschemaOf(contract: Pick<EventContract, 'type' | 'version'>): string {
  return `urn:jiuzhu:schema:${contract.type}:v${contract.version}`;
}

export interface PayloadViolation {
  field: string;
  reason: string;
}

/**
 * How deep a payload may nest. Our deepest contract is three levels (an object, an array, an object
 * in it); class-transformer recurses once per level, and a 10 KB message nesting 1 500 arrays threw
 * "Maximum call stack size exceeded" from inside it and stopped a consumer for good (issue 10).
 */
export const MAX_PAYLOAD_DEPTH = 16;

/**
 * Validates an incoming payload against its contract; consumers dead-letter what fails. It never
 * throws: whatever a message contains comes back as violations.
 */
export function validatePayload<T extends object>(
  contract: EventContract<T>,
  data: unknown,
): { ok: true; value: T } | { ok: false; violations: PayloadViolation[] } {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    return { ok: false, violations: [{ field: '', reason: 'payload must be a JSON object' }] };
  }
  const shape = documentShapeProblem(data, MAX_PAYLOAD_DEPTH);
  if (shape?.kind === 'too-deep') return { ok: false, violations: [{ field: '', reason: `payload nests deeper than ${MAX_PAYLOAD_DEPTH} levels` }] };
  if (shape?.kind === 'prototype-key') return { ok: false, violations: [{ field: shape.field, reason: 'should not exist' }] };
  if (shape?.kind === 'not-text') return { ok: false, violations: [{ field: shape.field, reason: 'contains a NUL character or half of a surrogate pair, which is not text' }] };
  try {
    const instance = plainToInstance(contract.payloadClass, data);
    const errors = validateSync(instance as object, { whitelist: false, forbidUnknownValues: true });
    if (errors.length === 0) return { ok: true, value: instance };
    return { ok: false, violations: flatten(errors) };
  } catch (e) {
    return { ok: false, violations: [{ field: '', reason: `payload could not be checked: ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}` }] };
  }
}

function flatten(errors: ValidationError[], prefix = ''): PayloadViolation[] {
  return errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((reason) => ({ field, reason }));
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

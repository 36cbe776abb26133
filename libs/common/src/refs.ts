import { createHmac } from 'node:crypto';

/**
 * Keyed hash of a resident ID number: the `personRef`/`householdRef` that events carry.
 * HMAC (not a bare hash) because the ID number space is small enough to enumerate.
 */
export function refOf(idNumber: string, key: string): string {
  return createHmac('sha256', key).update(idNumber.toUpperCase()).digest('hex');
}

import { maskResidentId } from '@jiuzhu/common';
import type { Actor } from './identity';
import type { Role } from './roles';

/**
 * The roles that handle cases and people: they file, review, confirm, oversee or assess them, and
 * need the full resident ID number to do so (to check it against a card, a household register, a
 * bank account). Which cases they see at all is their jurisdiction, applied in SQL. Everyone else —
 * the city auditor, an administrator, another system — sees it masked (PIPL art. 6 and 28: the
 * least personal data the purpose needs; ID numbers are sensitive personal information).
 */
export const ROLES_HANDLING_PEOPLE: readonly Role[] = ['caseworker', 'township_reviewer', 'township_approver', 'county_approver', 'supervisor', 'assessor'];

/** Whether this actor sees resident ID numbers of the records in their jurisdiction in full. */
export function seesFullIdNumbers(actor: Pick<Actor, 'roles'>): boolean {
  return actor.roles.some((r) => ROLES_HANDLING_PEOPLE.includes(r));
}

/** A resident ID number as this actor may see it: in full, or masked (`640202********1234`). */
export function idNumberFor(actor: Pick<Actor, 'roles'>, idNumber: string): string {
  return seesFullIdNumbers(actor) ? idNumber : maskResidentId(idNumber);
}

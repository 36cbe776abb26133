import { Forbidden } from '@jiuzhu/common';
import type { Actor } from '@jiuzhu/auth';
import { ConfirmationLevel } from './domain/process';
import { ProcessRulesInForce } from './process-rules';

/** Roles of the process (X-Actor-Role until access control lands). */
export const PROCESS_ROLES = {
  townshipReviewer: 'township_reviewer',
  townshipApprover: 'township_approver',
  countyApprover: 'county_approver',
  supervisor: 'supervisor',
} as const;

export function requireRole(actor: Actor, roles: string[]): void {
  if (!actor.role || !roles.includes(actor.role)) {
    throw new Forbidden('ROLE.REQUIRED', `This step needs the role ${roles.join(' or ')} (X-Actor-Role).`);
  }
}

/** Who confirms in this district: the county, or the township where the county delegated it. */
export function confirmingLevel(districtCode: string, rules: ProcessRulesInForce, actor: Actor): ConfirmationLevel {
  const delegated = rules.params.delegatedDistricts.has(districtCode);
  requireRole(actor, [delegated ? PROCESS_ROLES.townshipApprover : PROCESS_ROLES.countyApprover]);
  return delegated ? 'township' : 'county';
}

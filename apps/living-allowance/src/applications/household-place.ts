import { jurisdictionFilter, placedWithin, type Actor } from '@jiuzhu/auth';
import type { Outcome } from '@jiuzhu/common';
import type { Household } from '../assessment/domain/household';

/**
 * A household document placed outside the actor's jurisdiction — a new filing, or a correction that
 * moves a case — is refused (403 JURISDICTION.OUTSIDE), naming the field that places it: its
 * township when its district is the actor's own, else its district. A case already kept outside the
 * jurisdiction is not refused here: the repositories do not find it (404).
 */
export function householdPlacedWithin(actor: Pick<Actor, 'jurisdiction'>, household: Pick<Household, 'districtCode' | 'townshipCode'>): Outcome<void> {
  const own = jurisdictionFilter(actor.jurisdiction);
  const field = own.districtCode === undefined || own.districtCode === household.districtCode ? 'household.townshipCode' : 'household.districtCode';
  return placedWithin(actor.jurisdiction, { districtCode: household.districtCode, townshipCode: household.townshipCode ?? null }, field);
}

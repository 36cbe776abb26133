import { Actor, jurisdictionFilter, placedWithin } from '@jiuzhu/auth';
import { Outcome } from '@jiuzhu/common';

/**
 * A new case placed outside the actor's jurisdiction is refused (403 JURISDICTION.OUTSIDE), naming
 * the field that places it: its township when its district is the actor's own, else its district. A
 * case already kept outside it is never refused here: the repository does not find it (404).
 */
export function placeWithin(actor: Pick<Actor, 'jurisdiction'>, place: { districtCode: string; townshipCode: string }): Outcome<void> {
  const own = jurisdictionFilter(actor.jurisdiction).districtCode;
  return placedWithin(actor.jurisdiction, place, own === undefined || own === place.districtCode ? 'townshipCode' : 'districtCode');
}

import { Actor, jurisdictionFilter, placedWithin } from '@jiuzhu/auth';
import { Outcome, succeed } from '@jiuzhu/common';
import type { AreaFilter } from './assessment/assessment.repository';

/**
 * An assessment placed (opened, or moved by an edit) within the actor's jurisdiction, or 403
 * JURISDICTION.OUTSIDE naming the field that puts it outside: the district when it is another
 * district, else the township (an assessor of a township placing one in another township of the
 * same district, or in none). A record that already exists outside is never refused here: the
 * repository does not find it (404).
 */
export function placeWithin(actor: Pick<Actor, 'jurisdiction'>, place: { districtCode: string; townshipCode?: string | null }): Outcome<void> {
  const own = jurisdictionFilter(actor.jurisdiction).districtCode;
  return placedWithin(actor.jurisdiction, place, own !== undefined && own === place.districtCode ? 'townshipCode' : 'districtCode');
}

/**
 * The area a queue or a summary covers: the one asked for, which must lie within the actor's
 * jurisdiction (403 naming the field otherwise — an answer of "0 elders in 惠农区" to an assessor
 * of 大武口区 would be false, not private), or the jurisdiction itself when none is asked for.
 */
export function areaWithin(actor: Pick<Actor, 'jurisdiction'>, asked: AreaFilter): Outcome<AreaFilter> {
  if (asked.districtCode === undefined && asked.townshipCode === undefined) return succeed(jurisdictionFilter(actor.jurisdiction));
  const districtCode = asked.districtCode ?? asked.townshipCode!.slice(0, 6);
  const inside = placeWithin(actor, { districtCode, townshipCode: asked.townshipCode ?? null });
  return inside.ok ? succeed(asked) : inside;
}

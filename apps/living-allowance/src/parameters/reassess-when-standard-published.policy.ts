import { EntityManager } from 'typeorm';
import { ParameterVersion } from '@jiuzhu/common';
import type { Actor } from '@jiuzhu/auth';
import { StandardPublished, StandardPublishedV1 } from '@jiuzhu/contracts';
import { Outbox } from '@jiuzhu/messaging';
import { ParameterPublicationHook } from '@jiuzhu/parameters';
import { requestReassessment } from '../reassessment/reassessment-runner';
import { DibaoStandardValue } from './domain/parameter-keys';

/**
 * A new dibao standard, in the transaction that publishes it: announced as `standard.published`
 * (other services keep their own copy), and every paying case of its district and area is
 * re-decided under it — a reassessment run opened now, picked up by the runner once committed.
 * The standard may be back-dated (its spec allows it): the run settles the months already paid.
 */
export class ReassessWhenStandardPublished implements ParameterPublicationHook {
  constructor(
    private readonly outbox: Outbox,
    private readonly wakeRunner: () => void,
  ) {}

  async published(m: EntityManager, v: ParameterVersion, actor: Actor, at: Date): Promise<void> {
    if (v.key !== 'dibao.standard') return;
    const announced = standardPublishedOf(v);
    const { districtCode, area } = announced;
    await this.outbox.append(m, StandardPublished, announced);
    await requestReassessment(m, { districtCode, area, standardVersionId: v.versionId, validFrom: v.validFrom, requestedBy: actor.id, requestedAt: at });
  }

  committed(): void {
    this.wakeRunner();
  }
}

/** A `dibao.standard` version as `standard.published` announces it. */
export function standardPublishedOf(v: ParameterVersion): StandardPublishedV1 {
  const [districtCode, area] = v.scope.split('/') as [string, 'urban' | 'rural'];
  return { districtCode, area, monthlyFen: (v.value as DibaoStandardValue).monthlyFen, validFrom: v.validFrom, versionId: v.versionId, legalSource: v.legalSource };
}

/**
 * The seeded standards, announced once in the seeding transaction: without them a service keeping
 * its own copy (hardship-registry) would have no standard until a bureau published one. Only seeded
 * ones: nothing is re-decided (no case exists before the first start), and a restart seeds nothing.
 */
export async function announceSeededStandards(outbox: Outbox, m: EntityManager, seeded: readonly ParameterVersion[]): Promise<void> {
  await outbox.appendMany(m, StandardPublished, seeded.filter((v) => v.key === 'dibao.standard').map(standardPublishedOf));
}

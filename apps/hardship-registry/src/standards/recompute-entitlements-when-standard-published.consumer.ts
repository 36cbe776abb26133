import { Controller, Inject } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { EventEnvelope, StandardPublished, StandardPublishedV1 } from '@jiuzhu/contracts';
import { ConsumeEvent } from '@jiuzhu/messaging';
import { RecomputeEntitlements } from './recompute-entitlements.use-case';

/** Keeps living-allowance's dibao standards here and re-computes the supported persons' entitlements on a new one. */
@Controller()
export class RecomputeEntitlementsWhenStandardPublished {
  constructor(@Inject(RecomputeEntitlements) private readonly recompute: RecomputeEntitlements) {}

  @ConsumeEvent(StandardPublished, 'hardship-registry.recompute-entitlements')
  async recomputeEntitlements(e: EventEnvelope<StandardPublishedV1>, m: EntityManager): Promise<void> {
    await this.recompute.onPublished(m, e.data);
  }
}

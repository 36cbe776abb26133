import { Controller, Inject } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { EventEnvelope, ReferralRequested, ReferralRequestedV1 } from '@jiuzhu/contracts';
import { ConsumeEvent } from '@jiuzhu/messaging';
import { Referrals } from './referrals.use-case';

/** A person leaving special-hardship support referred to dibao becomes a lead for the caseworkers of their township. */
@Controller()
export class RecordReferralWhenReferralRequested {
  constructor(@Inject(Referrals) private readonly referrals: Referrals) {}

  @ConsumeEvent(ReferralRequested, 'living-allowance.record-hardship-referral')
  async recordReferral(e: EventEnvelope<ReferralRequestedV1>, m: EntityManager): Promise<void> {
    await this.referrals.onRequested(m, e.data);
  }
}

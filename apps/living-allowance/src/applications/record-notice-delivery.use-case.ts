import { Clock, orThrow } from '@jiuzhu/common';
import type { Actor } from '@jiuzhu/auth';
import { ApplicationRow } from './application.repository';
import { CaseChange } from './case-change';
import { DeliveryMethod } from './domain/process';

/**
 * 送达: recording that the written refusal (书面告知, due within 3 working days of the refusal) reached
 * the household; from then on the case no longer shows the notice as due or overdue.
 */
export class RecordNoticeDelivery {
  constructor(
    private readonly change: CaseChange,
    private readonly clock: Clock,
  ) {}

  async record(id: string, expectedVersion: number, input: { deliveredOn: string; method: DeliveryMethod }, actor: Actor): Promise<ApplicationRow> {
    const on = this.clock.today();
    return this.change.run(id, expectedVersion, actor, (app, _m, at) => orThrow(app.recordRefusalNoticeDelivery(input, actor.id, at, on)));
  }
}

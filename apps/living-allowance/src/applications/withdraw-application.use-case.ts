import { orThrow } from '@jiuzhu/common';
import type { Actor } from '@jiuzhu/auth';
import { ApplicationRow } from './application.repository';
import { CaseChange } from './case-change';

/** Withdrawing a case not yet decided (the household's request, or a caseworker's correction). */
export class WithdrawApplication {
  constructor(private readonly change: CaseChange) {}

  withdraw(id: string, expectedVersion: number, actor: Actor, note?: string): Promise<ApplicationRow> {
    return this.change.run(id, expectedVersion, actor, (app, _m, at) => orThrow(app.withdraw(actor.id, at, note)));
  }
}

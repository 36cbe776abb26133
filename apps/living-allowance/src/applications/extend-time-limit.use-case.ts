import { Clock, orThrow } from '@jiuzhu/common';
import type { Actor } from '@jiuzhu/auth';
import { ApplicationRow } from './application.repository';
import { CaseChange } from './case-change';
import { ProcessRulesSource } from './process-rules';

/** 特殊情况延长: the whole-process limit extended once, with a reason. */
export class ExtendTimeLimit {
  constructor(
    private readonly change: CaseChange,
    private readonly rules: ProcessRulesSource,
    private readonly clock: Clock,
  ) {}

  async extend(id: string, expectedVersion: number, reason: string, actor: Actor): Promise<ApplicationRow> {
    const on = this.clock.today();
    const rules = await this.rules.inForceOn(on);
    return this.change.run(id, expectedVersion, actor, (app, _m, at) => orThrow(app.extend(reason, rules, actor.id, at, on)));
  }
}

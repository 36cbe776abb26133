import { Clock, InvalidInput, orThrow } from '@jiuzhu/common';
import type { Actor } from '@jiuzhu/auth';
import { ApplicationRow } from './application.repository';
import { CaseChange } from './case-change';
import { CaseClaims } from '@jiuzhu/platform';
import { RejectionReason, REJECTION_REASONS } from './domain/case-status';
import { EconomicCheck, TownshipOpinion } from './domain/process';
import { ProcessRulesSource } from './process-rules';

/** 乡镇审核: the township records its economic check and its opinion, which is then publicly noticed. */
export class TownshipReview {
  constructor(
    private readonly change: CaseChange,
    private readonly rules: ProcessRulesSource,
    private readonly claims: CaseClaims,
    private readonly clock: Clock,
  ) {}

  async review(id: string, expectedVersion: number, input: { check: EconomicCheck; opinion: TownshipOpinion; reasonCode?: string; note?: string }, actor: Actor): Promise<ApplicationRow> {
    const reasonCode = input.reasonCode === undefined ? undefined : rejectionReason(input.reasonCode, 'reasonCode');
    const on = this.clock.today();
    const rules = await this.rules.inForceOn(on);
    return this.change.run(id, expectedVersion, actor, async (app, m, at) => {
      await this.claims.assertNotClaimedByOther(m, id, actor);
      return orThrow(app.townshipReview({ ...input, reasonCode }, rules, actor.id, at, on));
    });
  }
}

/** A reason code from the request, one of the reasons a written refusal can explain. */
export function rejectionReason(code: string, field: string): RejectionReason {
  if (!(code in REJECTION_REASONS)) throw new InvalidInput([{ field, reason: `must be one of ${Object.keys(REJECTION_REASONS).join(', ')}` }]);
  return code as RejectionReason;
}

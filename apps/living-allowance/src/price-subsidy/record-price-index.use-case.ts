import { DataSource } from 'typeorm';
import { AuditTrail, auditTarget, digestOf } from '@jiuzhu/audit';
import { Clock, FieldProblem, InvalidInput, monthOf } from '@jiuzhu/common';
import type { Actor } from '@jiuzhu/auth';
import { isPriceIndexRecord, isYearMonth } from './domain/price-index';
import { PriceIndexRepository, PriceIndexView } from './price-index.repository';

/** The Ningxia index: the mechanism links payments in 石嘴山 to the provincial CPI. */
export const DEFAULT_INDEX_REGION = '640000';

/** A GB/T 2260 region code (province, city or county); the index is usually provincial. */
export const REGION_CODE = /^[1-9]\d{5}$/;

export interface RecordPriceIndexCommand {
  provinceCode: string;
  month: string;
  cpiRiseBp: number;
  foodCpiRiseBp: number;
  source: string;
}

export type RecordOutcome = 'recorded' | 'corrected' | 'unchanged';

/**
 * The month's year-on-year CPI and food-CPI rises as the statistics bureau published them, entered by
 * an administrator. A correction is an explicit new revision (who, when, from which source): the
 * figures in force change, the earlier ones stay in `price_index_revisions`, and a batch already
 * decided keeps the figures and revision it was decided on. Re-sending the same figures and source is
 * a no-op, so the PUT is idempotent.
 */
export class RecordPriceIndex {
  constructor(
    private readonly ds: DataSource,
    private readonly indices: PriceIndexRepository,
    private readonly clock: Clock,
    private readonly audit: AuditTrail,
  ) {}

  async execute(cmd: RecordPriceIndexCommand, actor: Actor): Promise<{ outcome: RecordOutcome; index: PriceIndexView }> {
    const problems: FieldProblem[] = [];
    if (!REGION_CODE.test(cmd.provinceCode)) problems.push({ field: 'provinceCode', reason: 'must be a six-digit GB/T 2260 region code, e.g. 640000' });
    if (!isYearMonth(cmd.month)) problems.push({ field: 'month', reason: 'must be a month YYYY-MM' });
    // An index measures a month that is over (it is published in the middle of the next one).
    else if (cmd.month > monthOf(this.clock.today())) problems.push({ field: 'month', reason: 'must not be after the current month: an index measures prices already seen' });
    if (problems.length) throw new InvalidInput(problems);
    // The DTO checked the numbers are integers above −100 %; the domain's own check is the last word.
    if (!isPriceIndexRecord(cmd)) throw new InvalidInput([{ field: 'cpiRiseBp', reason: 'rises must be whole basis points above -10000' }]);

    const at = this.clock.now().toISOString();
    return this.audit.transaction(this.ds, async (m) => {
      const current = await this.indices.lockForCorrection(m, cmd.provinceCode, cmd.month);
      if (current && current.cpiRiseBp === cmd.cpiRiseBp && current.foodCpiRiseBp === cmd.foodCpiRiseBp && current.source === cmd.source) {
        return { outcome: 'unchanged' as const, index: current };
      }
      const index = await this.indices.saveRevision(m, { ...cmd, revision: current ? current.revision + 1 : 1, recordedBy: actor.id, recordedAt: at });
      this.audit.record(m, {
        actor,
        action: current ? 'price_index.correct' : 'price_index.record',
        target: auditTarget('price_index', `${cmd.provinceCode}/${cmd.month}`),
        before: current ? digestOf(current) : null,
        after: digestOf(index),
        at,
      });
      return { outcome: current ? ('corrected' as const) : ('recorded' as const), index };
    });
  }
}

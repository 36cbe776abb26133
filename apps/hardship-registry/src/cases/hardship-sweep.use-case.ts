import { DataSource } from 'typeorm';
import type { Logger } from 'pino';
import { AppError, Clock, orThrow } from '@jiuzhu/common';
import { systemActor } from '@jiuzhu/auth';
import { safeError } from '@jiuzhu/common/logger';
import { assessCriteria } from '../criteria/domain/assess-criteria';
import { HardshipParameterCatalog } from '../parameters/hardship-parameter-catalog';
import { StandardsInForce } from '../standards/standards-in-force';
import { CaseChange } from './case-change';
import { CaseRulesSource } from './case-rules-source';
import { FindCases } from './find-cases.use-case';
import { HardshipCaseRepository } from './hardship-case.repository';

/** How many cases one sweep takes of each kind; the rest wait for the next minute. */
const BATCH = 500;

/**
 * The background sweep (every minute, on every replica): notices that have run their 7 days go to
 * the county, and persons supported as minors are reviewed on their 18th birthday (and at each
 * in-school re-check after it) — support continues while the schooling recorded says enrolled, or a
 * termination on the ground `came_of_age` is proposed, for the county to decide after its notice.
 * Each case is changed through the one change path under its row lock, so two replicas sweeping at
 * once change it once: the second finds the step done and is refused, which is nothing to report.
 */
export class HardshipSweep {
  constructor(
    private readonly ds: DataSource,
    private readonly repo: HardshipCaseRepository,
    private readonly change: CaseChange,
    private readonly find: FindCases,
    private readonly catalog: HardshipParameterCatalog,
    private readonly standards: StandardsInForce,
    private readonly rules: CaseRulesSource,
    private readonly clock: Clock,
    private readonly log: Logger,
  ) {}

  async sweep(): Promise<{ noticesClosed: number; minorReviews: number }> {
    const today = this.clock.today();
    let noticesClosed = 0;
    const closing = systemActor('notice-closing');
    for (const id of await this.repo.endedNotices(this.ds.manager, today, BATCH)) {
      if (await this.quietly(id, () => this.change.run(id, undefined, closing, (c, _m, at) => orThrow(c.closeNotice(closing.id, at, today))))) noticesClosed++;
    }
    let minorReviews = 0;
    for (const id of await this.repo.dueMinorReviews(this.ds.manager, today, BATCH)) {
      if (await this.quietly(id, () => this.reviewAtAdulthood(id))) minorReviews++;
    }
    if (noticesClosed || minorReviews) this.log.info({ noticesClosed, minorReviews }, 'hardship-registry sweep');
    return { noticesClosed, minorReviews };
  }

  /**
   * The no-ability-to-work condition re-assessed today on the facts as last established, the
   * schooling as recorded, as a person supported as a minor.
   */
  private async reviewAtAdulthood(id: string): Promise<void> {
    const reviewer = systemActor('minor-review');
    const today = this.clock.today();
    const current = await this.find.get(id, reviewer);
    const [params, standard, rules] = await Promise.all([this.catalog.inForceOn(today), this.standards.on(current.districtCode, current.area, today), this.rules.on(today)]);
    const criteria = assessCriteria({ person: { ...current.facts, supportedAsMinor: true }, standard, params, on: today });
    await this.change.run(id, current.version, reviewer, (c, _m, at) => orThrow(c.reviewAtAdulthood(criteria.conditions.noWorkAbility, rules, reviewer.id, at, today)));
  }

  /** Runs one case's step; a conflict (another replica was first) is nothing, anything else is logged and the sweep goes on. */
  private async quietly(id: string, step: () => Promise<void>): Promise<boolean> {
    try {
      await step();
      return true;
    } catch (e) {
      if (!(e instanceof AppError && e.kind === 'conflict')) this.log.warn({ caseId: id, err: safeError(e) }, 'hardship-registry sweep could not handle a case; it is tried again next time');
      return false;
    }
  }
}

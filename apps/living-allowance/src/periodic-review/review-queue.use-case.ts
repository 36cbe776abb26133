import { DataSource } from 'typeorm';
import { Clock, LocalDate } from '@jiuzhu/common';
import { jurisdictionFilter, type Actor } from '@jiuzhu/auth';
import { ApplicationRepository, ApplicationRow } from '../applications/application.repository';
import { CaseClaims } from '@jiuzhu/platform';
import { FindCases } from '../applications/find-cases.use-case';

/**
 * The review queue: paying cases due for periodic review, and those whose household reported a change
 * (a review opened out of turn), the earliest due or reported first; claimed with a lease by a
 * township reviewer.
 */
export class ReviewQueue {
  constructor(
    private readonly ds: DataSource,
    private readonly repo: ApplicationRepository,
    private readonly claims: CaseClaims,
    private readonly cases: FindCases,
    private readonly clock: Clock,
  ) {}

  /** Cases of the reader's jurisdiction due on or before `on`, and open reviews; claimed ones show who holds them. */
  async queue(f: { districtCode?: string; on?: LocalDate; limit: number; offset: number }, reader: Pick<Actor, 'jurisdiction'>) {
    const today = this.clock.today();
    const rows = await this.repo.dueForReview(this.ds.manager, { on: f.on ?? today, districtCode: f.districtCode, limit: f.limit, offset: f.offset, within: jurisdictionFilter(reader.jurisdiction) });
    const now = this.clock.now().toISOString();
    return rows.map((r) => ({
      id: r.id,
      householdRef: r.householdRef,
      districtCode: r.household.districtCode,
      area: r.household.area,
      // What the review is for: its due date, or the change the household reported.
      trigger: r.openReview?.trigger ?? 'periodic',
      reportedOn: r.openReview?.reportedOn ?? null,
      reviewDueOn: r.reviewDueOn,
      overdue: r.reviewDueOn !== null && r.reviewDueOn < today,
      monthlyBenefitFen: r.monthlyBenefitFen ?? 0,
      claimedBy: r.claimExpiresAt && r.claimExpiresAt > now ? r.claimedBy : null,
      version: r.version,
    }));
  }

  /** Claims the next review of their jurisdiction for a township reviewer (the earliest due or reported first). */
  async claimNext(actor: Actor, districtCode?: string): Promise<ApplicationRow | undefined> {
    const lease = this.claims.lease(actor);
    const within = jurisdictionFilter(actor.jurisdiction);
    const id = await this.claims.take(actor, lease, (m) => this.repo.claimNextDueReview(m, { districtCode, today: this.clock.today(), within }, lease));
    return id ? this.cases.get(id, actor) : undefined;
  }
}

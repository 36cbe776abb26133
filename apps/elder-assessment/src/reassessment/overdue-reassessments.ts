import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { Clock } from '@jiuzhu/common';
import { ReassessmentOverdue } from '@jiuzhu/contracts';
import { Outbox } from '@jiuzhu/messaging';
import { CURRENT_STATUSES } from '../assessment/domain/assessment-workflow';
import { AreaFilter } from '../query-filters';

/** Rows announced per transaction: small enough to keep locks short, large enough for a backlog. */
const SWEEP_BATCH = 500;

/**
 * Routine re-assessments that have fallen due (policy.md §5: every assessment holds until the next
 * routine one, default 12 months on): the overdue queue the assessors work from, and the sweep that
 * announces each overdue elder once, so other services can follow up.
 */
export class OverdueReassessments {
  constructor(
    private readonly ds: DataSource,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
    private readonly log: Logger,
  ) {}

  /** Elders whose current assessment's due date has passed, most overdue first. */
  async queue(f: AreaFilter & { limit: number; offset: number }) {
    const today = this.clock.today();
    const rows = await this.ds.query(
      `SELECT id, person_ref, masked_id, district_code, township_code, reason, level, self_care, to_char(assessed_on, 'YYYY-MM-DD') AS assessed_on,
              to_char(valid_until, 'YYYY-MM-DD') AS due_on, ($1::date - valid_until) AS days_overdue, status
         FROM assessments
        WHERE status = ANY($2::text[]) AND valid_until < $1
          AND ($3::text IS NULL OR district_code = $3) AND ($4::text IS NULL OR township_code = $4)
        ORDER BY valid_until, assessed_on, id LIMIT $5 OFFSET $6`,
      [today, CURRENT_STATUSES, f.districtCode ?? null, f.townshipCode ?? null, f.limit, f.offset],
    );
    return rows.map((r: Record<string, any>) => ({
      assessmentId: r.id,
      personRef: r.person_ref,
      maskedIdNumber: r.masked_id,
      districtCode: r.district_code,
      townshipCode: r.township_code,
      status: r.status,
      level: r.level,
      selfCareAbility: r.self_care,
      assessedOn: r.assessed_on,
      dueOn: r.due_on,
      daysOverdue: r.days_overdue,
    }));
  }

  /**
   * Announces every overdue re-assessment not yet announced: once per person and due date, even if
   * the assessment was corrected meanwhile with the same date. Safe on every replica at once: rows
   * another replica is announcing are skipped (SKIP LOCKED), and the mark is written with the event.
   */
  async sweep(): Promise<number> {
    const today = this.clock.today();
    let announced = 0;
    for (;;) {
      const n = await this.ds.transaction(async (m) => {
        const due: Array<Record<string, any>> = await m.query(
          `SELECT a.id, a.person_ref, a.district_code, a.township_code, to_char(a.valid_until, 'YYYY-MM-DD') AS due_on
             FROM assessments a
            WHERE a.status = ANY($2::text[]) AND a.valid_until < $1
              AND (a.overdue_announced_on IS NULL OR a.overdue_announced_on < a.valid_until)
              AND NOT EXISTS (SELECT 1 FROM assessments o WHERE o.person_ref = a.person_ref AND o.overdue_announced_on = a.valid_until)
            ORDER BY a.valid_until, a.id LIMIT $3 FOR UPDATE OF a SKIP LOCKED`,
          [today, CURRENT_STATUSES, SWEEP_BATCH],
        );
        if (due.length === 0) return 0;
        await m.query(`UPDATE assessments SET overdue_announced_on = valid_until WHERE id = ANY($1::uuid[])`, [due.map((r) => r.id)]);
        await this.outbox.appendMany(
          m,
          ReassessmentOverdue,
          due.map((r) => ({
            personRef: r.person_ref,
            districtCode: r.district_code,
            ...(r.township_code ? { townshipCode: r.township_code } : {}),
            lastAssessmentId: r.id,
            dueOn: r.due_on,
          })),
        );
        return due.length;
      });
      announced += n;
      if (n < SWEEP_BATCH) break;
    }
    if (announced > 0) this.log.info({ announced }, 'announced overdue re-assessments');
    return announced;
  }
}

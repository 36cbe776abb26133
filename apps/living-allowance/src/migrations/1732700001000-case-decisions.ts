import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every decision of a case is kept (issue 11 item 10): until now a reassessment under a new
 * standard left the approved figure only in `redecision.oldMonthlyFen` and a history note, and a
 * periodic review replaced the assessment outright, while a legal dispute needs the decision that
 * was in force on a given day. `case_decisions` is append-only (a trigger refuses updates and
 * deletes: a decision is superseded by a new one, never changed) and the case points to its
 * current one.
 *
 * A re-decision under a new standard is stored compactly, as `redecision` was: amounts, parameter
 * versions and the decision whose facts it re-decided (`basis_decision_id`), no explanation — that
 * is the pure assessment re-run on those facts and versions when someone reads it, so a run over
 * 100 000 cases writes a few hundred bytes a case, not a 4 KB document.
 *
 * Backfill, for each decided case: the decision of its current assessment (the application's, or
 * the last periodic review's when history shows one), then its re-decision where there is one.
 * Decisions already overwritten before this migration (an approval replaced by a later review, an
 * earlier re-decision replaced by a later one) cannot be recovered beyond their history lines;
 * facts reconstructed from history are marked `"backfilled": true`.
 */
export class CaseDecisions1732700001000 implements MigrationInterface {
  name = 'CaseDecisions1732700001000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE case_decisions (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        application_id uuid NOT NULL REFERENCES applications(id),
        trigger text NOT NULL,
        decided_on date NOT NULL,
        effective_on date NOT NULL,
        from_month char(7),
        outcome text NOT NULL,
        granted text,
        monthly_benefit_fen bigint,
        reason_code text,
        facts jsonb NOT NULL,
        parameter_versions jsonb NOT NULL,
        assessment jsonb,
        household jsonb,
        basis_decision_id bigint REFERENCES case_decisions(id),
        decided_by text NOT NULL,
        recorded_at timestamptz NOT NULL,
        CONSTRAINT case_decisions_full_or_compact CHECK ((assessment IS NULL) = (household IS NULL))
      )`);
    // A case's decisions newest first, and the one in force on a day, read straight off this index.
    await q.query(`CREATE INDEX case_decisions_of_case ON case_decisions (application_id, decided_on DESC, id DESC)`);
    await q.query(`
      CREATE FUNCTION case_decisions_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'case_decisions is append-only: a decision is superseded by a new one, never changed or removed';
      END $$`);
    await q.query(`CREATE TRIGGER case_decisions_append_only BEFORE UPDATE OR DELETE ON case_decisions FOR EACH STATEMENT EXECUTE FUNCTION case_decisions_append_only()`);
    await q.query(`ALTER TABLE applications ADD COLUMN current_decision_id bigint REFERENCES case_decisions(id)`);

    // The decision of the current assessment. A periodic review's shows in history as 'review' (or
    // 'end' with NO_LONGER_ELIGIBLE); otherwise the assessment is the one the application was decided on.
    await q.query(`
      INSERT INTO case_decisions (application_id, trigger, decided_on, effective_on, from_month, outcome, granted, monthly_benefit_fen, reason_code,
        facts, parameter_versions, assessment, household, decided_by, recorded_at)
      SELECT a.id,
             CASE WHEN rv.id IS NULL THEN 'application' ELSE 'periodic_review' END,
             COALESCE(rv.on_day, a.decided_on),
             COALESCE(rv.on_day, a.decided_on),
             CASE WHEN rv.id IS NULL THEN (CASE WHEN a.granted = 'dibao' THEN a.effective_month END)
                  WHEN rv.kind IN ('adjust', 'end') THEN to_char(date_trunc('month', rv.on_day) + interval '1 month', 'YYYY-MM') END,
             a.assessment->>'outcome',
             CASE WHEN rv.kind = 'end' THEN NULL ELSE a.granted END,
             CASE WHEN rv.kind = 'end' OR a.granted IS NULL OR (rv.id IS NULL AND a.granted <> 'dibao') THEN NULL
                  ELSE COALESCE((a.redecision->>'oldMonthlyFen')::bigint, a.monthly_benefit_fen) END,
             CASE WHEN rv.id IS NULL THEN a.rejection_reason ELSE rv.reason_code END,
             CASE WHEN rv.id IS NULL THEN jsonb_build_object('level', a.process->'confirmation'->'level', 'backfilled', true)
                  ELSE jsonb_build_object('outcome', jsonb_strip_nulls(jsonb_build_object('kind', rv.kind, 'lastPaidMonth', CASE WHEN rv.kind = 'gradual_exit' THEN a.exiting_until END)), 'backfilled', true) END,
             COALESCE(a.assessment->'parameterVersions', '{}'::jsonb),
             a.assessment,
             a.household,
             COALESCE(rv.actor, a.process->'confirmation'->>'by', a.updated_by),
             COALESCE(rv.at, cf.at, a.updated_at)
        FROM applications a
        LEFT JOIN LATERAL (
          SELECT h.id, h.actor, h.at, h.reason_code, (h.at AT TIME ZONE 'Asia/Shanghai')::date AS on_day,
                 CASE h.reason_code WHEN 'REVIEW.CONTINUE' THEN 'continue' WHEN 'REVIEW.ADJUST' THEN 'adjust' WHEN 'REVIEW.GRADUAL_EXIT' THEN 'gradual_exit' ELSE 'end' END AS kind
            FROM case_history h
           WHERE h.application_id = a.id AND (h.action = 'review' OR (h.action = 'end' AND h.reason_code = 'NO_LONGER_ELIGIBLE'))
           ORDER BY h.id DESC LIMIT 1) rv ON true
        LEFT JOIN LATERAL (
          SELECT h.at FROM case_history h WHERE h.application_id = a.id AND h.action IN ('approve', 'refuse') ORDER BY h.id DESC LIMIT 1) cf ON true
       WHERE a.decided_on IS NOT NULL AND a.assessment IS NOT NULL
       ORDER BY a.filed_at, a.id`);

    // The latest re-decision under a new standard, on the facts of the decision just written.
    await q.query(`
      INSERT INTO case_decisions (application_id, trigger, decided_on, effective_on, from_month, outcome, granted, monthly_benefit_fen, reason_code,
        facts, parameter_versions, basis_decision_id, decided_by, recorded_at)
      SELECT a.id, 'new_standard',
             (COALESCE(rs.at, a.updated_at) AT TIME ZONE 'Asia/Shanghai')::date,
             (a.redecision->>'decidedFor')::date,
             to_char(GREATEST((a.redecision->>'decidedFor')::date, to_date(a.effective_month, 'YYYY-MM')), 'YYYY-MM'),
             CASE a.coverage WHEN 'household' THEN 'dibao' ELSE 'low_income' END,
             'dibao',
             (a.redecision->>'newMonthlyFen')::bigint,
             'NEW_STANDARD',
             jsonb_build_object('runId', a.redecision->'runId', 'standardVersionId', a.redecision->'standardVersionId', 'previousMonthlyFen', a.redecision->'oldMonthlyFen'),
             a.redecision->'parameterVersions',
             base.id,
             COALESCE(rs.actor, 'system:reassessment:' || (a.redecision->>'runId')),
             COALESCE(rs.at, a.updated_at)
        FROM applications a
        LEFT JOIN case_decisions base ON base.application_id = a.id
        LEFT JOIN LATERAL (
          SELECT h.actor, h.at FROM case_history h WHERE h.application_id = a.id AND h.action = 'reassess' ORDER BY h.id DESC LIMIT 1) rs ON true
       WHERE a.redecision IS NOT NULL
       ORDER BY a.filed_at, a.id`);

    await q.query(`
      UPDATE applications a SET current_decision_id = d.id
        FROM (SELECT application_id, max(id) AS id FROM case_decisions GROUP BY application_id) d
       WHERE d.application_id = a.id`);
    await q.query(`ALTER TABLE applications DROP COLUMN redecision`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE applications ADD COLUMN redecision jsonb`);
    await q.query(`
      UPDATE applications a
         SET redecision = jsonb_build_object('runId', d.facts->'runId', 'standardVersionId', d.facts->'standardVersionId',
               'decidedFor', to_char(d.effective_on, 'YYYY-MM-DD'), 'oldMonthlyFen', d.facts->'previousMonthlyFen',
               'newMonthlyFen', d.monthly_benefit_fen, 'parameterVersions', d.parameter_versions)
        FROM case_decisions d
       WHERE d.id = a.current_decision_id AND d.trigger = 'new_standard'`);
    await q.query(`ALTER TABLE applications DROP COLUMN current_decision_id`);
    await q.query(`DROP TABLE case_decisions`);
    await q.query(`DROP FUNCTION case_decisions_append_only()`);
  }
}

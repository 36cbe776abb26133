import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The steps between submission and decision (township review, public notice, objections,
 * confirmation, refusal notice) kept on the case as one document, plus what the queues need as
 * columns: the township (jurisdiction of the township queue) and the date the case is next due
 * (overdue first). A refusal is now called what the regulation calls it (不予批准, `refused`).
 */
export class CaseProcess1732700000600 implements MigrationInterface {
  name = 'CaseProcess1732700000600';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE applications
      ADD COLUMN process jsonb NOT NULL DEFAULT '{"submittedOn":null,"reviews":[],"notices":[],"extension":null,"confirmation":null,"refusalNotice":null}',
      ADD COLUMN township_code text,
      ADD COLUMN due_on date`);
    // Cases submitted before this release: their submission day comes from the history.
    await q.query(`UPDATE applications a SET process = jsonb_set(a.process, '{submittedOn}', to_jsonb(to_char(h.at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD')))
                     FROM (SELECT application_id, min(at) AS at FROM case_history WHERE action = 'submit' GROUP BY application_id) h
                    WHERE h.application_id = a.id`);
    await q.query(`UPDATE applications SET status = 'refused' WHERE status = 'rejected'`);
    await q.query(`CREATE INDEX applications_process_queue ON applications (status, district_code, township_code, due_on, filed_at)
                    WHERE status IN ('submitted', 'rechecking', 'notice', 'confirming')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX applications_process_queue`);
    await q.query(`UPDATE applications SET status = 'rejected' WHERE status = 'refused'`);
    await q.query(`ALTER TABLE applications DROP COLUMN process, DROP COLUMN township_code, DROP COLUMN due_on`);
  }
}

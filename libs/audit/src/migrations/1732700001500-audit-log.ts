import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit trail (`audit_log`), in every service's own database: the runtime adds this migration to
 * every service, like the outbox and inbox. Rows are only ever appended. A statement-level trigger
 * refuses UPDATE, DELETE and TRUNCATE for every role, the table's owner included, so a mistaken
 * statement or a compromised service account cannot rewrite history quietly; a superuser who turns
 * the trigger off is caught by the hash chain (`npm run audit:verify`).
 *
 * The checks keep personal data out by shape: a target id is a uuid, a personRef or a month, never
 * an 18-character resident ID number, and an actor is a staff id, not a name.
 */
export class AuditLog1732700001500 implements MigrationInterface {
  name = 'AuditLog1732700001500';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE audit_log (
        seq           bigint PRIMARY KEY CHECK (seq > 0),
        at            timestamptz NOT NULL,
        actor         text NOT NULL CHECK (actor ~ '^[A-Za-z0-9._@:|-]{1,128}$'),
        roles         text[] NOT NULL DEFAULT '{}',
        jurisdiction  text CHECK (jurisdiction ~ '^[0-9]{6}([0-9]{3})?$'),
        action        text NOT NULL CHECK (action ~ '^[a-z][a-z0-9_.+-]{0,127}$'),
        target        text NOT NULL CHECK (target ~ '^[a-z][a-z0-9_]{0,63}:[A-Za-z0-9._:/@#-]{1,160}$' AND target !~ ':[0-9]{17}[0-9Xx]$'),
        count         integer NOT NULL DEFAULT 1 CHECK (count >= 0),
        before_digest char(64) CHECK (before_digest ~ '^[0-9a-f]{64}$'),
        after_digest  char(64) CHECK (after_digest ~ '^[0-9a-f]{64}$'),
        request_id    text CHECK (request_id ~ '^[A-Za-z0-9._:-]{1,128}$'),
        prev_hash     char(64) NOT NULL CHECK (prev_hash ~ '^[0-9a-f]{64}$'),
        hash          char(64) NOT NULL UNIQUE CHECK (hash ~ '^[0-9a-f]{64}$')
      )`);
    // Who touched one case or one person, newest first (PIPL art. 54 compliance audits ask exactly that).
    await q.query(`CREATE INDEX audit_log_target ON audit_log (target, seq)`);
    await q.query(`
      CREATE FUNCTION audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_log is append-only: % is refused', TG_OP
          USING ERRCODE = 'insufficient_privilege',
                HINT = 'The audit trail is never changed or removed; a correction is a new entry.';
      END $$`);
    await q.query(`CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION audit_log_is_append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER audit_log_append_only ON audit_log`);
    await q.query(`DROP FUNCTION audit_log_is_append_only()`);
    await q.query(`DROP TABLE audit_log`);
  }
}

/** The audit trail's migrations; the runtime adds them to every service. */
export const AUDIT_MIGRATIONS = [AuditLog1732700001500];

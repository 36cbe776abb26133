import { MigrationInterface, QueryRunner } from 'typeorm';
import { AuditLog1732700001500 } from './1732700001500-audit-log';

/**
 * Writers append audit rows unchained; a background sealer chains them once committed (issue 12:
 * one service-wide lock held through every audited commit capped a service at ~150 changes/s).
 *
 * - `seq` becomes the row's id, given by a sequence at insert (no lock): it orders the sealer's work,
 *   not the chain.
 * - `row_hash`: the digest of the row's own content, made by the writer (`rowHashOf`).
 * - `sealed_seq`, `chain_hash`: the row's place in the chain and H(previous chain hash, row hash),
 *   set once by the sealer. The chain order is the sealing order.
 * - Rows chained before this migration (`prev_hash`, `hash`) stay as they are and count as sealed in
 *   their order: `sealed_seq = seq`, `chain_hash = hash`; verify checks them the old way.
 *
 * The trigger now lets an UPDATE through only when it sets the two sealing columns from NULL and
 * leaves every other column as it was; DELETE and TRUNCATE are refused as before, and an INSERT
 * cannot arrive already sealed.
 */
export class AuditSeal1733160000000 implements MigrationInterface {
  name = 'AuditSeal1733160000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER audit_log_append_only ON audit_log`);
    await q.query(`CREATE SEQUENCE audit_log_seq_seq OWNED BY audit_log.seq`);
    await q.query(`SELECT setval('audit_log_seq_seq', COALESCE((SELECT max(seq) FROM audit_log), 0) + 1, false)`);
    await q.query(`
      ALTER TABLE audit_log
        ALTER COLUMN seq SET DEFAULT nextval('audit_log_seq_seq'),
        ALTER COLUMN prev_hash DROP NOT NULL,
        ALTER COLUMN hash DROP NOT NULL,
        ADD COLUMN row_hash   char(64) CHECK (row_hash ~ '^[0-9a-f]{64}$'),
        ADD COLUMN sealed_seq bigint UNIQUE CHECK (sealed_seq > 0),
        ADD COLUMN chain_hash char(64) CHECK (chain_hash ~ '^[0-9a-f]{64}$'),
        ADD CONSTRAINT audit_log_chained_or_hashed CHECK ((prev_hash IS NOT NULL AND hash IS NOT NULL) OR row_hash IS NOT NULL),
        ADD CONSTRAINT audit_log_sealed_whole CHECK ((sealed_seq IS NULL) = (chain_hash IS NULL))`);
    await q.query(`UPDATE audit_log SET sealed_seq = seq, chain_hash = hash`);
    // The sealer's work list: the unsealed rows in id order.
    await q.query(`CREATE INDEX audit_log_unsealed ON audit_log (seq) WHERE sealed_seq IS NULL`);
    await q.query(`
      CREATE FUNCTION audit_log_only_sealed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          IF NEW.sealed_seq IS NOT NULL OR NEW.chain_hash IS NOT NULL OR NEW.prev_hash IS NOT NULL OR NEW.hash IS NOT NULL OR NEW.row_hash IS NULL THEN
            RAISE EXCEPTION 'audit_log: a row is appended unsealed, with its row hash; only the sealer chains it'
              USING ERRCODE = 'insufficient_privilege';
          END IF;
          RETURN NEW;
        END IF;
        IF OLD.sealed_seq IS NULL AND OLD.chain_hash IS NULL AND NEW.sealed_seq IS NOT NULL AND NEW.chain_hash IS NOT NULL
           AND (NEW.seq, NEW.at, NEW.actor, NEW.roles, NEW.jurisdiction, NEW.action, NEW.target, NEW.count,
                NEW.before_digest, NEW.after_digest, NEW.request_id, NEW.prev_hash, NEW.hash, NEW.row_hash)
               IS NOT DISTINCT FROM
               (OLD.seq, OLD.at, OLD.actor, OLD.roles, OLD.jurisdiction, OLD.action, OLD.target, OLD.count,
                OLD.before_digest, OLD.after_digest, OLD.request_id, OLD.prev_hash, OLD.hash, OLD.row_hash) THEN
          RETURN NEW;
        END IF;
        RAISE EXCEPTION 'audit_log is append-only: UPDATE may only seal a row once (sealed_seq, chain_hash from NULL)'
          USING ERRCODE = 'insufficient_privilege',
                HINT = 'The audit trail is never changed or removed; a correction is a new entry.';
      END $$`);
    await q.query(`CREATE TRIGGER audit_log_sealing_only BEFORE INSERT OR UPDATE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_only_sealed()`);
    await q.query(`CREATE TRIGGER audit_log_append_only BEFORE DELETE OR TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION audit_log_is_append_only()`);
  }

  async down(_q: QueryRunner): Promise<void> {
    throw new Error('AuditSeal1733160000000 is not reversible: unsealed rows have no place in the old chain');
  }
}

/** The audit trail's migrations; the runtime adds them to every service. */
export const AUDIT_MIGRATIONS = [AuditLog1732700001500, AuditSeal1733160000000];

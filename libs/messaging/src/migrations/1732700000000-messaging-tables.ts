import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Outbox and inbox, in every service's own database. Each service lists this migration among its own.
 * The trigger wakes the relay through LISTEN/NOTIFY when a transaction that wrote events commits, so
 * the relay needs no busy polling.
 */
export class MessagingTables1732700000000 implements MigrationInterface {
  name = 'MessagingTables1732700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE outbox (
        seq          bigserial PRIMARY KEY,
        id           uuid NOT NULL UNIQUE,
        topic        text NOT NULL,
        key          text NOT NULL,
        type         text NOT NULL,
        version      int  NOT NULL,
        source       text NOT NULL,
        payload      jsonb NOT NULL,
        occurred_at  timestamptz NOT NULL DEFAULT now(),
        published_at timestamptz
      )`);
    await q.query(`CREATE INDEX outbox_pending ON outbox (seq) WHERE published_at IS NULL`);
    await q.query(`
      CREATE FUNCTION outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN PERFORM pg_notify('jiuzhu_outbox', ''); RETURN NULL; END $$`);
    await q.query(`CREATE TRIGGER outbox_notify AFTER INSERT ON outbox FOR EACH STATEMENT EXECUTE FUNCTION outbox_notify()`);
    await q.query(`
      CREATE TABLE inbox (
        consumer    text NOT NULL,
        event_id    uuid NOT NULL,
        type        text NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (consumer, event_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE inbox`);
    await q.query(`DROP TRIGGER outbox_notify ON outbox`);
    await q.query(`DROP FUNCTION outbox_notify()`);
    await q.query(`DROP TABLE outbox`);
  }
}

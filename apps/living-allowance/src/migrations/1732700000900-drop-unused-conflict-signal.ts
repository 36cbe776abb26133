import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `jiuzhu_refuse` let the filing statement refuse itself; since the one-active-household index fails
 * that statement on its own (no ON CONFLICT speculation), nothing calls it.
 */
export class DropUnusedConflictSignal1732700000900 implements MigrationInterface {
  name = 'DropUnusedConflictSignal1732700000900';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION IF EXISTS jiuzhu_refuse(text)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION jiuzhu_refuse(code text) RETURNS int LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION USING ERRCODE = 'JZ409', MESSAGE = code; END $$`);
  }
}

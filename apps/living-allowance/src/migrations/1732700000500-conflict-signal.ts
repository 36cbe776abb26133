import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Lets a single statement refuse itself: a filing writes the case, its history and its memberships
 * in one statement (no transaction round trips), and a member already active elsewhere must undo all
 * of it — raising from inside the statement rolls the whole statement back.
 */
export class ConflictSignal1732700000500 implements MigrationInterface {
  name = 'ConflictSignal1732700000500';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION jiuzhu_refuse(code text) RETURNS int LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION USING ERRCODE = 'JZ409', MESSAGE = code; END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION jiuzhu_refuse(text)`);
  }
}

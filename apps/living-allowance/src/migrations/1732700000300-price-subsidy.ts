import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The price-linkage subsidy (物价上涨挂钩联动机制, policy.md §2).
 *
 * Price indices: `price_indices` holds the figures in force for one region and month; every
 * recording is also appended to `price_index_revisions` (who, when, which source). A correction by
 * the statistics bureau is an explicit new revision, never a silent overwrite: the row's `revision`
 * goes up and the earlier figures stay readable. A batch keeps the figures and revision it was
 * decided on, so a later correction does not change what a paid month says it was paid on.
 *
 * Batches: one row per region and month, UNIQUE (province_code, month), so a month is never paid
 * twice — not even by two administrators pressing the button at the same moment. A month in which
 * neither index triggered is recorded too (status 'not_triggered', no payments): the month is
 * settled, and a second request for it is refused like any other.
 */
export class PriceSubsidy1732700000300 implements MigrationInterface {
  name = 'PriceSubsidy1732700000300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE price_indices (
        province_code    char(6) NOT NULL,
        month            char(7) NOT NULL CHECK (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
        cpi_rise_bp      int NOT NULL CHECK (cpi_rise_bp > -10000),
        food_cpi_rise_bp int NOT NULL CHECK (food_cpi_rise_bp > -10000),
        source           text NOT NULL,
        revision         int NOT NULL CHECK (revision >= 1),
        recorded_by      text NOT NULL,
        recorded_at      timestamptz NOT NULL,
        PRIMARY KEY (province_code, month)
      )`);
    await q.query(`
      CREATE TABLE price_index_revisions (
        province_code    char(6) NOT NULL,
        month            char(7) NOT NULL,
        revision         int NOT NULL,
        cpi_rise_bp      int NOT NULL,
        food_cpi_rise_bp int NOT NULL,
        source           text NOT NULL,
        recorded_by      text NOT NULL,
        recorded_at      timestamptz NOT NULL,
        PRIMARY KEY (province_code, month, revision),
        FOREIGN KEY (province_code, month) REFERENCES price_indices (province_code, month)
      )`);

    await q.query(`
      CREATE TABLE price_subsidy_batches (
        id                  uuid PRIMARY KEY,
        province_code       char(6) NOT NULL,
        month               char(7) NOT NULL CHECK (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
        index_month         char(7) NOT NULL CHECK (index_month <= month),
        index_revision      int NOT NULL,
        cpi_rise_bp         int NOT NULL,
        food_cpi_rise_bp    int NOT NULL,
        triggers_version_id text NOT NULL REFERENCES parameter_versions (version_id),
        status              text NOT NULL CHECK (status IN ('granted', 'not_triggered')),
        triggered           boolean NOT NULL CHECK (triggered = (status = 'granted')),
        basis               text CHECK (basis IN ('cpi', 'food_cpi')),
        rate_bp             int NOT NULL CHECK (rate_bp >= 0),
        households          int NOT NULL CHECK (households >= 0),
        people              int NOT NULL CHECK (people >= 0),
        total_fen           bigint NOT NULL CHECK (total_fen >= 0),
        district_totals     jsonb NOT NULL,
        excluded            jsonb NOT NULL,
        rules               jsonb NOT NULL,
        explanation         jsonb NOT NULL,
        created_by          text NOT NULL,
        created_at          timestamptz NOT NULL,
        UNIQUE (province_code, month),
        FOREIGN KEY (province_code, index_month) REFERENCES price_indices (province_code, month),
        CHECK ((status = 'granted') = (basis IS NOT NULL))
      )`);
    // case_id names the paying case; no foreign key, because special-hardship persons (another
    // service, not built yet) will be paid by reference to their own service's case.
    await q.query(`
      CREATE TABLE price_subsidy_payments (
        batch_id       uuid NOT NULL REFERENCES price_subsidy_batches (id),
        case_id        uuid NOT NULL,
        household_ref  char(64) NOT NULL,
        category       text NOT NULL CHECK (category IN ('dibao', 'special_hardship', 'low_income')),
        district_code  char(6) NOT NULL,
        area           text NOT NULL,
        people         int NOT NULL CHECK (people > 0),
        standard_fen   bigint NOT NULL CHECK (standard_fen > 0),
        per_person_fen bigint NOT NULL CHECK (per_person_fen >= 0),
        amount_fen     bigint NOT NULL CHECK (amount_fen >= 0),
        PRIMARY KEY (batch_id, case_id)
      )`);
    await q.query(`CREATE INDEX price_subsidy_payments_household ON price_subsidy_payments (household_ref)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['price_subsidy_payments', 'price_subsidy_batches', 'price_index_revisions', 'price_indices']) {
      await q.query(`DROP TABLE ${t}`);
    }
  }
}

import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The special-hardship registry's own tables. The outbox, inbox and audit trail come with the
 * runtime, the parameter catalog with libs/parameters (PARAMETER_MIGRATIONS).
 */
export class HardshipRegistrySchema1750000000100 implements MigrationInterface {
  name = 'HardshipRegistrySchema1750000000100';

  async up(q: QueryRunner): Promise<void> {
    // A case per application (申请 → 调查核实 → 公示 → 确认 → 供养 → 终止). The resident ID number is
    // never stored: the person is its keyed hash, shown by a masked copy, and the birth date read
    // from it decides minority, the elder age and the 18th-birthday review. The aggregate's steps
    // are documents (investigation, notice, …); the columns beside them are what queues, sweeps and
    // the recomputation of entitlements select on.
    await q.query(`
      CREATE TABLE hardship_cases (
        id                     uuid PRIMARY KEY,
        person_ref             char(64) NOT NULL,
        masked_id              text NOT NULL,
        birth_date             date NOT NULL,
        district_code          char(6) NOT NULL,
        township_code          char(9) NOT NULL,
        area                   text NOT NULL CHECK (area IN ('urban', 'rural')),
        status                 text NOT NULL CHECK (status IN ('investigating', 'notice', 'confirming', 'supported', 'refused', 'withdrawn', 'terminating', 'terminated')),
        applied_on             date NOT NULL,
        filed_by               text NOT NULL,
        filed_at               timestamptz NOT NULL,
        facts                  jsonb NOT NULL,
        applied_criteria       jsonb NOT NULL,
        investigation          jsonb,
        investigated_by        text,
        notice                 jsonb,
        confirmation           jsonb,
        refusal                jsonb,
        support_from_month     text,
        supported_as_minor     boolean NOT NULL DEFAULT false,
        minor_review_due_on    date,
        self_care              jsonb,
        self_care_ability      text,
        care_setting           text CHECK (care_setting IN ('home', 'institution')),
        placement              jsonb,
        entitlement            jsonb,
        monthly_fen            int,
        entitlement_from_month text,
        termination            jsonb,
        due_on                 date,
        claimed_by             text,
        claim_expires_at       timestamptz,
        contact_name           text,
        contact_address        text,
        contact_phone          text,
        version                int NOT NULL,
        updated_by             text NOT NULL,
        updated_at             timestamptz NOT NULL,
        CHECK (status NOT IN ('supported', 'terminating', 'terminated') OR (entitlement IS NOT NULL AND care_setting IS NOT NULL AND support_from_month IS NOT NULL))
      )`);
    // One case on its way or paying per person (409 for a second registration): two caseworkers
    // registering the same person at once cannot both succeed.
    await q.query(`CREATE UNIQUE INDEX hardship_cases_one_active_per_person ON hardship_cases (person_ref) WHERE status IN ('investigating', 'notice', 'confirming', 'supported', 'terminating')`);
    await q.query(`CREATE INDEX hardship_cases_person ON hardship_cases (person_ref, applied_on DESC)`);
    await q.query(`CREATE INDEX hardship_cases_queue ON hardship_cases (status, district_code, township_code, due_on)`);
    await q.query(`CREATE INDEX hardship_cases_paying ON hardship_cases (district_code, area) WHERE status IN ('supported', 'terminating')`);
    await q.query(`CREATE INDEX hardship_cases_minor_review ON hardship_cases (minor_review_due_on) WHERE status = 'supported' AND minor_review_due_on IS NOT NULL`);

    await q.query(`
      CREATE TABLE hardship_case_history (
        id          bigserial PRIMARY KEY,
        case_id     uuid NOT NULL REFERENCES hardship_cases (id),
        action      text NOT NULL,
        from_status text,
        to_status   text NOT NULL,
        actor       text NOT NULL,
        at          timestamptz NOT NULL,
        reason_code text,
        note        text
      )`);
    await q.query(`CREATE INDEX hardship_case_history_case ON hardship_case_history (case_id, id)`);

    // The local copy of living-allowance's dibao standards (standard.published): this service never
    // reads another's tables. `received` orders two versions of one day (a correction wins).
    await q.query(`
      CREATE TABLE dibao_standards (
        version_id    text PRIMARY KEY,
        district_code char(6) NOT NULL,
        area          text NOT NULL CHECK (area IN ('urban', 'rural')),
        monthly_fen   int NOT NULL CHECK (monthly_fen >= 0),
        valid_from    date NOT NULL,
        legal_source  text NOT NULL,
        received      bigint GENERATED ALWAYS AS IDENTITY,
        received_at   timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX dibao_standards_lookup ON dibao_standards (district_code, area, valid_from)`);

    // Each elder's latest ability assessment, as elder-assessment announced it (assessment.completed):
    // from 60 it sets the self-care tier.
    await q.query(`
      CREATE TABLE elder_ability_results (
        person_ref    char(64) PRIMARY KEY,
        assessment_id uuid NOT NULL,
        level         text NOT NULL,
        assessed_on   date NOT NULL,
        district_code char(6) NOT NULL,
        recorded_at   timestamptz NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['elder_ability_results', 'dibao_standards', 'hardship_case_history', 'hardship_cases']) await q.query(`DROP TABLE ${t}`);
  }
}

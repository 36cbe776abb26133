import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Visits (巡视探访) to special-hardship persons cared for at home (分散供养, policy.md §3 "Care"), and
 * the visit plan that keeps each person's next due day queryable in SQL.
 */
export class HardshipVisits1750000001300 implements MigrationInterface {
  name = 'HardshipVisits1750000001300';

  async up(q: QueryRunner): Promise<void> {
    // A visit as the visitor recorded it: who (a staff id), when, and whether it came after its due
    // day. What was found is in hardship_visit_findings; the person is the case, never a name.
    await q.query(`
      CREATE TABLE hardship_visits (
        id           uuid PRIMARY KEY,
        case_id      uuid NOT NULL REFERENCES hardship_cases (id),
        visited_on   date NOT NULL,
        visitor      text NOT NULL,
        due_on       date NOT NULL,
        late         boolean NOT NULL,
        recorded_at  timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX hardship_visits_case ON hardship_visits (case_id, visited_on DESC, recorded_at DESC)`);

    // Each finding of a visit: no concern, a need for help (said in a short note), or a danger of a
    // named kind (a lead for temporary assistance, 主动发现). Notes stay here: never in events or logs.
    await q.query(`
      CREATE TABLE hardship_visit_findings (
        visit_id    uuid NOT NULL REFERENCES hardship_visits (id),
        position    int NOT NULL CHECK (position >= 0),
        kind        text NOT NULL CHECK (kind IN ('no_concern', 'needs_help', 'danger')),
        danger_kind text CHECK (danger_kind IN ('health_emergency', 'unsafe_housing', 'no_food_or_heating', 'abuse_or_neglect', 'not_found_at_home', 'other')),
        note        text CHECK (char_length(note) <= 200),
        PRIMARY KEY (visit_id, position),
        CHECK ((kind = 'danger') = (danger_kind IS NOT NULL)),
        CHECK (kind <> 'no_concern' OR note IS NULL)
      )`);
    await q.query(`CREATE INDEX hardship_visit_findings_danger ON hardship_visit_findings (danger_kind) WHERE kind = 'danger'`);

    // The visit plan of a person cared for at home: a row while they are supported at home (made on
    // confirmation or the return home, removed on a placement in an institution or a termination),
    // with the next due day counted from the later of the start of home care and the last visit by
    // the tier's interval (hardship.visit-intervals) as it was counted. The place is copied from the
    // case (it never moves) so that the township's overdue queue is one index range.
    // `overdue_announced_for` is the due day visit.overdue was written for: set in the statement
    // that writes it, so each overdue due day is announced once, across sweeps, restarts and replicas.
    await q.query(`
      CREATE TABLE hardship_visit_plans (
        case_id               uuid PRIMARY KEY REFERENCES hardship_cases (id),
        district_code         char(6) NOT NULL,
        township_code         char(9) NOT NULL,
        home_care_since       date NOT NULL,
        last_visited_on       date,
        self_care_ability     text NOT NULL CHECK (self_care_ability IN ('full', 'partly_lost', 'fully_lost')),
        interval_days         int NOT NULL CHECK (interval_days > 0),
        next_visit_due_on     date NOT NULL,
        parameter_version     text NOT NULL,
        overdue_announced_for date,
        updated_at            timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX hardship_visit_plans_queue ON hardship_visit_plans (district_code, township_code, next_visit_due_on)`);
    await q.query(`CREATE INDEX hardship_visit_plans_due ON hardship_visit_plans (next_visit_due_on)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['hardship_visit_plans', 'hardship_visit_findings', 'hardship_visits']) await q.query(`DROP TABLE ${t}`);
  }
}

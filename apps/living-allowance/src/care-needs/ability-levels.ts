import { EntityManager } from 'typeorm';
import { LocalDate } from '@jiuzhu/common';
import { AssessmentCompletedV1 } from '@jiuzhu/contracts';
import { AbilityAssessmentFact } from '../assessment/domain/household';

export interface AbilityLevelRow {
  personRef: string;
  assessmentId: string;
  level: AssessmentCompletedV1['level'];
  total: number;
  selfCareAbility: string;
  districtCode: string;
  assessedOn: LocalDate;
  validUntil: LocalDate;
  superseded: boolean;
}

/**
 * The latest elder ability level per person, as announced by the elder-assessment service. Events of
 * one person arrive in order (keyed by personRef), but a redelivery or a replay may bring an older
 * one again: an assessment replaces the recorded one only if it is newer, or if it says it supersedes
 * it (a correction may carry an earlier assessment date).
 */
export class AbilityLevels {
  async record(m: EntityManager, e: AssessmentCompletedV1): Promise<boolean> {
    const rows: unknown[] = await m.query(
      `INSERT INTO person_ability_levels AS p (person_ref, assessment_id, level, total, self_care_ability, district_code, assessed_on, valid_until)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (person_ref) DO UPDATE SET assessment_id = EXCLUDED.assessment_id, level = EXCLUDED.level, total = EXCLUDED.total,
         self_care_ability = EXCLUDED.self_care_ability, district_code = EXCLUDED.district_code, assessed_on = EXCLUDED.assessed_on,
         valid_until = EXCLUDED.valid_until, superseded = false, recorded_at = now()
       WHERE p.assessment_id <> EXCLUDED.assessment_id AND (EXCLUDED.assessed_on > p.assessed_on OR p.assessment_id = $9::uuid OR p.superseded)
       RETURNING 1`,
      [e.personRef, e.assessmentId, e.level, e.total, e.selfCareAbility, e.districtCode, e.assessedOn, e.validUntil, e.supersedes ?? null],
    );
    return rows.length > 0;
  }

  /** A superseded assessment stops counting at once; its replacement's completion follows. */
  async markSuperseded(m: EntityManager, personRef: string, assessmentId: string): Promise<void> {
    await m.query(`UPDATE person_ability_levels SET superseded = true WHERE person_ref = $1 AND assessment_id = $2`, [personRef, assessmentId]);
  }

  async of(m: EntityManager, personRef: string): Promise<AbilityLevelRow | undefined> {
    const [r] = await m.query(
      `SELECT person_ref, assessment_id, level, total, self_care_ability, district_code, to_char(assessed_on, 'YYYY-MM-DD') AS assessed_on,
              to_char(valid_until, 'YYYY-MM-DD') AS valid_until, superseded
         FROM person_ability_levels WHERE person_ref = $1`,
      [personRef],
    );
    return r
      ? { personRef: r.person_ref, assessmentId: r.assessment_id, level: r.level, total: r.total, selfCareAbility: r.self_care_ability, districtCode: r.district_code, assessedOn: r.assessed_on, validUntil: r.valid_until, superseded: r.superseded }
      : undefined;
  }

  /**
   * The assessment each person can rely on on `on`: done by then, not superseded. An assessment past
   * its routine re-assessment date still counts — the elder's needs did not lapse because a
   * re-assessment is late (the overdue queue chases it) — but one dated after `on` does not.
   */
  async factsFor(m: EntityManager, personRefs: string[], on: LocalDate): Promise<Map<string, AbilityAssessmentFact>> {
    if (personRefs.length === 0) return new Map();
    const rows: Array<{ person_ref: string; assessment_id: string; level: AbilityAssessmentFact['level']; assessed_on: string }> = await m.query(
      `SELECT person_ref, assessment_id, level, to_char(assessed_on, 'YYYY-MM-DD') AS assessed_on FROM person_ability_levels
        WHERE person_ref = ANY($1::text[]) AND NOT superseded AND assessed_on <= $2`,
      [personRefs, on],
    );
    return new Map(rows.map((r) => [r.person_ref, { level: r.level, assessmentId: r.assessment_id, assessedOn: r.assessed_on }]));
  }
}

/**
 * Attaches to each member the elder ability assessment this service knows of (by the member's keyed
 * reference), replacing whatever the document carried: the level is a fact from the assessment
 * service, not something a caseworker types in.
 */
export class CareNeeds {
  constructor(
    private readonly ds: { manager: EntityManager },
    private readonly levels: AbilityLevels,
    private readonly personRefOf: (idNumber: string) => string,
  ) {}

  async attach<H extends { members: Array<{ idNumber: string; abilityAssessment?: AbilityAssessmentFact }> }>(h: H, on: LocalDate): Promise<H> {
    const refs = h.members.map((mb) => this.personRefOf(mb.idNumber));
    const facts = await this.levels.factsFor(this.ds.manager, refs, on);
    return {
      ...h,
      members: h.members.map((mb, i) => {
        const { abilityAssessment: _ignored, ...rest } = mb;
        const f = facts.get(refs[i]);
        return f ? { ...rest, abilityAssessment: f } : rest;
      }),
    };
  }
}

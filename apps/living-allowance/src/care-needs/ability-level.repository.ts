import { EntityManager, In, LessThanOrEqual } from 'typeorm';
import { LocalDate } from '@jiuzhu/common';
import type { JurisdictionFilter } from '@jiuzhu/auth';
import { AssessmentCompletedV1 } from '@jiuzhu/contracts';
import { AbilityAssessmentFact } from '../assessment/domain/household';
import { PersonAbilityLevelRecord } from './person-ability-level.entity';

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
export class AbilityLevelRepository {
  /** `at`: when it is recorded, on the service's clock. */
  async record(m: EntityManager, e: AssessmentCompletedV1, at: Date): Promise<boolean> {
    // A conditional upsert (replace only a newer or superseding assessment) is one statement in SQL;
    // TypeORM's upsert cannot carry the condition.
    const rows: Array<{ person_ref: string }> = await m.query(
      `INSERT INTO person_ability_levels AS p (person_ref, assessment_id, level, total, self_care_ability, district_code, assessed_on, valid_until, recorded_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $10)
       ON CONFLICT (person_ref) DO UPDATE SET assessment_id = EXCLUDED.assessment_id, level = EXCLUDED.level, total = EXCLUDED.total,
         self_care_ability = EXCLUDED.self_care_ability, district_code = EXCLUDED.district_code, assessed_on = EXCLUDED.assessed_on,
         valid_until = EXCLUDED.valid_until, superseded = false, recorded_at = EXCLUDED.recorded_at
       WHERE p.assessment_id <> EXCLUDED.assessment_id AND (EXCLUDED.assessed_on > p.assessed_on OR p.assessment_id = $9::uuid OR p.superseded)
       RETURNING p.person_ref`,
      [e.personRef, e.assessmentId, e.level, e.total, e.selfCareAbility, e.districtCode, e.assessedOn, e.validUntil, e.supersedes ?? null, at],
    );
    return rows.length > 0;
  }

  /** A superseded assessment stops counting at once; its replacement's completion follows. */
  async markSuperseded(m: EntityManager, personRef: string, assessmentId: string): Promise<void> {
    await m.getRepository(PersonAbilityLevelRecord).update({ personRef, assessmentId }, { superseded: true });
  }

  /**
   * A person's level, if they were assessed in the district of the reader's jurisdiction (`{}`: the
   * city). Elder assessments are a district's (an assessor records them in their district), and the
   * level carries no township: a township's reader sees the levels of their district.
   */
  async of(m: EntityManager, personRef: string, within: Pick<JurisdictionFilter, 'districtCode'>): Promise<AbilityLevelRow | undefined> {
    const r = await m.getRepository(PersonAbilityLevelRecord).findOneBy({ personRef, ...(within.districtCode !== undefined ? { districtCode: within.districtCode } : {}) });
    return r
      ? { personRef: r.personRef, assessmentId: r.assessmentId, level: r.level, total: r.total, selfCareAbility: r.selfCareAbility, districtCode: r.districtCode, assessedOn: r.assessedOn, validUntil: r.validUntil, superseded: r.superseded }
      : undefined;
  }

  /**
   * The assessment each person can rely on on `on`: done by then, not superseded. An assessment past
   * its routine re-assessment date still counts — the elder's needs did not lapse because a
   * re-assessment is late (the overdue queue chases it) — but one dated after `on` does not.
   */
  async factsFor(m: EntityManager, personRefs: string[], on: LocalDate): Promise<Map<string, AbilityAssessmentFact>> {
    if (personRefs.length === 0) return new Map();
    const rows = await m.getRepository(PersonAbilityLevelRecord).find({
      where: { personRef: In(personRefs), superseded: false, assessedOn: LessThanOrEqual(on) },
      select: { personRef: true, assessmentId: true, level: true, assessedOn: true },
    });
    return new Map(rows.map((r) => [r.personRef, { level: r.level, assessmentId: r.assessmentId, assessedOn: r.assessedOn }]));
  }
}

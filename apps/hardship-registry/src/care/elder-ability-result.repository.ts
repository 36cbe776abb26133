import { EntityManager } from 'typeorm';
import { ElderAssessmentResult } from './domain/self-care';
import { ElderAbilityResultRecord } from './elder-ability-result.entity';

export interface ElderAbilityAnnounced extends ElderAssessmentResult {
  personRef: string;
  districtCode: string;
  /** The assessment this one replaces (a correction), if any. */
  supersedes?: string;
}

/**
 * Each elder's latest ability assessment, as announced by elder-assessment. Events of one person
 * arrive in order (keyed by personRef), but a redelivery or a replay may bring an older one again:
 * an assessment replaces the kept one only if it is newer, or if it says it supersedes it (a
 * correction may carry an earlier assessment date).
 */
export class ElderAbilityResultRepository {
  /** True when the assessment became the person's latest; false for a repeat or an older one. */
  async keep(m: EntityManager, e: ElderAbilityAnnounced, at: Date): Promise<boolean> {
    // A conditional upsert (replace only a newer or superseding assessment) is one statement in SQL;
    // TypeORM's upsert cannot carry the condition.
    const rows: Array<{ person_ref: string }> = await m.query(
      `INSERT INTO elder_ability_results AS r (person_ref, assessment_id, level, assessed_on, district_code, recorded_at)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (person_ref) DO UPDATE SET assessment_id = EXCLUDED.assessment_id, level = EXCLUDED.level,
         assessed_on = EXCLUDED.assessed_on, district_code = EXCLUDED.district_code, recorded_at = EXCLUDED.recorded_at
       WHERE r.assessment_id <> EXCLUDED.assessment_id AND (EXCLUDED.assessed_on > r.assessed_on OR r.assessment_id = $7::uuid)
       RETURNING r.person_ref`,
      [e.personRef, e.assessmentId, e.level, e.assessedOn, e.districtCode, at, e.supersedes ?? null],
    );
    return rows.length > 0;
  }

  async of(m: EntityManager, personRef: string): Promise<ElderAssessmentResult | null> {
    const r = await m.getRepository(ElderAbilityResultRecord).findOneBy({ personRef });
    return r ? { assessmentId: r.assessmentId, level: r.level, assessedOn: r.assessedOn } : null;
  }
}

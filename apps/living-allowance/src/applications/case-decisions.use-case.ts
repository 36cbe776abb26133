import { DataSource } from 'typeorm';
import { LocalDate, NotFound } from '@jiuzhu/common';
import { jurisdictionFilter, type Actor } from '@jiuzhu/auth';
import { Page, PageRequest, pageOf } from '@jiuzhu/common/http';
import { AssessHousehold } from '../assessment/assess-household.use-case';
import { Decision } from '../assessment/domain/decision';
import { ApplicationRepository } from './application.repository';
import { CaseDecisionRepository, StoredDecision } from './case-decision.repository';

/** A kept decision with its assessment in full (a compact one's re-derived). */
export type ExplainedDecision = StoredDecision & { assessment: Decision };

/**
 * Reading a case's decisions: all of them newest first, or the one in force on a day. A compact
 * re-decision (a new standard's, stored without its explanation) is explained here, by re-running the
 * pure assessment on the facts it re-decided with exactly the parameter versions it used: the same
 * numbers give the same decision and words, whatever has been published since.
 */
export class CaseDecisions {
  private readonly cases = new ApplicationRepository();
  private readonly decisions = new CaseDecisionRepository();

  constructor(
    private readonly ds: DataSource,
    private readonly assessments: AssessHousehold,
  ) {}

  async list(id: string, page: PageRequest, reader: Pick<Actor, 'jurisdiction'>): Promise<Page<ExplainedDecision>> {
    await this.mustExist(id, reader);
    const [rows, total] = await Promise.all([this.decisions.list(this.ds.manager, id, page), this.decisions.count(this.ds.manager, id)]);
    return pageOf(await Promise.all(rows.map((d) => explain(this.assessments, d))), total, page);
  }

  async inForceOn(id: string, on: LocalDate, reader: Pick<Actor, 'jurisdiction'>): Promise<ExplainedDecision> {
    await this.mustExist(id, reader);
    const d = await this.decisions.inForceOn(this.ds.manager, id, on);
    if (!d) throw new NotFound(`A decision of application ${id} in force on ${on}`);
    return explain(this.assessments, d);
  }

  /** The decisions of a case outside the reader's jurisdiction are not found, like the case itself. */
  private async mustExist(id: string, reader: Pick<Actor, 'jurisdiction'>): Promise<void> {
    if (!(await this.cases.exists(this.ds.manager, id, jurisdictionFilter(reader.jurisdiction)))) throw new NotFound(`Application ${id}`);
  }
}

/** The decision's assessment: as stored, or for a compact re-decision the assessment re-run on its facts and parameter versions. */
export async function assessmentOf(assessments: AssessHousehold, d: StoredDecision): Promise<Decision | null> {
  if (!d.compact) return d.assessment;
  return assessments.assessPinned(d.householdToRederive!, d.effectiveOn, d.parameterVersions);
}

async function explain(assessments: AssessHousehold, d: StoredDecision): Promise<ExplainedDecision> {
  return { ...d, assessment: (await assessmentOf(assessments, d))! };
}

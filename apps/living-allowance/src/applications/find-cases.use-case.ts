import { DataSource } from 'typeorm';
import { Clock, NotFound } from '@jiuzhu/common';
import { jurisdictionFilter, type Actor } from '@jiuzhu/auth';
import { AssessHousehold } from '../assessment/assess-household.use-case';
import { ApplicationRepository, ApplicationRow, HistoryView } from './application.repository';
import { CaseDecisionRepository } from './case-decision.repository';
import { assessmentOf } from './case-decisions.use-case';
import { processDeadlines } from './domain/process';
import { ProcessRulesSource } from './process-rules';
import type { HardshipConflicts } from '../hardship-conflicts/hardship-conflicts.use-case';

/**
 * Reading a case: where it stands today, and its history (lists of cases: CaseLists). A case is read
 * within the reader's jurisdiction, in the query itself: one outside it is not found (404), so that
 * whether it exists is not revealed either.
 */
export class FindCases {
  private readonly decisions = new CaseDecisionRepository();

  constructor(
    private readonly ds: DataSource,
    private readonly repo: ApplicationRepository,
    private readonly assessments: AssessHousehold,
    private readonly rules: ProcessRulesSource,
    private readonly clock: Clock,
    private readonly conflicts?: HardshipConflicts,
  ) {}

  async get(id: string, reader: Pick<Actor, 'jurisdiction'>): Promise<ApplicationRow> {
    const row = await this.repo.findById(this.ds.manager, id, jurisdictionFilter(reader.jurisdiction));
    if (!row) throw new NotFound(`Application ${id}`);
    const today = this.clock.today();
    // The case stands on its current decision's assessment: a compact re-decision's is re-derived in
    // full (the pure assessment re-run on its facts and parameter versions); any other's is the case's own.
    const currentDecision = row.currentDecisionId ? ((await this.decisions.summary(this.ds.manager, row.currentDecisionId)) ?? null) : null;
    const assessment = currentDecision?.compact ? await assessmentOf(this.assessments, currentDecision) : row.assessment;
    // Members supported as 特困 that officers must (or did) decide on: shown on the case itself.
    const hardshipConflicts = this.conflicts ? await this.conflicts.ofApplication(id) : [];
    return { ...row, assessment, currentDecision, hardshipConflicts, deadlines: processDeadlines(row.status, row.process, await this.rules.inForceOn(today), today) };
  }

  async history(id: string, reader: Pick<Actor, 'jurisdiction'>): Promise<HistoryView[]> {
    await this.get(id, reader);
    return this.repo.history(this.ds.manager, id);
  }
}

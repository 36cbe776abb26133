import { DataSource } from 'typeorm';
import { Clock, NotFound } from '@jiuzhu/common';
import { AssessHousehold } from '../assessment/assess-household.use-case';
import { ApplicationRepository, ApplicationRow, HistoryView } from './application.repository';
import { processDeadlines } from './domain/process';
import { ProcessRulesSource } from './process-rules';

/** Reading a case: where it stands today, and its history (lists of cases: CaseLists). */
export class FindCases {
  constructor(
    private readonly ds: DataSource,
    private readonly repo: ApplicationRepository,
    private readonly assessments: AssessHousehold,
    private readonly rules: ProcessRulesSource,
    private readonly clock: Clock,
  ) {}

  async get(id: string): Promise<ApplicationRow> {
    const row = await this.repo.findById(this.ds.manager, id);
    if (!row) throw new NotFound(`Application ${id}`);
    const today = this.clock.today();
    // A re-decided case shows the re-decision in full: the pure assessment re-run on the parameter versions it used.
    const assessment = row.redecision ? await this.assessments.assessPinned(row.household, row.redecision.decidedFor, row.redecision.parameterVersions) : row.assessment;
    return { ...row, assessment, deadlines: processDeadlines(row.status, row.process, await this.rules.inForceOn(today), today) };
  }

  async history(id: string): Promise<HistoryView[]> {
    await this.get(id);
    return this.repo.history(this.ds.manager, id);
  }
}

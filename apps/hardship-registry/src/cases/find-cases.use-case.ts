import { DataSource } from 'typeorm';
import { Clock, NotFound, normalizeResidentId } from '@jiuzhu/common';
import { Page, PageRequest, pageOf } from '@jiuzhu/common/http';
import { Actor, jurisdictionFilter } from '@jiuzhu/auth';
import { ElderAssessmentResult } from '../care/domain/self-care';
import { ElderAbilityResultRepository } from '../care/elder-ability-result.repository';
import { CaseRulesSource } from './case-rules-source';
import { DeadlineView, stageDeadline } from './domain/deadlines';
import { CaseFilter, HardshipCaseRepository, HardshipCaseRow, HistoryLine } from './hardship-case.repository';

/** Whose reading it is: the jurisdiction the repository's SQL keeps to. */
export type Reader = Pick<Actor, 'jurisdiction'>;

/** A case as read today: the row, and the limit of the step it is in (overdue or not). */
export interface CaseReading extends HardshipCaseRow {
  deadline: DeadlineView | null;
}

/** A person's cases within the reader's jurisdiction, and the elder assessment the tier is read from. */
export interface PersonReading {
  personRef: string;
  cases: CaseReading[];
  elderAssessment: ElderAssessmentResult | null;
}

/**
 * Reading cases: one, its history, a list, a person's — each within the reader's jurisdiction, in
 * the query itself. One outside it is not found (404), as an id that does not exist.
 */
export class FindCases {
  constructor(
    private readonly ds: DataSource,
    private readonly repo: HardshipCaseRepository,
    private readonly elderResults: ElderAbilityResultRepository,
    private readonly rules: CaseRulesSource,
    private readonly clock: Clock,
    private readonly personRefOf: (idNumber: string) => string,
  ) {}

  async get(id: string, reader: Reader): Promise<CaseReading> {
    const row = await this.repo.findById(this.ds.manager, id, jurisdictionFilter(reader.jurisdiction));
    if (!row) throw new NotFound(`Case ${id}`);
    return (await this.withDeadlines([row]))[0];
  }

  async history(id: string, reader: Reader): Promise<HistoryLine[]> {
    await this.get(id, reader);
    return this.repo.history(this.ds.manager, id, jurisdictionFilter(reader.jurisdiction));
  }

  async list(f: CaseFilter, page: PageRequest, reader: Reader): Promise<Page<CaseReading>> {
    const { rows, total } = await this.repo.page(this.ds.manager, f, page, jurisdictionFilter(reader.jurisdiction));
    return pageOf(await this.withDeadlines(rows), total, page);
  }

  /** A person's cases within the jurisdiction; 404 when there is none there (as for a case). */
  async person(personRef: string, reader: Reader): Promise<PersonReading> {
    const rows = await this.repo.ofPerson(this.ds.manager, personRef, jurisdictionFilter(reader.jurisdiction));
    if (rows.length === 0) throw new NotFound('Person');
    return { personRef, cases: await this.withDeadlines(rows), elderAssessment: await this.elderResults.of(this.ds.manager, personRef) };
  }

  /**
   * The cases of the person with this ID number within the jurisdiction — only those that exist: a
   * person never registered here gets none, and the answer names no reference, so the search is no
   * way to turn an ID number into its reference.
   */
  async personByIdNumber(idNumber: string, reader: Reader): Promise<Omit<PersonReading, 'personRef'>> {
    const personRef = this.personRefOf(normalizeResidentId(idNumber));
    const rows = await this.repo.ofPerson(this.ds.manager, personRef, jurisdictionFilter(reader.jurisdiction));
    return { cases: await this.withDeadlines(rows), elderAssessment: rows.length ? await this.elderResults.of(this.ds.manager, personRef) : null };
  }

  /** The person's latest elder ability assessment as announced (from 60 it sets the self-care tier). */
  elderAssessmentOf(personRef: string): Promise<ElderAssessmentResult | null> {
    return this.elderResults.of(this.ds.manager, personRef);
  }

  async withDeadlines(rows: HardshipCaseRow[]): Promise<CaseReading[]> {
    const today = this.clock.today();
    const rules = await this.rules.on(today);
    const now = this.clock.now();
    // A lapsed lease is no claim: the case is anyone's to take.
    return rows.map((r) => ({ ...r, claimedBy: r.claimExpiresAt && new Date(r.claimExpiresAt) > now ? r.claimedBy : null, deadline: stageDeadline(r, rules, today) }));
  }
}

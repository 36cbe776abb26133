import { DataSource } from 'typeorm';
import { NotFound, normalizeResidentId } from '@jiuzhu/common';
import { Page, PageRequest, pageOf } from '@jiuzhu/common/http';
import { Actor, jurisdictionFilter } from '@jiuzhu/auth';
import { AssessmentRepository, AssessmentRow, HistoryLine } from './assessment.repository';
import { AssessmentSummary } from './domain/assessment-workflow';

/** Whose reading it is: the jurisdiction the repository's SQL keeps to. */
export type Reader = Pick<Actor, 'jurisdiction'>;

/**
 * Reading assessments: one, its history, a person's list (by reference, or by an ID number hashed
 * at once and never kept) — each within the reader's jurisdiction, in the query itself. One outside
 * it is not found (404), as an id that does not exist.
 */
export class FindAssessments {
  constructor(
    private readonly ds: DataSource,
    private readonly repo: AssessmentRepository,
    private readonly personRefOf: (idNumber: string) => string,
  ) {}

  async get(id: string, reader: Reader): Promise<AssessmentRow> {
    const row = await this.repo.findById(this.ds.manager, id, jurisdictionFilter(reader.jurisdiction));
    if (!row) throw new NotFound(`Assessment ${id}`);
    return row;
  }

  async history(id: string, reader: Reader): Promise<HistoryLine[]> {
    await this.get(id, reader);
    return this.repo.history(this.ds.manager, id, jurisdictionFilter(reader.jurisdiction));
  }

  /** Another assessment as a draft's rules see it; one outside the jurisdiction reads as unknown. */
  async summary(id: string, reader: Reader): Promise<AssessmentSummary | undefined> {
    return this.repo.summary(this.ds.manager, id, jurisdictionFilter(reader.jurisdiction));
  }

  /** A person's assessments within the jurisdiction, newest first. */
  async ofPerson(personRef: string, page: PageRequest, reader: Reader): Promise<Page<AssessmentRow>> {
    const { rows, total } = await this.repo.ofPerson(this.ds.manager, personRef, page, jurisdictionFilter(reader.jurisdiction));
    return pageOf(rows, total, page);
  }

  /**
   * The assessments of the person with this ID number — only those that exist, within the
   * jurisdiction. The answer names no reference: for a person never assessed it is an empty list,
   * so the search is no way to turn an ID number into its reference.
   */
  async ofIdNumber(idNumber: string, page: PageRequest, reader: Reader): Promise<Page<AssessmentRow>> {
    return this.ofPerson(this.personRefOf(normalizeResidentId(idNumber)), page, reader);
  }
}

import { DataSource } from 'typeorm';
import { NotFound, normalizeResidentId } from '@jiuzhu/common';
import { Page, PageRequest, pageOf } from '@jiuzhu/common/http';
import { AssessmentRepository, AssessmentRow, HistoryLine } from './assessment.repository';
import { AssessmentSummary } from './domain/assessment-workflow';

/** Reading assessments: one, its history, a person's list (by reference, or by an ID number hashed at once and never kept). */
export class FindAssessments {
  constructor(
    private readonly ds: DataSource,
    private readonly repo: AssessmentRepository,
    private readonly personRefOf: (idNumber: string) => string,
  ) {}

  async get(id: string): Promise<AssessmentRow> {
    const row = await this.repo.findById(this.ds.manager, id);
    if (!row) throw new NotFound(`Assessment ${id}`);
    return row;
  }

  async history(id: string): Promise<HistoryLine[]> {
    await this.get(id);
    return this.repo.history(this.ds.manager, id);
  }

  async summary(id: string): Promise<AssessmentSummary | undefined> {
    return this.repo.summary(this.ds.manager, id);
  }

  /** A person's assessments, newest first. */
  async ofPerson(personRef: string, page: PageRequest): Promise<Page<AssessmentRow>> {
    const { rows, total } = await this.repo.ofPerson(this.ds.manager, personRef, page);
    return pageOf(rows, total, page);
  }

  /**
   * The assessments of the person with this ID number — only those that exist. The answer names
   * no reference: for a person never assessed it is an empty list, so the search is no way to turn
   * an ID number into its reference.
   */
  async ofIdNumber(idNumber: string, page: PageRequest): Promise<Page<AssessmentRow>> {
    return this.ofPerson(this.personRefOf(normalizeResidentId(idNumber)), page);
  }
}

import type { Request } from 'express';
import type { AuditedReadTarget } from '@jiuzhu/audit';
import { normalizeResidentId } from '@jiuzhu/common';
import { IdNumberSearchDto } from '@jiuzhu/common/http';

/** The elder searched for, by ID number in the body (the same search living-allowance's cases take). */
export class SearchAssessmentsDto extends IdNumberSearchDto {}

/** Whom a search by ID number read about, for its audit row: the personRef, never the number. */
export class SearchedPerson implements AuditedReadTarget {
  constructor(private readonly personRefOf: (idNumber: string) => string) {}

  idOf(req: Request): string {
    return this.personRefOf(normalizeResidentId((req.body as SearchAssessmentsDto).idNumber));
  }
}

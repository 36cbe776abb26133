import { IdNumberSearchDto } from '@jiuzhu/common/http';

/** The elder searched for, by ID number in the body (the same search living-allowance's cases take). */
export class SearchAssessmentsDto extends IdNumberSearchDto {}

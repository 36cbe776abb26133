import { ApiProperty } from '@nestjs/swagger';
import { IsResidentId } from '@jiuzhu/common/http';

/** The ID number travels in the body, never in a URL (access logs, proxies and browser history keep URLs). */
export class SearchAssessmentsDto {
  @ApiProperty({ example: '640205195503011233', description: "the elder's 居民身份证号码: hashed at once to look the person up; never stored, logged or returned" })
  @IsResidentId()
  idNumber!: string;
}

import { Body, Controller, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { AuditedRead, AuditedReadTarget } from '@jiuzhu/audit';
import { Access, Actor, CurrentActor } from '@jiuzhu/auth';
import { InvalidInput, normalizeResidentId } from '@jiuzhu/common';
import { IdNumberSearchDto } from '@jiuzhu/common/http';
import { REF_PATTERN } from '@jiuzhu/contracts';
import { CASE_READERS } from '../access';
import { PersonView, toPersonView } from './case.view';
import { FindCases } from './find-cases.use-case';

/** Whom a search by ID number read about, for its audit row: the personRef, never the number. */
export class SearchedPerson implements AuditedReadTarget {
  constructor(private readonly personRefOf: (idNumber: string) => string) {}

  idOf(req: Request): string {
    return this.personRefOf(normalizeResidentId((req.body as IdNumberSearchDto).idNumber));
  }
}

/** A person's cases within the reader's jurisdiction: by reference, or by ID number in a POST body (never in a URL). */
@ApiTags('persons')
@Controller('persons')
export class PersonsController {
  constructor(@Inject(FindCases) private readonly cases: FindCases) {}

  @Post('search')
  @HttpCode(200)
  @Access({ roles: CASE_READERS, jurisdiction: 'scoped' })
  @AuditedRead('person', { action: 'person.search', id: SearchedPerson })
  @ApiOperation({
    summary:
      'The cases of the person with this ID number (in the body, never in a URL) within your jurisdiction, newest first. Only cases that exist: a person never registered here gets an empty list, and no answer names a personRef.',
  })
  @ApiBody({ type: IdNumberSearchDto })
  @ApiOkResponse({ type: PersonView })
  async search(@Body() dto: IdNumberSearchDto, @CurrentActor() actor: Actor) {
    return toPersonView(await this.cases.personByIdNumber(dto.idNumber, actor));
  }

  @Get(':personRef')
  @Access({ roles: CASE_READERS, jurisdiction: 'scoped' })
  @AuditedRead('person', { id: (req) => req.params.personRef as string })
  @ApiOperation({ summary: 'A person by reference: their cases within your jurisdiction (404 when none), the active one, and the elder assessment the tier is read from' })
  @ApiOkResponse({ type: PersonView })
  async get(@Param('personRef') personRef: string, @CurrentActor() actor: Actor) {
    if (!REF_PATTERN.test(personRef)) throw new InvalidInput([{ field: 'personRef', reason: 'must be a 64-hex person reference' }]);
    return toPersonView(await this.cases.person(personRef, actor));
  }
}

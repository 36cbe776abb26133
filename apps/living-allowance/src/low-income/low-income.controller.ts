import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiQuery, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { Access, Actor, CurrentActor, jurisdictionFilter } from '@jiuzhu/auth';
import { FieldProblem, InvalidInput } from '@jiuzhu/common';
import { CASE_READERS } from '../access';
import { ApiPageQuery, readPage } from '@jiuzhu/common/http';
import { LowIncomeRepository } from './low-income.repository';

/** A household of the low-income database, as the API answers it. */
class LowIncomeEntryDoc {
  @ApiProperty() householdRef!: string;
  @ApiProperty({ format: 'uuid', description: 'the case that registered it' }) applicationId!: string;
  @ApiProperty() districtCode!: string;
  @ApiProperty({ enum: ['urban', 'rural'] }) area!: string;
  @ApiProperty() householdSize!: number;
  @ApiProperty({ description: 'fen/month' }) perCapitaIncomeFen!: number;
  @ApiProperty({ format: 'date' }) registeredOn!: string;
  @ApiProperty() active!: boolean;
  @ApiProperty({ nullable: true, type: String, format: 'date' }) removedOn!: string | null;
  @ApiProperty({ nullable: true, type: String }) removalReason!: string | null;
}

class LowIncomeListDoc {
  @ApiProperty({ type: [LowIncomeEntryDoc] }) items!: LowIncomeEntryDoc[];
}

@ApiTags('low-income')
@Controller('low-income-households')
export class LowIncomeController {
  constructor(
    @Inject(LowIncomeRepository) private readonly repo: LowIncomeRepository,
    @Inject(DataSource) private readonly ds: DataSource,
  ) {}

  @Get()
  @Access({ roles: CASE_READERS, jurisdiction: 'scoped' })
  @ApiOperation({ summary: 'The low-income household database (per-capita income below 1.5 × the standard): the households of the reader’s jurisdiction' })
  @ApiQuery({ name: 'districtCode', required: false })
  @ApiQuery({ name: 'active', required: false, enum: ['true', 'false'] })
  @ApiPageQuery({ defaultLimit: 100, maxLimit: 1000 })
  @ApiOkResponse({ type: LowIncomeListDoc })
  async list(@CurrentActor() actor: Actor, @Query('districtCode') districtCode?: string, @Query('active') active = 'true', @Query('limit') limit?: string, @Query('offset') offset?: string): Promise<LowIncomeListDoc> {
    const problems: FieldProblem[] = [];
    const page = readPage({ limit, offset }, problems, { defaultLimit: 100, maxLimit: 1000 });
    if (active !== 'true' && active !== 'false') problems.push({ field: 'active', reason: "must be 'true' or 'false'" });
    if (problems.length) throw new InvalidInput(problems);
    return { items: await this.repo.list(this.ds.manager, { districtCode, active: active === 'true', ...page, within: jurisdictionFilter(actor.jurisdiction) }) };
  }
}

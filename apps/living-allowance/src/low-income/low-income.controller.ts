import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { FieldProblem, InvalidInput } from '@jiuzhu/common';
import { ApiPageQuery, readPage } from '@jiuzhu/common/http';
import { LowIncomeRepository } from './low-income.repository';

@ApiTags('low-income')
@Controller('low-income-households')
export class LowIncomeController {
  constructor(
    @Inject(LowIncomeRepository) private readonly repo: LowIncomeRepository,
    @Inject(DataSource) private readonly ds: DataSource,
  ) {}

  @Get()
  @ApiOperation({ summary: 'The low-income household database (per-capita income below 1.5 × the standard)' })
  @ApiQuery({ name: 'districtCode', required: false })
  @ApiQuery({ name: 'active', required: false, enum: ['true', 'false'] })
  @ApiPageQuery({ defaultLimit: 100, maxLimit: 1000 })
  async list(@Query('districtCode') districtCode?: string, @Query('active') active = 'true', @Query('limit') limit?: string, @Query('offset') offset?: string) {
    const problems: FieldProblem[] = [];
    const page = readPage({ limit, offset }, problems, { defaultLimit: 100, maxLimit: 1000 });
    if (active !== 'true' && active !== 'false') problems.push({ field: 'active', reason: "must be 'true' or 'false'" });
    if (problems.length) throw new InvalidInput(problems);
    return { items: await this.repo.list(this.ds.manager, { districtCode, active: active === 'true', ...page }) };
  }
}

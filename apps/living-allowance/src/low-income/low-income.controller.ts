import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { InvalidInput } from '@jiuzhu/common';
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
  @ApiQuery({ name: 'limit', required: false })
  @ApiQuery({ name: 'offset', required: false })
  async list(@Query('districtCode') districtCode?: string, @Query('active') active = 'true', @Query('limit') limit = '100', @Query('offset') offset = '0') {
    const l = Number(limit);
    const o = Number(offset);
    if (!Number.isInteger(l) || l < 1 || l > 1000) throw new InvalidInput([{ field: 'limit', reason: 'must be an integer 1-1000' }]);
    if (!Number.isInteger(o) || o < 0) throw new InvalidInput([{ field: 'offset', reason: 'must be a non-negative integer' }]);
    if (active !== 'true' && active !== 'false') throw new InvalidInput([{ field: 'active', reason: "must be 'true' or 'false'" }]);
    return { items: await this.repo.list(this.ds.manager, { districtCode, active: active === 'true', limit: l, offset: o }) };
  }
}

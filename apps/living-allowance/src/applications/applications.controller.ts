import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import { ApiBody, ApiHeader, ApiOperation, ApiProperty, ApiPropertyOptional, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsIn, IsInt, IsOptional, IsString, MaxLength, Min, ValidateNested } from 'class-validator';
import { InvalidInput } from '@jiuzhu/common';
import { Actor, CurrentActor } from '@jiuzhu/common/http';
import { HOUSEHOLD_EXAMPLE, HouseholdDto } from '../assessment/household.dto';
import { ApplicationsService } from './applications.service';
import { toApplicationView, toQueueItem } from './application.view';
import { CASE_STATUSES, CaseStatus, REJECTION_REASONS } from './domain/case-status';

export class FileApplicationDto {
  @ApiProperty({ type: HouseholdDto }) @IsDefined({ message: 'household is required' }) @ValidateNested() @Type(() => HouseholdDto) household!: HouseholdDto;
}

export class VersionedDto {
  @ApiProperty({ description: 'the version you last read; a stale one gets 409', example: 1 }) @IsInt() @Min(1) expectedVersion!: number;
}

export class EditHouseholdDto extends VersionedDto {
  @ApiProperty({ type: HouseholdDto }) @IsDefined({ message: 'household is required' }) @ValidateNested() @Type(() => HouseholdDto) household!: HouseholdDto;
}

export class ApproveDto extends VersionedDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) note?: string;
}

export class RejectDto extends VersionedDto {
  @ApiProperty({ enum: Object.keys(REJECTION_REASONS) }) @IsIn(Object.keys(REJECTION_REASONS)) reasonCode!: string;
  @ApiPropertyOptional({ description: 'required when reasonCode is OTHER' }) @IsOptional() @IsString() @MaxLength(2000) note?: string;
}

export class WithdrawDto extends VersionedDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) note?: string;
}

const ACTOR_HEADER = ApiHeader({ name: 'X-Actor-Id', required: true, description: 'staff id of the acting officer (recorded on every change)' });

@ApiTags('applications')
@Controller('applications')
export class ApplicationsController {
  constructor(private readonly apps: ApplicationsService) {}

  @Post()
  @HttpCode(201)
  @ACTOR_HEADER
  @ApiOperation({ summary: 'File a dibao application for a household (draft)' })
  @ApiBody({ type: FileApplicationDto, examples: { household: { value: { household: HOUSEHOLD_EXAMPLE } } } })
  async file(@Body() dto: FileApplicationDto, @CurrentActor() actor: Actor) {
    return toApplicationView(await this.apps.file(dto.household, actor));
  }

  @Get()
  @ApiOperation({ summary: 'A work queue: cases in a status, oldest first' })
  @ApiQuery({ name: 'status', enum: CASE_STATUSES, required: false })
  @ApiQuery({ name: 'districtCode', required: false })
  @ApiQuery({ name: 'limit', required: false })
  @ApiQuery({ name: 'offset', required: false })
  async queue(@Query('status') status = 'submitted', @Query('districtCode') districtCode?: string, @Query('limit') limit = '50', @Query('offset') offset = '0') {
    const problems = [];
    if (!(CASE_STATUSES as readonly string[]).includes(status)) problems.push({ field: 'status', reason: `must be one of ${CASE_STATUSES.join(', ')}` });
    const l = Number(limit);
    const o = Number(offset);
    if (!Number.isInteger(l) || l < 1 || l > 500) problems.push({ field: 'limit', reason: 'must be an integer 1-500' });
    if (!Number.isInteger(o) || o < 0) problems.push({ field: 'offset', reason: 'must be a non-negative integer' });
    if (problems.length) throw new InvalidInput(problems);
    return { items: (await this.apps.queue(status as CaseStatus, districtCode, l, o)).map(toQueueItem) };
  }

  @Get(':id')
  async get(@Param('id', new ParseUUIDPipe({ exceptionFactory: () => badId() })) id: string) {
    return toApplicationView(await this.apps.get(id));
  }

  @Get(':id/history')
  @ApiOperation({ summary: 'Every change of the case: who, when, from which status to which, why' })
  async history(@Param('id', new ParseUUIDPipe({ exceptionFactory: () => badId() })) id: string) {
    return { items: await this.apps.history(id) };
  }

  @Put(':id/household')
  @ACTOR_HEADER
  @ApiOperation({ summary: 'Correct the household document of a draft' })
  async edit(@Param('id', new ParseUUIDPipe({ exceptionFactory: () => badId() })) id: string, @Body() dto: EditHouseholdDto, @CurrentActor() actor: Actor) {
    return toApplicationView(await this.apps.editHousehold(id, dto.expectedVersion, dto.household, actor));
  }

  @Post(':id/submit')
  @HttpCode(200)
  @ACTOR_HEADER
  @ApiOperation({ summary: 'Submit: the household is assessed and the decision with its explanation is fixed on the case' })
  async submit(@Param('id', new ParseUUIDPipe({ exceptionFactory: () => badId() })) id: string, @Body() dto: VersionedDto, @CurrentActor() actor: Actor) {
    return toApplicationView(await this.apps.submit(id, dto.expectedVersion, actor));
  }

  @Post(':id/approve')
  @HttpCode(200)
  @ACTOR_HEADER
  @ApiOperation({ summary: 'Approve (a different officer from the filer): dibao with the assessed benefit, or entry into the low-income database' })
  async approve(@Param('id', new ParseUUIDPipe({ exceptionFactory: () => badId() })) id: string, @Body() dto: ApproveDto, @CurrentActor() actor: Actor) {
    return toApplicationView(await this.apps.approve(id, dto.expectedVersion, actor, dto.note));
  }

  @Post(':id/reject')
  @HttpCode(200)
  @ACTOR_HEADER
  @ApiOperation({ summary: 'Reject with a reason code (a different officer from the filer)' })
  async reject(@Param('id', new ParseUUIDPipe({ exceptionFactory: () => badId() })) id: string, @Body() dto: RejectDto, @CurrentActor() actor: Actor) {
    return toApplicationView(await this.apps.reject(id, dto.expectedVersion, dto.reasonCode, actor, dto.note));
  }

  @Post(':id/withdraw')
  @HttpCode(200)
  @ACTOR_HEADER
  @ApiOperation({ summary: 'Withdraw an application that has not been decided' })
  async withdraw(@Param('id', new ParseUUIDPipe({ exceptionFactory: () => badId() })) id: string, @Body() dto: WithdrawDto, @CurrentActor() actor: Actor) {
    return toApplicationView(await this.apps.withdraw(id, dto.expectedVersion, actor, dto.note));
  }
}

function badId() {
  return new InvalidInput([{ field: 'id', reason: 'must be a UUID' }]);
}

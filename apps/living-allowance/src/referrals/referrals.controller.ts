import { Body, Controller, Get, HttpCode, Inject, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { Access, Actor, CurrentActor } from '@jiuzhu/auth';
import { ApiPageResponse, PagedQuery, pageOfQuery, UuidParam, VersionedDto } from '@jiuzhu/common/http';
import { CASE_READERS, REFERRAL_HANDLERS } from '../access';
import { Referral, REFERRAL_STATUSES, ReferralStatus } from './domain/referral';
import { Referrals } from './referrals.use-case';

export class ReferralListQuery extends PagedQuery() {
  @ApiPropertyOptional({ enum: REFERRAL_STATUSES }) @IsOptional() @IsIn(REFERRAL_STATUSES, { message: `must be one of ${REFERRAL_STATUSES.join(', ')}` }) status?: ReferralStatus;
}

export class TakeUpDto extends VersionedDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) note?: string;
}

export class CloseReferralDto extends VersionedDto {
  @ApiProperty({ description: 'why: filed as an application, not eligible, moved away, declined…' }) @IsString({ message: 'reason must say why' }) @MaxLength(2000) reason!: string;
}

/** A referral as the API answers it (references only). */
export class ReferralView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid', description: 'the hardship-registry case whose support ended' }) hardshipCaseId!: string;
  @ApiProperty() personRef!: string;
  @ApiProperty() districtCode!: string;
  @ApiProperty() townshipCode!: string;
  @ApiProperty({ description: 'why special-hardship support ended' }) ground!: string;
  @ApiProperty({ format: 'date' }) requestedOn!: string;
  @ApiProperty({ enum: REFERRAL_STATUSES }) status!: string;
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true }) takenUp!: object | null;
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true }) closed!: object | null;
  @ApiProperty() version!: number;
}

const view = (r: Referral): ReferralView => ({ ...r });
const HANDLER = Access({ roles: REFERRAL_HANDLERS, jurisdiction: 'scoped' });

@ApiTags('hardship-referrals')
@Controller('hardship-referrals')
export class ReferralsController {
  constructor(@Inject(Referrals) private readonly referrals: Referrals) {}

  @Get()
  @Access({ roles: CASE_READERS, jurisdiction: 'scoped' })
  @ApiOperation({ summary: 'Persons referred to dibao when their special-hardship support ended (转介), of your jurisdiction, oldest first' })
  @ApiPageResponse(ReferralView)
  async list(@Query() q: ReferralListQuery, @CurrentActor() actor: Actor) {
    const page = await this.referrals.list({ status: q.status }, pageOfQuery(q), actor);
    return { ...page, items: page.items.map(view) };
  }

  @Post(':id/take-up')
  @HttpCode(200)
  @HANDLER
  @ApiOperation({ summary: 'Take the referral up (the household is to be assessed); 409 REFERRAL.NOT_OPEN otherwise' })
  @ApiOkResponse({ type: ReferralView })
  async takeUp(@UuidParam() id: string, @Body() dto: TakeUpDto, @CurrentActor() actor: Actor) {
    return view(await this.referrals.takeUp(id, dto.expectedVersion, dto.note, actor));
  }

  @Post(':id/close')
  @HttpCode(200)
  @HANDLER
  @ApiOperation({ summary: 'Close the referral with its reason (400 naming reason without one)' })
  @ApiOkResponse({ type: ReferralView })
  async close(@UuidParam() id: string, @Body() dto: CloseReferralDto, @CurrentActor() actor: Actor) {
    return view(await this.referrals.close(id, dto.expectedVersion, dto.reason, actor));
  }
}

import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { ApplicationViewDoc } from './application.doc';
import { IsIn, Matches } from 'class-validator';
import { Access, Actor, CurrentActor } from '@jiuzhu/auth';
import { UuidParam, VersionedDto } from '@jiuzhu/common/http';
import { toApplicationView } from './application.view';
import { DELIVERY_METHODS, DeliveryMethod } from './domain/process';
import { RecordNoticeDelivery } from './record-notice-delivery.use-case';
import { CONFIRMERS } from '../access';

export class NoticeDeliveryDto extends VersionedDto {
  @ApiProperty({ description: 'the day the written notice reached the household (by post: the day it was signed for); not before the refusal, not after today', example: '2026-03-12' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'deliveredOn must be a date YYYY-MM-DD' })
  deliveredOn!: string;
  @ApiProperty({
    enum: DELIVERY_METHODS,
    description: '送达方式: in_person 直接送达, left_at_residence 留置送达, post 邮寄送达, electronic 电子送达 (with the applicant’s consent), entrusted 委托送达',
  })
  @IsIn([...DELIVERY_METHODS])
  method!: DeliveryMethod;
}

/** The written refusal notice (书面告知) after a refusal: recording its delivery. */
@ApiTags('applications')
@Controller('applications')
export class RefusalNoticeController {
  constructor(@Inject(RecordNoticeDelivery) private readonly deliveries: RecordNoticeDelivery) {}

  // Served by whoever took it to the household: the caseworker or the township (often), or the confirming office.
  @Post(':id/refusal-notice/delivery')
  @HttpCode(200)
  @Access({ roles: ['caseworker', 'township_reviewer', ...CONFIRMERS], jurisdiction: 'scoped' })
  @ApiOperation({ summary: 'Record that the written refusal notice was delivered (送达): date and method; the 3-working-day deadline is then met (a late delivery is kept as late)' })
  @ApiOkResponse({ type: ApplicationViewDoc })
  async deliver(@UuidParam() id: string, @Body() dto: NoticeDeliveryDto, @CurrentActor() actor: Actor) {
    return toApplicationView(await this.deliveries.record(id, dto.expectedVersion, { deliveredOn: dto.deliveredOn, method: dto.method }, actor), actor);
  }
}

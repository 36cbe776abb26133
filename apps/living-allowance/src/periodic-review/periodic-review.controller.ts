import { Body, Controller, Get, HttpCode, Inject, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiProperty, ApiPropertyOptional, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsInt, IsOptional, IsString, MaxLength, Min, ValidateNested } from 'class-validator';
import type { Response } from 'express';
import { InvalidInput, isLocalDate } from '@jiuzhu/common';
import { Actor, CurrentActor } from '@jiuzhu/common/http';
import { HouseholdDto } from '../assessment/household.dto';
import { toApplicationView } from '../applications/application.view';
import { ReviewCase } from './review-case.use-case';
import { ReviewQueue } from './review-queue.use-case';

export class ReviewDto {
  @ApiProperty({ example: 4 }) @IsInt() @Min(1) expectedVersion!: number;
  @ApiProperty({ type: HouseholdDto, description: 'the household as found at the review (income, members, property)' })
  @IsDefined({ message: 'household is required' }) @ValidateNested() @Type(() => HouseholdDto) household!: HouseholdDto;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) note?: string;
}

const uuid = new ParseUUIDPipe({ exceptionFactory: () => new InvalidInput([{ field: 'id', reason: 'must be a UUID' }]) });

@ApiTags('periodic review')
@Controller()
export class PeriodicReviewController {
  constructor(
    @Inject(ReviewQueue) private readonly dueReviews: ReviewQueue,
    @Inject(ReviewCase) private readonly reviews: ReviewCase,
  ) {}

  @Get('reviews/queue')
  @ApiOperation({ summary: 'Paying cases due for periodic review (复核), overdue first, then the oldest' })
  @ApiQuery({ name: 'districtCode', required: false })
  @ApiQuery({ name: 'on', required: false })
  async queue(@Query('districtCode') districtCode?: string, @Query('on') on?: string, @Query('limit') limit = '100') {
    if (on !== undefined && !isLocalDate(on)) throw new InvalidInput([{ field: 'on', reason: 'must be a date YYYY-MM-DD' }]);
    const n = Number(limit);
    if (!Number.isInteger(n) || n < 1 || n > 500) throw new InvalidInput([{ field: 'limit', reason: 'must be an integer 1-500' }]);
    return { items: await this.dueReviews.queue({ districtCode, on, limit: n }) };
  }

  @Post('reviews/claim')
  @ApiHeader({ name: 'X-Actor-Id', required: true })
  @ApiOperation({ summary: 'Claim the next due review (a lease; no two officers get the same case). 204 when nothing is due.' })
  @ApiQuery({ name: 'districtCode', required: false })
  async claim(@CurrentActor() actor: Actor, @Res({ passthrough: true }) res: Response, @Query('districtCode') districtCode?: string) {
    const row = await this.dueReviews.claimNext(actor, districtCode);
    if (!row) {
      res.status(204);
      return undefined;
    }
    res.status(200);
    return toApplicationView(row);
  }

  @Post('applications/:id/review')
  @HttpCode(200)
  @ApiHeader({ name: 'X-Actor-Id', required: true })
  @ApiOperation({ summary: 'Record a periodic review with the updated facts: continue, adjust, gradual exit (渐退期) or end' })
  async review(@Param('id', uuid) id: string, @Body() dto: ReviewDto, @CurrentActor() actor: Actor) {
    return toApplicationView(await this.reviews.review(id, dto.expectedVersion, dto.household, actor, dto.note));
  }
}

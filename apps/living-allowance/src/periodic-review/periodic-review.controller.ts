import { Body, Controller, Get, HttpCode, Inject, Post, Query, Res } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiProperty, ApiPropertyOptional, ApiQuery, ApiTags } from '@nestjs/swagger';
import { IsDefined, IsOptional, IsString, MaxLength } from 'class-validator';
import type { Response } from 'express';
import { FieldProblem, InvalidInput, isLocalDate } from '@jiuzhu/common';
import { Actor, ApiPageQuery, CurrentActor, NestedObject, readPage, UuidParam, VersionedDto } from '@jiuzhu/common/http';
import { HouseholdDto } from '../assessment/household.dto';
import { toApplicationView } from '../applications/application.view';
import { ReviewCase } from './review-case.use-case';
import { ReviewQueue } from './review-queue.use-case';

export class ReviewDto extends VersionedDto {
  @ApiProperty({ type: HouseholdDto, description: 'the household as found at the review (income, members, property)' })
  @IsDefined({ message: 'household is required' }) @NestedObject(() => HouseholdDto) household!: HouseholdDto;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) note?: string;
}

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
  @ApiPageQuery({ defaultLimit: 100 })
  async queue(@Query('districtCode') districtCode?: string, @Query('on') on?: string, @Query('limit') limit?: string, @Query('offset') offset?: string) {
    const problems: FieldProblem[] = [];
    if (on !== undefined && !isLocalDate(on)) problems.push({ field: 'on', reason: 'must be a date YYYY-MM-DD' });
    const page = readPage({ limit, offset }, problems, { defaultLimit: 100 });
    if (problems.length) throw new InvalidInput(problems);
    return { items: await this.dueReviews.queue({ districtCode, on, ...page }) };
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
  async review(@UuidParam() id: string, @Body() dto: ReviewDto, @CurrentActor() actor: Actor) {
    return toApplicationView(await this.reviews.review(id, dto.expectedVersion, dto.household, actor, dto.note));
  }
}

import { Body, Controller, Get, HttpCode, Inject, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiQuery, ApiTags } from '@nestjs/swagger';
import { ApplicationViewDoc, ReviewQueueDoc } from '../applications/application.doc';
import { IsDefined, IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import type { Response } from 'express';
import { FieldProblem, InvalidInput, isLocalDate } from '@jiuzhu/common';
import { Access, Actor, CurrentActor } from '@jiuzhu/auth';
import { ApiPageQuery, NestedObject, readPage, UuidParam, VersionedDto } from '@jiuzhu/common/http';
import { HouseholdDto } from '../assessment/household.dto';
import { toApplicationView } from '../applications/application.view';
import { ReviewCase } from './review-case.use-case';
import { ReviewQueue } from './review-queue.use-case';
import { AD_HOC_REVIEW_TRIGGERS, AdHocReviewTrigger } from './domain/periodic-review';
import { QUEUE_OVERSEERS } from '../access';

export class ReviewDto extends VersionedDto {
  @ApiProperty({ type: HouseholdDto, description: 'the household as found at the review (income, members, property)' })
  @IsDefined({ message: 'household is required' }) @NestedObject(() => HouseholdDto) household!: HouseholdDto;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) note?: string;
}

export class OpenReviewDto extends VersionedDto {
  @ApiProperty({ enum: AD_HOC_REVIEW_TRIGGERS, description: 'why the review is opened now: change_reported (变更申报: a new job, a death, a birth…)' })
  @IsIn([...AD_HOC_REVIEW_TRIGGERS])
  trigger!: AdHocReviewTrigger;
  @ApiPropertyOptional({ description: 'the day the household reported the change (default today); not after today, nor before the approval', example: '2026-08-03' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'reportedOn must be a date YYYY-MM-DD' })
  reportedOn?: string;
  @ApiProperty({ description: 'what changed, in the officer’s words (kept on the case, never in events)', example: 'the applicant started work at a factory on 2026-07-20' })
  @IsString() @IsNotEmpty({ message: 'summary must say what changed' }) @MaxLength(2000)
  summary!: string;
}

// 复核 is the township's (乡镇人民政府/街道办事处), on the paying cases of the reviewer's jurisdiction.
const REVIEWER = Access({ roles: ['township_reviewer'], jurisdiction: 'scoped' });

@ApiTags('periodic review')
@Controller()
export class PeriodicReviewController {
  constructor(
    @Inject(ReviewQueue) private readonly dueReviews: ReviewQueue,
    @Inject(ReviewCase) private readonly reviews: ReviewCase,
  ) {}

  @Get('reviews/queue')
  @Access({ roles: ['township_reviewer', ...QUEUE_OVERSEERS], jurisdiction: 'scoped' })
  @ApiOperation({ summary: 'Paying cases of the reader’s jurisdiction due for periodic review (复核), and reviews opened on a reported change (临时复核), the earliest due or reported first' })
  @ApiQuery({ name: 'districtCode', required: false })
  @ApiQuery({ name: 'on', required: false })
  @ApiPageQuery({ defaultLimit: 100 })
  @ApiOkResponse({ type: ReviewQueueDoc })
  async queue(@CurrentActor() actor: Actor, @Query('districtCode') districtCode?: string, @Query('on') on?: string, @Query('limit') limit?: string, @Query('offset') offset?: string) {
    const problems: FieldProblem[] = [];
    if (on !== undefined && !isLocalDate(on)) problems.push({ field: 'on', reason: 'must be a date YYYY-MM-DD' });
    const page = readPage({ limit, offset }, problems, { defaultLimit: 100 });
    if (problems.length) throw new InvalidInput(problems);
    return { items: await this.dueReviews.queue({ districtCode, on, ...page }, actor) };
  }

  @Post('reviews/claim')
  @REVIEWER
  @ApiOperation({ summary: 'Claim the next review, due or opened (a lease; no two officers get the same case). 204 when there is none.' })
  @ApiQuery({ name: 'districtCode', required: false })
  @ApiOkResponse({ type: ApplicationViewDoc, description: 'the claimed case' })
  @ApiNoContentResponse({ description: 'no review to take' })
  async claim(@CurrentActor() actor: Actor, @Res({ passthrough: true }) res: Response, @Query('districtCode') districtCode?: string) {
    const row = await this.dueReviews.claimNext(actor, districtCode);
    if (!row) {
      res.status(204);
      return undefined;
    }
    res.status(200);
    return toApplicationView(row, actor);
  }

  @Post('applications/:id/reviews')
  @HttpCode(201)
  @REVIEWER
  @ApiOperation({ summary: 'Open a review of a paying case now, on a change the household reported (变更申报/临时复核); it waits in the review queue and is decided like a due one' })
  @ApiCreatedResponse({ type: ApplicationViewDoc })
  async open(@UuidParam() id: string, @Body() dto: OpenReviewDto, @CurrentActor() actor: Actor) {
    return toApplicationView(await this.reviews.open(id, dto.expectedVersion, { trigger: dto.trigger, reportedOn: dto.reportedOn, summary: dto.summary }, actor), actor);
  }

  @Post('applications/:id/review')
  @HttpCode(200)
  @REVIEWER
  @ApiOperation({ summary: 'Record the claimed review (due or opened) with the updated facts: continue, adjust, gradual exit (渐退期) or end' })
  @ApiOkResponse({ type: ApplicationViewDoc })
  async review(@UuidParam() id: string, @Body() dto: ReviewDto, @CurrentActor() actor: Actor) {
    return toApplicationView(await this.reviews.review(id, dto.expectedVersion, dto.household, actor, dto.note), actor);
  }
}

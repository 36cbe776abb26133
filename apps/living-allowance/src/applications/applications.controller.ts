import { Body, Controller, Get, HttpCode, Inject, Post, Put } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { ApplicationViewDoc } from './application.doc';
import { IsBoolean, IsDefined, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { AuditedRead } from '@jiuzhu/audit';
import { Access, Actor, CurrentActor } from '@jiuzhu/auth';
import { ContactDto, contactOf, HistoryDoc, NestedObject, UuidParam, VersionedDto } from '@jiuzhu/common/http';
import { HOUSEHOLD_EXAMPLE, HouseholdDto } from '../assessment/household.dto';
import { ConfirmCase } from './confirm-case.use-case';
import { EditHousehold } from './edit-household.use-case';
import { ExtendTimeLimit } from './extend-time-limit.use-case';
import { FileApplication } from './file-application.use-case';
import { FindCases } from './find-cases.use-case';
import { PublicNotice } from './public-notice.use-case';
import { SubmitApplication } from './submit-application.use-case';
import { TownshipReview } from './township-review.use-case';
import { WithdrawApplication } from './withdraw-application.use-case';
import { toApplicationView } from './application.view';
import { REJECTION_REASONS } from './domain/case-status';
import { CASE_READERS, CONFIRMERS } from '../access';

const CONTACT = ApiPropertyOptional({ type: ContactDto, description: "whose case it is: the applicant's name, address and phone (recommended; shown in the case only, never in events or logs)" });

export class FileApplicationDto {
  @ApiProperty({ type: HouseholdDto }) @IsDefined({ message: 'household is required' }) @NestedObject(() => HouseholdDto) household!: HouseholdDto;
  @CONTACT @IsOptional() @NestedObject(() => ContactDto) contact?: ContactDto;
}

export class EditHouseholdDto extends VersionedDto {
  @ApiProperty({ type: HouseholdDto }) @IsDefined({ message: 'household is required' }) @NestedObject(() => HouseholdDto) household!: HouseholdDto;
  @ApiPropertyOptional({ type: ContactDto, description: 'replaces the case’s contact when given (a field left out is cleared); without it the contact stays as it is' })
  @IsOptional()
  @NestedObject(() => ContactDto)
  contact?: ContactDto;
}

export class ApproveDto extends VersionedDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) note?: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class EconomicCheckDto {
  @ApiProperty({ description: '入户调查 date', example: '2026-03-04' }) @Matches(DATE, { message: 'homeVisitOn must be a date YYYY-MM-DD' }) homeVisitOn!: string;
  @ApiProperty({ description: '邻里访问: neighbours or cadres interviewed', example: 2 }) @IsInt() @Min(0) @Max(100) neighboursInterviewed!: number;
  @ApiProperty({ description: '信息核对: day the data match came back', example: '2026-03-05' }) @Matches(DATE, { message: 'dataMatchedOn must be a date YYYY-MM-DD' }) dataMatchedOn!: string;
  @ApiProperty({ description: 'whether the check found facts differing from the declaration' }) @IsBoolean() discrepanciesFound!: boolean;
  @ApiPropertyOptional({ description: 'what was found (kept on the case, never published)' }) @IsOptional() @IsString() @MaxLength(4000) findings?: string;
}

export class TownshipReviewDto extends VersionedDto {
  @ApiProperty({ type: EconomicCheckDto }) @IsDefined({ message: 'check is required (home visit, neighbours, data matching)' }) @NestedObject(() => EconomicCheckDto) check!: EconomicCheckDto;
  @ApiProperty({ enum: ['approve', 'refuse'], description: 'the township opinion (审核意见) that will be publicly noticed' }) @IsIn(['approve', 'refuse']) opinion!: 'approve' | 'refuse';
  @ApiPropertyOptional({ enum: Object.keys(REJECTION_REASONS), description: 'required when the opinion is refuse' }) @IsOptional() @IsIn(Object.keys(REJECTION_REASONS)) reasonCode?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) note?: string;
}

export class ObjectionDto extends VersionedDto {
  @ApiPropertyOptional({ description: 'day the objection was received (default today); must fall within the notice', example: '2026-03-12' })
  @IsOptional() @Matches(DATE, { message: 'receivedOn must be a date YYYY-MM-DD' }) receivedOn?: string;
  @ApiProperty({ description: 'the objection in substance (not who raised it)' }) @IsString() @IsNotEmpty({ message: 'summary must say what the objection is' }) @MaxLength(4000) summary!: string;
}

export class ExtendDto extends VersionedDto {
  @ApiProperty({ description: 'why the case needs more time (特殊情况)' }) @IsString() @IsNotEmpty({ message: 'reason is required' }) @MaxLength(2000) reason!: string;
}

export class RefuseDto extends VersionedDto {
  @ApiProperty({ enum: Object.keys(REJECTION_REASONS) }) @IsIn(Object.keys(REJECTION_REASONS)) reasonCode!: string;
  @ApiPropertyOptional({ description: 'required when reasonCode is OTHER' }) @IsOptional() @IsString() @MaxLength(2000) note?: string;
}

export class WithdrawDto extends VersionedDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) note?: string;
}

// Every route works on cases of the caller's jurisdiction (the queries keep to it: another place's
// case is a 404, read or written); who acts comes from the token and is recorded on every change.

/** The caseworker of the household's place files and keeps its case until it is submitted. */
const CASEWORKER = Access({ roles: ['caseworker'], jurisdiction: 'scoped' });
/** The township's review, its public notice and the objections to it (乡镇人民政府/街道办事处). */
const TOWNSHIP_REVIEWER = Access({ roles: ['township_reviewer'], jurisdiction: 'scoped' });

/** Filing, correcting, submitting and withdrawing a case, and reading cases. */
@ApiTags('applications')
@Controller('applications')
export class ApplicationsController {
  constructor(
    @Inject(FileApplication) private readonly filing: FileApplication,
    @Inject(EditHousehold) private readonly editing: EditHousehold,
    @Inject(SubmitApplication) private readonly submission: SubmitApplication,
    @Inject(WithdrawApplication) private readonly withdrawal: WithdrawApplication,
    @Inject(FindCases) private readonly cases: FindCases,
  ) {}

  @Post()
  @HttpCode(201)
  @CASEWORKER
  @ApiOperation({ summary: 'File a dibao application for a household of the caseworker’s jurisdiction (draft); a household placed elsewhere is 403 JURISDICTION.OUTSIDE naming household.townshipCode or household.districtCode' })
  @ApiBody({ type: FileApplicationDto, examples: { household: { value: { household: HOUSEHOLD_EXAMPLE, contact: { name: '王某某', address: '石嘴山市大武口区长胜街道某某小区3号楼2单元501', phone: '13995212345' } } } } })
  @ApiCreatedResponse({ type: ApplicationViewDoc })
  async file(@Body() dto: FileApplicationDto, @CurrentActor() actor: Actor) {
    return toApplicationView(await this.filing.file(dto.household, actor, contactOf(dto.contact)), actor);
  }

  @Get(':id')
  @Access({ roles: CASE_READERS, jurisdiction: 'scoped' })
  @ApiOperation({ summary: 'A case of the reader’s jurisdiction (404 for any other); resident ID numbers in full for the officers handling cases, masked for the city auditor' })
  @ApiOkResponse({ type: ApplicationViewDoc })
  @AuditedRead('application')
  async get(@UuidParam() id: string, @CurrentActor() actor: Actor) {
    return toApplicationView(await this.cases.get(id, actor), actor);
  }

  @Get(':id/history')
  @Access({ roles: CASE_READERS, jurisdiction: 'scoped' })
  @AuditedRead('application', { action: 'application.history.read' })
  @ApiOperation({ summary: 'Every change of the case: who, when, from which status to which, why' })
  @ApiOkResponse({ type: HistoryDoc })
  async history(@UuidParam() id: string, @CurrentActor() actor: Actor): Promise<HistoryDoc> {
    return { items: await this.cases.history(id, actor) };
  }

  @Put(':id/household')
  @CASEWORKER
  @ApiOperation({ summary: 'Correct the household document of a draft (not moving it out of the caseworker’s jurisdiction)' })
  @ApiOkResponse({ type: ApplicationViewDoc })
  async edit(@UuidParam() id: string, @Body() dto: EditHouseholdDto, @CurrentActor() actor: Actor) {
    return toApplicationView(await this.editing.edit(id, dto.expectedVersion, dto.household, actor, contactOf(dto.contact)), actor);
  }

  @Post(':id/submit')
  @HttpCode(200)
  @CASEWORKER
  @ApiOperation({ summary: 'Submit: the household is assessed and the decision with its explanation is fixed on the case' })
  @ApiOkResponse({ type: ApplicationViewDoc })
  async submit(@UuidParam() id: string, @Body() dto: VersionedDto, @CurrentActor() actor: Actor) {
    return toApplicationView(await this.submission.submit(id, dto.expectedVersion, actor), actor);
  }

  @Post(':id/withdraw')
  @HttpCode(200)
  @CASEWORKER
  @ApiOperation({ summary: 'Withdraw an application that has not been decided' })
  @ApiOkResponse({ type: ApplicationViewDoc })
  async withdraw(@UuidParam() id: string, @Body() dto: WithdrawDto, @CurrentActor() actor: Actor) {
    return toApplicationView(await this.withdrawal.withdraw(id, dto.expectedVersion, actor, dto.note), actor);
  }
}

/** The process steps between submission and decision (民发〔2021〕57号): township review, notice, extension, confirmation. */
@ApiTags('applications')
@Controller('applications')
export class CaseProcessController {
  constructor(
    @Inject(TownshipReview) private readonly townshipReviews: TownshipReview,
    @Inject(PublicNotice) private readonly notices: PublicNotice,
    @Inject(ExtendTimeLimit) private readonly extensions: ExtendTimeLimit,
    @Inject(ConfirmCase) private readonly confirmation: ConfirmCase,
  ) {}

  @Post(':id/township-review')
  @HttpCode(200)
  @TOWNSHIP_REVIEWER
  @ApiOperation({ summary: 'Township review (not by the filer: 403 CASE.FOUR_EYES): economic check and opinion; the opinion is posted for public notice' })
  @ApiOkResponse({ type: ApplicationViewDoc })
  async townshipReview(@UuidParam() id: string, @Body() dto: TownshipReviewDto, @CurrentActor() actor: Actor) {
    return toApplicationView(await this.townshipReviews.review(id, dto.expectedVersion, { check: { ...dto.check }, opinion: dto.opinion, reasonCode: dto.reasonCode, note: dto.note }, actor), actor);
  }

  @Post(':id/objections')
  @HttpCode(200)
  @TOWNSHIP_REVIEWER
  @ApiOperation({ summary: 'Record an objection received during the public notice: the case goes back for a re-check and a new notice' })
  @ApiOkResponse({ type: ApplicationViewDoc })
  async object(@UuidParam() id: string, @Body() dto: ObjectionDto, @CurrentActor() actor: Actor) {
    return toApplicationView(await this.notices.object(id, dto.expectedVersion, { receivedOn: dto.receivedOn, summary: dto.summary }, actor), actor);
  }

  @Post(':id/close-notice')
  @HttpCode(200)
  @TOWNSHIP_REVIEWER
  @ApiOperation({ summary: 'Send a case whose notice has run its days to confirmation (the background sweep also does this, every minute)' })
  @ApiOkResponse({ type: ApplicationViewDoc })
  async closeNotice(@UuidParam() id: string, @Body() dto: VersionedDto, @CurrentActor() actor: Actor) {
    return toApplicationView(await this.notices.close(id, dto.expectedVersion, actor), actor);
  }

  // A county matter (特殊情况): the confirming county, or the supervisor who oversees the deadlines.
  @Post(':id/extend')
  @HttpCode(200)
  @Access({ roles: ['county_approver', 'supervisor'], jurisdiction: 'scoped' })
  @ApiOperation({ summary: 'Extend the whole-process limit once, with a reason' })
  @ApiOkResponse({ type: ApplicationViewDoc })
  async extend(@UuidParam() id: string, @Body() dto: ExtendDto, @CurrentActor() actor: Actor) {
    return toApplicationView(await this.extensions.extend(id, dto.expectedVersion, dto.reason, actor), actor);
  }

  // Never an administrator: keeping the rules is not deciding cases (issue 12).
  @Post(':id/approve')
  @HttpCode(200)
  @Access({ roles: CONFIRMERS, jurisdiction: 'scoped' })
  @ApiOperation({
    summary:
      'Confirm (county_approver, or township_approver where delegated: 403 CASE.CONFIRMATION_DELEGATED / CASE.CONFIRMATION_NOT_DELEGATED otherwise; neither the filer, 403 CASE.FOUR_EYES, nor the township reviewer, 403 CASE.REVIEWER_CANNOT_CONFIRM): dibao with the assessed benefit, or entry into the low-income database',
  })
  @ApiOkResponse({ type: ApplicationViewDoc })
  async approve(@UuidParam() id: string, @Body() dto: ApproveDto, @CurrentActor() actor: Actor) {
    return toApplicationView(await this.confirmation.approve(id, dto.expectedVersion, actor, dto.note), actor);
  }

  @Post(':id/refuse')
  @HttpCode(200)
  @Access({ roles: CONFIRMERS, jurisdiction: 'scoped' })
  @ApiOperation({ summary: 'Refuse at confirmation with a reason code (不予批准), under the same rules as approval; the case then carries the written-notice data and its delivery date' })
  @ApiOkResponse({ type: ApplicationViewDoc })
  async refuse(@UuidParam() id: string, @Body() dto: RefuseDto, @CurrentActor() actor: Actor) {
    return toApplicationView(await this.confirmation.refuse(id, dto.expectedVersion, dto.reasonCode, actor, dto.note), actor);
  }
}

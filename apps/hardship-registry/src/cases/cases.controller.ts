import { Body, Controller, Get, HttpCode, Inject, Post, Query } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuditedRead } from '@jiuzhu/audit';
import { Access, Actor, CurrentActor } from '@jiuzhu/auth';
import { Clock, CLOCK } from '@jiuzhu/common';
import { ApiPageResponse, contactOf, HistoryDoc, pageOfQuery, UuidParam, VersionedDto } from '@jiuzhu/common/http';
import { APPLICANTS, CASE_READERS, CONFIRMERS, INVESTIGATORS, TERMINATION_PROPOSERS } from '../access';
import { ApplyForSupport } from './apply-for-support.use-case';
import { CareRecords } from './care-records.use-case';
import { CaseProcess } from './case-process.use-case';
import {
  APPLY_EXAMPLE,
  ApplyDto,
  CaseListQuery,
  ConfirmDto,
  DeliveryDto,
  InvestigationDto,
  ProposeTerminationDto,
  ReasonDto,
  RefuseDto,
  SchoolingDto,
  SelfCareDto,
  WithdrawDto,
} from './case.dto';
import { CaseListItem, CaseView, toCaseListItem, toCaseView } from './case.view';
import { CaseReading, FindCases } from './find-cases.use-case';
import { Termination } from './termination.use-case';
import { DibaoConflicts } from '../conflicts/dibao-conflicts.use-case';
import { toDibaoConflictView } from '../conflicts/dibao-conflict.view';

// Every route works on cases of the caller's jurisdiction (the queries keep to it: another place's
// case is a 404, read or written); who acts comes from the token and is recorded on every change.
const CASEWORKER = Access({ roles: APPLICANTS, jurisdiction: 'scoped' });
const INVESTIGATOR = Access({ roles: INVESTIGATORS, jurisdiction: 'scoped' });
const CONFIRMER = Access({ roles: CONFIRMERS, jurisdiction: 'scoped' });

/** Applying, reading cases, and what the caseworker records between decisions. */
@ApiTags('cases')
@Controller('cases')
export class CasesController {
  constructor(
    @Inject(ApplyForSupport) private readonly applying: ApplyForSupport,
    @Inject(FindCases) private readonly cases: FindCases,
    @Inject(CaseProcess) private readonly process: CaseProcess,
    @Inject(CareRecords) private readonly records: CareRecords,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(DibaoConflicts) private readonly dibaoConflicts: DibaoConflicts,
  ) {}

  @Post()
  @HttpCode(201)
  @CASEWORKER
  @ApiOperation({
    summary:
      'Apply (申请) for a person at the township of their household registration, within your jurisdiction (403 JURISDICTION.OUTSIDE naming townshipCode or districtCode otherwise). The three conditions are assessed on the application date and each explained, met or not (appliedCriteria); the case waits in the investigation queue. A person already registered, or with another active case here, is 409 HARDSHIP.PERSON_ALREADY_REGISTERED / HARDSHIP.PERSON_IN_ACTIVE_CASE. 503 HARDSHIP.NO_DIBAO_STANDARD until the standard of the district and area has arrived from living-allowance (it announces its seeded standards on its first start, and every one published later).',
  })
  @ApiBody({ type: ApplyDto, examples: { person: { value: APPLY_EXAMPLE } } })
  @ApiCreatedResponse({ type: CaseView })
  async apply(@Body() dto: ApplyDto, @CurrentActor() actor: Actor) {
    return this.view(await this.applying.execute({ ...dto, contact: contactOf(dto.contact) }, actor));
  }

  @Get()
  @Access({ roles: CASE_READERS, jurisdiction: 'scoped' })
  @ApiOperation({ summary: 'Cases of your jurisdiction, newest application first, by status, district or township (no personal data in the list)' })
  @ApiPageResponse(CaseListItem)
  async list(@Query() q: CaseListQuery, @CurrentActor() actor: Actor) {
    const page = await this.cases.list({ status: q.status, districtCode: q.districtCode, townshipCode: q.townshipCode }, pageOfQuery(q), actor);
    return { ...page, items: page.items.map(toCaseListItem) };
  }

  @Get(':id')
  @Access({ roles: CASE_READERS, jurisdiction: 'scoped' })
  @AuditedRead('hardship_case')
  @ApiOperation({ summary: 'A case of your jurisdiction (404 otherwise): the three conditions explained, the steps, the entitlement line by line, the step’s deadline (ID number masked)' })
  @ApiOkResponse({ type: CaseView })
  async get(@UuidParam() id: string, @CurrentActor() actor: Actor) {
    const view = this.view(await this.cases.get(id, actor));
    // The person is also counted in a dibao household (GET /conflicts): shown where the case is read.
    return { ...view, dibaoConflicts: (await this.dibaoConflicts.ofCase(id, actor)).map(toDibaoConflictView) };
  }

  @Get(':id/history')
  @Access({ roles: CASE_READERS, jurisdiction: 'scoped' })
  @AuditedRead('hardship_case', { action: 'hardship_case.history.read' })
  @ApiOperation({ summary: 'Every change of the case: who, when, from which status to which, why' })
  @ApiOkResponse({ type: HistoryDoc })
  async history(@UuidParam() id: string, @CurrentActor() actor: Actor): Promise<HistoryDoc> {
    return { items: await this.cases.history(id, actor) };
  }

  @Post(':id/withdraw')
  @HttpCode(200)
  @CASEWORKER
  @ApiOperation({ summary: 'Withdraw an application not yet decided (the applicant withdrew it)' })
  @ApiOkResponse({ type: CaseView })
  async withdraw(@UuidParam() id: string, @Body() dto: WithdrawDto, @CurrentActor() actor: Actor) {
    return this.view(await this.process.withdraw(id, dto.expectedVersion, dto.note, actor));
  }

  @Post(':id/self-care')
  @HttpCode(200)
  @CASEWORKER
  @ApiOperation({
    summary:
      'Record the six self-care activities re-assessed for a supported person under 60 (from 60 the tier is the elder assessment’s: 400 HARDSHIP.SELF_CARE.FROM_ELDER_ASSESSMENT); the care allowance follows from the next month, with entitlement.changed when the amount changes',
  })
  @ApiOkResponse({ type: CaseView })
  async selfCare(@UuidParam() id: string, @Body() dto: SelfCareDto, @CurrentActor() actor: Actor) {
    return this.view(await this.records.recordSelfCare(id, dto.expectedVersion, dto.activities, actor));
  }

  @Post(':id/schooling')
  @HttpCode(200)
  @CASEWORKER
  @ApiOperation({ summary: 'Record the schooling (入学/在读证明) of a person supported as a minor: the 18th-birthday review continues support while it says enrolled' })
  @ApiOkResponse({ type: CaseView })
  async schooling(@UuidParam() id: string, @Body() dto: SchoolingDto, @CurrentActor() actor: Actor) {
    return this.view(await this.records.recordSchooling(id, dto.expectedVersion, { enrolled: dto.enrolled, recordedOn: dto.recordedOn }, actor));
  }

  private view(r: CaseReading): CaseView {
    return toCaseView(r, this.clock.today());
  }
}

/** The steps between application and decision, and termination (民发〔2021〕43号). */
@ApiTags('cases')
@Controller('cases')
export class CaseStepsController {
  constructor(
    @Inject(CaseProcess) private readonly process: CaseProcess,
    @Inject(Termination) private readonly termination: Termination,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post(':id/investigation')
  @HttpCode(200)
  @INVESTIGATOR
  @ApiOperation({
    summary:
      'Record the investigation (调查核实, within 15 working days): the three conditions are assessed today on the facts established, and the opinion given — to grant is posted for 7 days, never for a minor; to refuse goes to the county unposted. Not by the caseworker who accepted the application (403 HARDSHIP.FOUR_EYES.FILER_CANNOT_INVESTIGATE).',
  })
  @ApiOkResponse({ type: CaseView })
  async investigate(@UuidParam() id: string, @Body() dto: InvestigationDto, @CurrentActor() actor: Actor) {
    return this.view(await this.process.investigate(id, dto.expectedVersion, { opinion: dto.opinion, reasonCode: dto.reasonCode, note: dto.note, facts: dto.facts }, actor));
  }

  @Post(':id/close-notice')
  @HttpCode(200)
  @INVESTIGATOR
  @ApiOperation({ summary: 'Send a case whose 7-day notice has run to the county (the background sweep also does this, every minute)' })
  @ApiOkResponse({ type: CaseView })
  async closeNotice(@UuidParam() id: string, @Body() dto: VersionedDto, @CurrentActor() actor: Actor) {
    return this.view(await this.process.closeNotice(id, dto.expectedVersion, actor));
  }

  @Post(':id/confirm')
  @HttpCode(200)
  @CONFIRMER
  @ApiOperation({
    summary:
      'Confirm (县级确认): supported from the next month, at home until placed in an institution, with the monthly entitlement worked out and explained. The tier: the six activities given here for a person under 60, the elder assessment received from elder-assessment from 60 (409 HARDSHIP.SELF_CARE.AWAITING_ELDER_ASSESSMENT without one). Neither the caseworker nor the investigator may confirm (403 HARDSHIP.FOUR_EYES.*).',
  })
  @ApiOkResponse({ type: CaseView })
  async confirm(@UuidParam() id: string, @Body() dto: ConfirmDto, @CurrentActor() actor: Actor) {
    return this.view(await this.process.confirm(id, dto.expectedVersion, dto.activities ?? null, actor));
  }

  @Post(':id/refuse')
  @HttpCode(200)
  @CONFIRMER
  @ApiOperation({ summary: 'Refuse (不予认定) with a reason: the case then carries the written notice’s data (reason, remedies) and the day it must reach the applicant (3 working days)' })
  @ApiOkResponse({ type: CaseView })
  async refuse(@UuidParam() id: string, @Body() dto: RefuseDto, @CurrentActor() actor: Actor) {
    return this.view(await this.process.refuse(id, dto.expectedVersion, { reasonCode: dto.reasonCode, note: dto.note }, actor));
  }

  @Post(':id/return')
  @HttpCode(200)
  @CONFIRMER
  @ApiOperation({ summary: 'Send the case back to the township for a new investigation, saying why' })
  @ApiOkResponse({ type: CaseView })
  async returnForInvestigation(@UuidParam() id: string, @Body() dto: ReasonDto, @CurrentActor() actor: Actor) {
    return this.view(await this.process.returnForInvestigation(id, dto.expectedVersion, dto.reason, actor));
  }

  @Post(':id/refusal-delivery')
  @HttpCode(200)
  @Access({ roles: [...APPLICANTS, ...INVESTIGATORS], jurisdiction: 'scoped' })
  @ApiOperation({ summary: 'Record the day the written refusal reached the applicant (送达); a delivery after the limit is recorded as late' })
  @ApiOkResponse({ type: CaseView })
  async refusalDelivery(@UuidParam() id: string, @Body() dto: DeliveryDto, @CurrentActor() actor: Actor) {
    return this.view(await this.process.recordRefusalDelivery(id, dto.expectedVersion, dto.deliveredOn, actor));
  }

  @Post(':id/termination')
  @HttpCode(200)
  @Access({ roles: TERMINATION_PROPOSERS, jurisdiction: 'scoped' })
  @ApiOperation({ summary: 'Propose ending support on a ground: noticed for 7 days (posted, except for a minor) before the county decides' })
  @ApiOkResponse({ type: CaseView })
  async proposeTermination(@UuidParam() id: string, @Body() dto: ProposeTerminationDto, @CurrentActor() actor: Actor) {
    return this.view(await this.termination.propose(id, dto.expectedVersion, { ground: dto.ground, note: dto.note }, actor));
  }

  @Post(':id/termination/withdraw')
  @HttpCode(200)
  @CONFIRMER
  @ApiOperation({ summary: 'Withdraw a proposed termination (an objection upheld, or the ground proved wrong): support goes on' })
  @ApiOkResponse({ type: CaseView })
  async withdrawTermination(@UuidParam() id: string, @Body() dto: ReasonDto, @CurrentActor() actor: Actor) {
    return this.view(await this.termination.withdraw(id, dto.expectedVersion, dto.reason, actor));
  }

  @Post(':id/terminate')
  @HttpCode(200)
  @CONFIRMER
  @ApiOperation({
    summary:
      'Decide the termination once its notice has run (409 HARDSHIP.TERMINATION_NOTICE_RUNNING before): support stops from the next month; person.terminated, and referral.requested when the person may qualify for dibao or temporary assistance. Not by whoever proposed it (403 HARDSHIP.FOUR_EYES.PROPOSER_CANNOT_TERMINATE).',
  })
  @ApiOkResponse({ type: CaseView })
  async terminate(@UuidParam() id: string, @Body() dto: VersionedDto, @CurrentActor() actor: Actor) {
    return this.view(await this.termination.decide(id, dto.expectedVersion, actor));
  }

  private view(r: CaseReading): CaseView {
    return toCaseView(r, this.clock.today());
  }
}

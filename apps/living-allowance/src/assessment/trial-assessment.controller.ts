import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access, Actor, CurrentActor } from '@jiuzhu/auth';
import { Clock, CLOCK, isLocalDate, orThrow } from '@jiuzhu/common';
import { CASE_READERS } from '../access';
import { householdPlacedWithin } from '../applications/household-place';
import { CareNeeds } from '../care-needs/care-needs';
import { AssessHousehold } from './assess-household.use-case';
import { DecisionViewDoc } from './decision-view.doc';
import { HOUSEHOLD_EXAMPLE, TrialAssessmentDto } from './household.dto';

@ApiTags('assessment')
@Controller('trial-assessments')
export class TrialAssessmentController {
  constructor(
    private readonly assessments: AssessHousehold,
    @Inject(CareNeeds) private readonly careNeeds: CareNeeds,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  // A trial saves nothing, but it attaches the members' elder ability levels: it is made for households
  // of the caller's jurisdiction (403 naming the field otherwise), as a filing is.
  @Post()
  @HttpCode(200)
  @Access({ roles: CASE_READERS, jurisdiction: 'scoped' })
  @ApiOperation({
    summary: '试算 — assess a household without saving anything',
    description: 'Returns the outcome (dibao / low_income / ineligible), amounts, the rules applied, a line-by-line explanation and the parameter versions used.',
  })
  @ApiBody({ type: TrialAssessmentDto, examples: { household: { value: { household: HOUSEHOLD_EXAMPLE, assessedOn: '2026-03-01' } } } })
  @ApiOkResponse({ type: DecisionViewDoc, description: 'the decision with its explanation' })
  @ApiBadRequestResponse({ description: 'problem details naming each bad field' })
  async trial(@Body() dto: TrialAssessmentDto, @CurrentActor() actor: Actor) {
    orThrow(householdPlacedWithin(actor, dto.household));
    // The members' elder ability assessments known on the date count, as they would at submission.
    const on = dto.assessedOn ?? this.clock.today();
    const household = isLocalDate(on) ? await this.careNeeds.attach(dto.household, on) : dto.household;
    return this.assessments.trial(household, dto.assessedOn);
  }
}

import { Body, Controller, Get, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuditedRead } from '@jiuzhu/audit';
import { Access, Actor, CurrentActor } from '@jiuzhu/auth';
import { Clock, CLOCK } from '@jiuzhu/common';
import { UuidParam } from '@jiuzhu/common/http';
import { CASE_READERS, PLACERS } from '../access';
import { CaseView, toCaseView } from '../cases/case.view';
import { CareSettingDto } from './care-institution.dto';
import { CareSettingHistoryView, toPeriodView } from './care-institution.view';
import { ChangeCareSetting } from './care-setting.use-case';

/** Where a supported person is cared for: at home (分散供养) or in an institution’s bed (集中供养). */
@ApiTags('cases')
@Controller('cases')
export class CareSettingController {
  constructor(
    @Inject(ChangeCareSetting) private readonly careSetting: ChangeCareSetting,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post(':id/care-setting')
  @HttpCode(200)
  @Access({ roles: PLACERS, jurisdiction: 'scoped' })
  @ApiOperation({
    summary:
      'Place a supported person of your jurisdiction in a bed of an institution within reach, move them to another bed or institution, or send them home. The previous bed is freed at once; the care allowance of the new setting is paid from the next month (entitlement.changed when the amount changes); care-setting.changed on a move between home and institution. 409 HARDSHIP.BED_OCCUPIED / HARDSHIP.BED_RETIRED for a bed that cannot take them, HARDSHIP.CARE_SETTING_UNCHANGED for where they already are; 400 HARDSHIP.PLACEMENT_REQUIRED without a bed for institutional care.',
  })
  @ApiOkResponse({ type: CaseView })
  async change(@UuidParam() id: string, @Body() dto: CareSettingDto, @CurrentActor() actor: Actor): Promise<CaseView> {
    const r = await this.careSetting.execute(id, dto.expectedVersion, { careSetting: dto.careSetting, placement: dto.placement ?? null }, actor);
    return toCaseView(r, this.clock.today());
  }

  @Get(':id/care-settings')
  @Access({ roles: CASE_READERS, jurisdiction: 'scoped' })
  @AuditedRead('hardship_case', { action: 'hardship_case.care_settings.read' })
  @ApiOperation({ summary: 'Where the person has been cared for since their confirmation: each period’s setting, institution and bed, from and until which day, why, and who set it' })
  @ApiOkResponse({ type: CareSettingHistoryView })
  async history(@UuidParam() id: string, @CurrentActor() actor: Actor): Promise<CareSettingHistoryView> {
    return { items: (await this.careSetting.history(id, actor)).map(toPeriodView) };
  }
}

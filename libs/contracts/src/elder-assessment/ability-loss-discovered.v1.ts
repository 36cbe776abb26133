import { IsIn, IsOptional, IsUUID, Matches } from 'class-validator';
import { EventContract } from '../event-contract';
import { TOPICS } from '../topics';
import { IsDistrictCode, IsLocalDate, IsRef } from '../value-types';

/**
 * Active discovery (主动发现): a completed assessment found severe or complete loss of ability. The
 * temporary-assistance and hardship services take it as a lead to check whether the elder needs
 * help they have not applied for; it is a signal, not a decision.
 */
export class AbilityLossDiscoveredV1 {
  @IsUUID() assessmentId!: string;
  @IsRef() personRef!: string;
  @IsDistrictCode() districtCode!: string;
  @IsOptional() @Matches(/^\d{9}$/) townshipCode?: string;
  @IsIn(['severe', 'complete']) level!: 'severe' | 'complete';
  @IsIn(['full', 'partly_lost', 'fully_lost']) selfCareAbility!: 'full' | 'partly_lost' | 'fully_lost';
  @IsLocalDate() discoveredOn!: string;
}

export const AbilityLossDiscovered: EventContract<AbilityLossDiscoveredV1> = {
  type: 'elder-assessment.ability-loss.discovered',
  version: 1,
  topic: TOPICS.elderAssessments,
  keyOf: (p) => p.personRef,
  payloadClass: AbilityLossDiscoveredV1,
  description: 'An assessment found severe or complete loss of ability: an active-discovery lead for the assistance services.',
  example: {
    assessmentId: '6b0e2f1c-3a4d-4e5f-8a9b-0c1d2e3f4a5b',
    personRef: 'b4e6d1f2a3c5978866554433221100998877665544332211009988776655ccdd',
    districtCode: '640205',
    townshipCode: '640205001',
    level: 'severe',
    selfCareAbility: 'partly_lost',
    discoveredOn: '2026-03-10',
  },
};

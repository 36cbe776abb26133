import { IsIn, IsInt, IsUUID, Min } from 'class-validator';
import { EventContract } from '../event-contract';
import { TOPICS } from '../topics';
import { AREAS, IsDistrictCode, IsLocalDate, IsRef } from '../value-types';

/**
 * A household's dibao application was submitted at the township (民发〔2021〕57号, application).
 *
 * v2: the case id is `caseId`, as in every other living-allowance event (v1 called it
 * `applicationId`; v1 stays as released, for consumers that have not moved yet).
 */
export class ApplicationSubmittedV2Payload {
  @IsUUID() caseId!: string;
  @IsRef() householdRef!: string;
  @IsDistrictCode() districtCode!: string;
  @IsIn(AREAS as unknown as string[]) area!: 'urban' | 'rural';
  @IsInt() @Min(1) householdSize!: number;
  @IsLocalDate() submittedOn!: string;
}

export const ApplicationSubmittedV2: EventContract<ApplicationSubmittedV2Payload> = {
  type: 'living-allowance.application.submitted',
  version: 2,
  topic: TOPICS.livingAllowanceCases,
  keyOf: (p) => p.householdRef,
  payloadClass: ApplicationSubmittedV2Payload,
  description: 'A dibao application was submitted for a household.',
  example: {
    caseId: '3f1c2a4e-8d0b-4c7e-9a51-2b6f0e9d7c10',
    householdRef: 'a3f5c0e1b2d4968877665544332211009988776655443322110099887766aabb',
    districtCode: '640202',
    area: 'urban',
    householdSize: 3,
    submittedOn: '2026-03-02',
  },
};

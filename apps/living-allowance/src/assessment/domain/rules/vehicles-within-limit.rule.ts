import { DomainRule, ruleOutcome } from '@jiuzhu/common';

export interface VehiclesInput {
  vehicles: readonly { exempt: boolean }[];
  nonExemptVehiclesAllowed: number;
}

/**
 * policy.md §1 Property: vehicles are limited, except those needed for living or work (a disabled
 * person's mobility vehicle, a farm vehicle) — only non-exempt vehicles count towards the limit.
 */
export const vehiclesWithinLimit: DomainRule<VehiclesInput> = {
  code: 'DIBAO.VEHICLES_WITHIN_LIMIT',
  check({ vehicles, nonExemptVehiclesAllowed }) {
    const nonExempt = vehicles.filter((v) => !v.exempt).length;
    const exempt = vehicles.length - nonExempt;
    const passed = nonExempt <= nonExemptVehiclesAllowed;
    const counts = {
      zh: `家庭机动车 ${vehicles.length} 辆，其中生活或工作必需（豁免）${exempt} 辆、非豁免 ${nonExempt} 辆，允许非豁免 ${nonExemptVehiclesAllowed} 辆`,
      en: `The household has ${vehicles.length} vehicle(s): ${exempt} exempt (needed for living or work), ${nonExempt} not exempt; ${nonExemptVehiclesAllowed} non-exempt allowed`,
    };
    return ruleOutcome(
      this.code,
      passed,
      passed
        ? { zh: `${counts.zh}，符合。`, en: `${counts.en}: within the limit.` }
        : { zh: `${counts.zh}，财产条件不符合。`, en: `${counts.en}: the property condition is not met.` },
    );
  },
};

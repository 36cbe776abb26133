import { RecordedRule } from '@jiuzhu/common';
import { VehiclesArgs } from '../decision';

export interface VehiclesInput {
  vehicles: readonly { exempt: boolean }[];
  nonExemptVehiclesAllowed: number;
}

const CODE = 'DIBAO.VEHICLES_WITHIN_LIMIT';

/**
 * policy.md §1 Property: vehicles are limited, except those needed for living or work (a disabled
 * person's mobility vehicle, a farm vehicle) — only non-exempt vehicles count towards the limit.
 */
export const vehiclesWithinLimit: RecordedRule<VehiclesInput, VehiclesArgs, typeof CODE> = {
  code: CODE,
  check({ vehicles, nonExemptVehiclesAllowed }) {
    const nonExempt = vehicles.filter((v) => !v.exempt).length;
    return {
      code: CODE,
      passed: nonExempt <= nonExemptVehiclesAllowed,
      args: { vehicles: vehicles.length, exempt: vehicles.length - nonExempt, nonExempt, nonExemptVehiclesAllowed },
    };
  },
  describe({ passed, args: { vehicles, exempt, nonExempt, nonExemptVehiclesAllowed } }) {
    const zh = `家庭机动车 ${vehicles} 辆，其中生活或工作必需（豁免）${exempt} 辆、非豁免 ${nonExempt} 辆，允许非豁免 ${nonExemptVehiclesAllowed} 辆`;
    const en = `The household has ${vehicles} vehicle(s): ${exempt} exempt (needed for living or work), ${nonExempt} not exempt; ${nonExemptVehiclesAllowed} non-exempt allowed`;
    return passed ? { zh: `${zh}，符合。`, en: `${en}: within the limit.` } : { zh: `${zh}，财产条件不符合。`, en: `${en}: the property condition is not met.` };
  },
};

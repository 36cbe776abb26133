import { elderCareNeedsScenario } from './elder-care-needs.scenario';

describe('elder assessment → living allowance on the in-process transport (the embedded default)', () => elderCareNeedsScenario('in-process'));

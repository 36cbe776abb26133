import { elderCareNeedsScenario } from './elder-care-needs.scenario';

describe('elder assessment → living allowance on a real Apache Kafka broker', () => elderCareNeedsScenario('kafka'));

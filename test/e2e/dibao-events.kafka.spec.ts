import { dibaoEventsScenario } from './dibao-events.scenario';

describe('dibao events end to end on a real Apache Kafka broker', () => {
  dibaoEventsScenario('kafka');
});

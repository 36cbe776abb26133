import { hardshipEventsScenario } from './hardship-events.scenario';

describe('hardship events end to end on a real Apache Kafka broker', () => {
  hardshipEventsScenario('kafka');
});

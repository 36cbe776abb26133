import { hardshipEventsScenario } from './hardship-events.scenario';

describe('hardship events end to end on the in-process transport (the embedded default)', () => {
  hardshipEventsScenario('in-process');
});

import { dibaoEventsScenario } from './dibao-events.scenario';

describe('dibao events end to end on the in-process transport (the embedded default)', () => {
  dibaoEventsScenario('in-process');
});

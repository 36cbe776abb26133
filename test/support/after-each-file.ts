import { stopSuiteIssuer } from './test-issuer';

// Registered for every test file (jest setupFilesAfterEnv): what a file started on demand is
// stopped once its tests are done.
afterAll(() => stopSuiteIssuer());

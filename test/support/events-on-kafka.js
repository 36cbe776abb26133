// Setup file of the jest "kafka" project: the suite's test services (test/support/services.ts) run
// their events through the real broker instead of the in-process bus. Jest gives each test file its
// own copy of process.env, so this does not leak into the in-process project's files.
process.env.TEST_EVENT_TRANSPORT = 'kafka';

export * from './service-runtime';
export * from './service-config';
export * from './run-alone';
export * from './background-sweep';
export * from './case-claims';
export * from './polling-worker';

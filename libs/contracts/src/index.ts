export * from './event-contract';
export * from './asyncapi';
export * from './envelope';
export * from './registry';
export * from './topics';
export * from './value-types';
export * from './living-allowance';
export * from './elder-assessment';

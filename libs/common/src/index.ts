// Framework-free helpers only: domain code may import this. Nest pieces live in `@jiuzhu/common/http`,
// the logger in `@jiuzhu/common/logger`.
export * from './config';
export * from './clock';
export * from './domain-rule';
export * from './errors';
export * from './local-date';
export * from './money';
export * from './refs';
export * from './resident-id';
export * from './working-days';
export * from './working-day-calendars';
export * from './parameter-version';
export * from './value-shapes';
export * from './administrative-divisions';
export * from './document-shape';

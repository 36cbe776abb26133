export * from './data-source';
export * from './databases';
export * from './embedded-postgres';
export * from './query-logger';
export * from './prepared-statement';

export * from './problem-details.filter';
export * from './validation';
export * from './actor';
export * from './nest-logger';
export * from './http-app';
export * from './resident-id.validator';
export * from './compiled-validation';

export * from './problem-details.filter';
export * from './validation';
export * from './actor';
export * from './http-app';
export * from './resident-id.validator';
export * from './versioned.dto';
export * from './ids';
export * from './paging';

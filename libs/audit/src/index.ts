export * from './audit-chain';
export * from './audit-context';
export * from './audit-log.repository';
export * from './audit-trail';
export * from './audited-read';
export * from './verify-audit-log';
export * from './migrations/1732700001500-audit-log';
export * from './cli/audit-verify';

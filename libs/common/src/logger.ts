import pino, { Logger } from 'pino';

/**
 * The one logger. Redaction is a backstop: code must not log names or ID numbers in the first
 * place, but a household document passed to a log call by mistake is still cut out here.
 */
export function createLogger(name: string, level = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino({
    name,
    level,
    redact: {
      paths: ['idNumber', '*.idNumber', 'household', '*.household', 'members', '*.members', '*.name', 'req.headers.authorization'],
      censor: '[redacted]',
    },
  });
}

export type { Logger };

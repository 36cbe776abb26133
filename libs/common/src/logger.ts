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

const ID_NUMBER_LIKE = /\b\d{6}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])\d{2}\d{3}[\dXx]\b/g;

/** Masks anything shaped like a resident ID number (first 6 and last 4 kept), wherever it hides in a string. */
export function maskIdNumbers(text: string): string {
  return text.replace(ID_NUMBER_LIKE, (id) => `${id.slice(0, 6)}********${id.slice(14)}`);
}

/**
 * What of an error may be logged. Database errors carry the failed statement's parameters — a
 * household document with ID numbers — so only the name, code, masked message and stack are kept.
 */
export function safeError(e: unknown): Record<string, unknown> {
  if (!(e instanceof Error)) return { message: maskIdNumbers(String(e)) };
  const code = (e as { code?: unknown; driverError?: { code?: unknown } }).driverError?.code ?? (e as { code?: unknown }).code;
  return {
    type: e.name,
    ...(code !== undefined ? { code } : {}),
    message: maskIdNumbers(e.message),
    stack: e.stack ? maskIdNumbers(e.stack) : undefined,
  };
}

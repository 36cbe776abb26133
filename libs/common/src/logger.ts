import pino, { DestinationStream, Logger } from 'pino';
import pretty from 'pino-pretty';

/**
 * Keys whose value is personal data wherever they appear in a logged object. Code must not log
 * names or ID numbers in the first place; this is the backstop for a household document, a member
 * list or a request body passed to a log call by mistake.
 */
const PERSONAL_KEYS = new Set([
  'idNumber',
  'idNumbers',
  'name',
  'fullName',
  'applicantName',
  'contactName',
  'household',
  'members',
  'member',
  'spouse',
  'applicant',
  // A case's contact (name, address, phone): whose case it is and how to reach them.
  'contact',
  'address',
  'contactAddress',
  'phone',
  'contactPhone',
  'mobile',
  'telephone',
]);

/** Headers that carry credentials; pino's `redact` removes them from the request log line. */
const REDACT_PATHS = ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'];

const CENSOR = '[redacted]';
/** Deeper than any honest log entry; a deeper object is cut off rather than walked. */
const MAX_DEPTH = 8;

export interface LoggerOptions {
  level?: string;
  /** Human-readable lines (pino-pretty); default: when stdout is a terminal. Files and containers get JSON. */
  pretty?: boolean;
  /** Where lines go (tests capture them); default stdout. */
  destination?: DestinationStream;
}

/**
 * The one logger: services, their background work, Nest's own lines and the request log (nestjs-pino)
 * all write through it. Personal data is cut out in two ways that reach any depth, because pino's
 * `redact` paths are fixed-depth (`*.name` covers one level only):
 * - values of PERSONAL_KEYS are replaced in every plain object and array of a log call;
 * - anything shaped like a resident ID number is masked in the finished line (messages, error
 *   stacks, request URLs included), so a number never reaches a file whatever carried it.
 */
export function createLogger(name: string, o: LoggerOptions = {}): Logger {
  const prettyLines = o.pretty ?? (o.destination === undefined && process.stdout.isTTY === true);
  const destination = o.destination ?? (prettyLines ? pretty({ colorize: true, singleLine: true, sync: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' }) : undefined);
  return pino(
    {
      name,
      level: o.level ?? process.env.LOG_LEVEL ?? 'info',
      redact: { paths: REDACT_PATHS, censor: CENSOR },
      formatters: { log: (entry) => censorPersonalKeys(entry, 0) as Record<string, unknown> },
      hooks: { streamWrite: maskIdNumbers },
    },
    destination,
  );
}

export type { Logger };

function censorPersonalKeys(value: unknown, depth: number): unknown {
  if (Array.isArray(value)) return depth >= MAX_DEPTH ? '[too deep]' : value.map((v) => censorPersonalKeys(v, depth + 1));
  if (!isPlainObject(value)) return value;
  if (depth >= MAX_DEPTH) return '[too deep]';
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = PERSONAL_KEYS.has(k) ? CENSOR : censorPersonalKeys(v, depth + 1);
  return out;
}

/** Only plain data is walked: requests, responses and errors have serializers of their own. */
function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== 'object') return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

// Bounded by digits only, not by \b: an underscore or a letter is a word character, so `ref_<number>`
// or `a<number>b` would slip past \b; a longer run of digits is some other number and is left alone.
const ID_NUMBER_LIKE = /(?<!\d)\d{6}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])\d{2}\d{3}[\dXx](?!\d)/g;

/** Masks anything shaped like a resident ID number (first 6 and last 4 kept), wherever it hides in a string. */
export function maskIdNumbers(text: string): string {
  return text.replace(ID_NUMBER_LIKE, (id) => `${id.slice(0, 6)}********${id.slice(14)}`);
}

/**
 * A request URL as it may be logged or echoed: the values of personal query parameters (`?name=`,
 * `?phone=`, `?idNumber=`: refused by every route, but the URL is still logged) are cut out.
 */
export function censorUrl(url: string): string {
  const q = url.indexOf('?');
  if (q < 0) return url;
  const parts = url
    .slice(q + 1)
    .split('&')
    .map((part) => {
      const eq = part.indexOf('=');
      if (eq < 0) return part;
      // `contact[name]=` (bracket syntax) is the same key as `contact=`.
      const key = decoded(part.slice(0, eq)).replace(/\[.*$/, '');
      return PERSONAL_KEYS.has(key) ? `${part.slice(0, eq)}=${CENSOR}` : part;
    });
  return `${url.slice(0, q)}?${parts.join('&')}`;
}

function decoded(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
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

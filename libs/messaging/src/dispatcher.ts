import { EntityManager } from 'typeorm';
import { contractFor, EventEnvelope, isKnownEventType, validatePayload } from '@jiuzhu/contracts';
import { BatchEffectFailed, Inbox } from './inbox';

export interface RetryPolicy {
  /** Attempts before a message is parked on the dead-letter topic. */
  maxAttempts: number;
  backoffMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 3, backoffMs: 100 };

/** A handler as the transport registered it: the inbox name of its effect, and the effect. */
export interface EventConsumer {
  /** Named for the effect (`record-ability-level`); the inbox records each event once per name. */
  name: string;
  /** Runs the handler with the event and the inbox transaction's manager. */
  apply(envelope: EventEnvelope, manager: EntityManager): Promise<void>;
}

/** What a transport knows of its handlers. */
export interface ConsumerLookup {
  consumerOf(pattern: string): EventConsumer | undefined;
  /** Some version of this type has a handler here: another version is one this consumer does not know yet. */
  consumesType(type: string): boolean;
}

export type DeadLetterReason = 'not-an-event' | 'invalid-payload' | 'unknown-version' | 'handler-failed';

export type DispatchOutcome =
  | { kind: 'handled' }
  | { kind: 'duplicate' }
  /** No handler for the type here; `unknownType`: no contract of the platform has that type at all. */
  | { kind: 'ignored'; unknownType: boolean }
  | { kind: 'dead-letter'; reason: DeadLetterReason; error: string; attempts: number };

type Ready = { kind: 'ready'; consumer: EventConsumer; envelope: EventEnvelope };
type Prepared = Ready | Extract<DispatchOutcome, { kind: 'ignored' | 'dead-letter' }>;

/**
 * Finds the handler by `<type>.v<version>` and validates the payload against its contract. Never
 * throws: whatever a message holds ends as a handler call, an ignored message or a dead letter.
 */
function prepare(envelope: EventEnvelope, lookup: ConsumerLookup): Prepared {
  try {
    const pattern = `${envelope.type}.v${envelope.version}`;
    const consumer = lookup.consumerOf(pattern);
    if (!consumer) {
      // Parked, not dropped: once the consumer knows the version, the message is replayed (npm run dlt:replay).
      if (lookup.consumesType(envelope.type)) {
        return { kind: 'dead-letter', reason: 'unknown-version', error: `version ${envelope.version} of ${envelope.type} is not one this consumer knows`, attempts: 0 };
      }
      return { kind: 'ignored', unknownType: !isKnownEventType(envelope.type) };
    }
    // A handler is registered only for a pattern with a contract (the transports check at start).
    const checked = validatePayload(contractFor(envelope.type, envelope.version)!, envelope.data);
    if (!checked.ok) return { kind: 'dead-letter', reason: 'invalid-payload', error: JSON.stringify(checked.violations), attempts: 0 };
    return { kind: 'ready', consumer, envelope: { ...envelope, data: checked.value } };
  } catch (e) {
    return { kind: 'dead-letter', reason: 'invalid-payload', error: describeFailure(e), attempts: 0 };
  }
}

/**
 * Runs one validated event through the inbox, retrying a few times before giving up on it so the
 * rest of the partition keeps flowing.
 */
async function applyWithRetries(p: Ready, inbox: Inbox, policy: RetryPolicy, earlier = { attempts: 0, error: '' }): Promise<DispatchOutcome> {
  let lastError = earlier.error;
  for (let attempt = earlier.attempts + 1; attempt <= policy.maxAttempts; attempt++) {
    try {
      const r = await inbox.handleOnce(p.consumer.name, p.envelope, (m) => p.consumer.apply(p.envelope, m));
      return { kind: r === 'applied' ? 'handled' : 'duplicate' };
    } catch (e) {
      lastError = describeFailure(e);
      if (attempt < policy.maxAttempts) await new Promise((r) => setTimeout(r, policy.backoffMs * attempt));
    }
  }
  return { kind: 'dead-letter', reason: 'handler-failed', error: lastError, attempts: Math.max(policy.maxAttempts, earlier.attempts) };
}

/**
 * What both transports do with one incoming event: validate it (an invalid one is dead-lettered at
 * once — retrying cannot fix it), then run its handler inside the inbox, with retries.
 */
export async function dispatchEvent(envelope: EventEnvelope, lookup: ConsumerLookup, inbox: Inbox, policy: RetryPolicy): Promise<DispatchOutcome> {
  const p = prepare(envelope, lookup);
  return p.kind === 'ready' ? applyWithRetries(p, inbox, policy) : p;
}

/**
 * A batch of one partition's messages, in order. Messages that cannot be handled (invalid, unknown
 * version) are dead-lettered at once and the others go on. Fast path: every handler runs inside one
 * inbox transaction (`Inbox.inBatch`) and the batch commits once. If a handler fails, the batch is
 * rolled back and replayed one message at a time — same order, same effects, retries and dead
 * letters as ever; the failed message has used one of its attempts already.
 */
export async function dispatchBatch(envelopes: EventEnvelope[], lookup: ConsumerLookup, inbox: Inbox, policy: RetryPolicy): Promise<DispatchOutcome[]> {
  const prepared = envelopes.map((e) => prepare(e, lookup));
  const ready = prepared.flatMap((p, i) => (p.kind === 'ready' ? [{ p, i }] : []));
  const outcomes: DispatchOutcome[] = prepared.map((p) => (p.kind === 'ready' ? { kind: 'handled' } : p));
  if (ready.length === 0) return outcomes;
  let failed = { at: -1, error: '' };
  try {
    const results = await inbox.inBatch(ready.map(({ p }) => ({ consumer: p.consumer.name, event: p.envelope, effect: (m) => p.consumer.apply(p.envelope, m) })));
    results.forEach((r, k) => (outcomes[ready[k].i] = { kind: r === 'applied' ? 'handled' : 'duplicate' }));
    return outcomes;
  } catch (e) {
    if (e instanceof BatchEffectFailed) failed = { at: e.index, error: describeFailure(e.cause) };
  }
  for (let k = 0; k < ready.length; k++) outcomes[ready[k].i] = await applyWithRetries(ready[k].p, inbox, policy, k === failed.at ? { attempts: 1, error: failed.error } : undefined);
  return outcomes;
}

/** ID numbers and other long digit runs (bank cards) never leave in a reason. */
const LONG_DIGITS = /\d{15,}[\dXx]?/g;
const QUOTED_INPUT = /:\s*"(?:[^"\\]|\\.)*"/g;

/**
 * Why a handler failed, fit for a dead-letter header and a log line: the error's class, the
 * database's code, constraint, table and column when there are any, and its message with long digit
 * runs masked — never the statement's parameters (a TypeORM QueryFailedError carries them).
 */
export function describeFailure(e: unknown): string {
  if (!(e instanceof Error)) return String(e).replace(LONG_DIGITS, '[masked]').slice(0, 500);
  const pg = ((e as { driverError?: unknown }).driverError ?? e) as { code?: unknown; constraint?: unknown; table?: unknown; column?: unknown };
  const facts = (['code', 'constraint', 'table', 'column'] as const).flatMap((k) => (typeof pg[k] === 'string' && pg[k] ? [`${k}=${pg[k] as string}`] : []));
  // Postgres quotes the offending input after a colon (`invalid input syntax for type integer: "…"`); names of constraints and relations stay.
  const message = facts.length ? e.message.replace(QUOTED_INPUT, ': "[value]"') : e.message;
  return `${e.name}${facts.length ? ` (${facts.join(' ')})` : ''}: ${message}`.replace(LONG_DIGITS, '[masked]').slice(0, 1000);
}

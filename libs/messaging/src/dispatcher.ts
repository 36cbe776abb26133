import { contractFor, EventEnvelope, patternOf, validatePayload } from '@jiuzhu/contracts';

export interface RetryPolicy {
  /** Attempts before a message is parked on the dead-letter topic. */
  maxAttempts: number;
  backoffMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 3, backoffMs: 100 };

export type DispatchOutcome =
  | { kind: 'handled' }
  | { kind: 'ignored' }
  | { kind: 'dead-letter'; reason: 'invalid-payload' | 'handler-failed' | 'unknown-contract'; error: string; attempts: number };

export type HandlerInvoker = (pattern: string, envelope: EventEnvelope) => Promise<void>;

type Prepared = { kind: 'ignored' } | { kind: 'dead-letter'; reason: 'invalid-payload' | 'unknown-contract'; error: string } | { kind: 'ready'; pattern: string; envelope: EventEnvelope };

/** Finds the handler by `<type>.v<version>` and validates the payload against its contract. */
function prepare(envelope: EventEnvelope, hasHandler: (pattern: string) => boolean): Prepared {
  const pattern = `${envelope.type}.v${envelope.version}`;
  if (!hasHandler(pattern)) return { kind: 'ignored' };
  const contract = contractFor(envelope.type, envelope.version);
  if (!contract) return { kind: 'dead-letter', reason: 'unknown-contract', error: `no contract for ${pattern}` };
  const checked = validatePayload(contract, envelope.data);
  if (!checked.ok) return { kind: 'dead-letter', reason: 'invalid-payload', error: JSON.stringify(checked.violations) };
  return { kind: 'ready', pattern: patternOf(contract), envelope: { ...envelope, data: checked.value } };
}

/**
 * What both transports do with one incoming event: validate it (an invalid one is dead-lettered at
 * once — retrying cannot fix it), then call the handler, retrying a few times before giving up on
 * this message so the rest of the partition keeps flowing.
 */
export async function dispatchEvent(
  envelope: EventEnvelope,
  hasHandler: (pattern: string) => boolean,
  invoke: HandlerInvoker,
  policy: RetryPolicy,
): Promise<DispatchOutcome> {
  const p = prepare(envelope, hasHandler);
  if (p.kind === 'ignored') return p;
  if (p.kind === 'dead-letter') return { ...p, attempts: 0 };
  let lastError = '';
  for (let attempt = 1; attempt <= policy.maxAttempts; attempt++) {
    try {
      await invoke(p.pattern, p.envelope);
      return { kind: 'handled' };
    } catch (e) {
      lastError = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
      if (attempt < policy.maxAttempts) await new Promise((r) => setTimeout(r, policy.backoffMs * attempt));
    }
  }
  return { kind: 'dead-letter', reason: 'handler-failed', error: lastError, attempts: policy.maxAttempts };
}

/**
 * A batch of one partition's messages, in order. Fast path: every handler runs inside one shared
 * transaction (`runInBatch`, see Inbox.inBatch) and the batch commits once. If any message is
 * invalid or any handler fails, the whole batch is rolled back and replayed one message at a time
 * through `dispatchEvent` — same order, same effects, retries and dead letters as ever.
 */
export async function dispatchBatch(
  envelopes: EventEnvelope[],
  hasHandler: (pattern: string) => boolean,
  invoke: HandlerInvoker,
  policy: RetryPolicy,
  runInBatch: <T>(work: () => Promise<T>) => Promise<T>,
): Promise<DispatchOutcome[]> {
  const prepared = envelopes.map((e) => prepare(e, hasHandler));
  let failedAt = -1;
  if (prepared.every((p) => p.kind !== 'dead-letter') && prepared.some((p) => p.kind === 'ready')) {
    try {
      await runInBatch(async () => {
        for (let i = 0; i < prepared.length; i++) {
          const p = prepared[i];
          if (p.kind !== 'ready') continue;
          failedAt = i;
          await invoke(p.pattern, p.envelope);
        }
        failedAt = -1;
      });
      return prepared.map((p) => (p.kind === 'ready' ? { kind: 'handled' } : { kind: 'ignored' }));
    } catch {
      // Fall through to the careful path below.
    }
  }
  const outcomes: DispatchOutcome[] = [];
  for (let i = 0; i < envelopes.length; i++) {
    // The message that failed in the batch has used one of its attempts already.
    const p = i === failedAt ? { ...policy, maxAttempts: Math.max(1, policy.maxAttempts - 1) } : policy;
    const o = await dispatchEvent(envelopes[i], hasHandler, invoke, p);
    outcomes.push(o.kind === 'dead-letter' && i === failedAt ? { ...o, attempts: o.attempts + 1 } : o);
  }
  return outcomes;
}

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

/**
 * What both transports do with one incoming event: find the handler by `<type>.v<version>`, validate
 * the payload against its contract (an invalid one is dead-lettered at once — retrying cannot fix
 * it), then call the handler, retrying a few times before giving up on this message so the rest of
 * the partition keeps flowing.
 */
export async function dispatchEvent(
  envelope: EventEnvelope,
  hasHandler: (pattern: string) => boolean,
  invoke: HandlerInvoker,
  policy: RetryPolicy,
): Promise<DispatchOutcome> {
  const pattern = `${envelope.type}.v${envelope.version}`;
  if (!hasHandler(pattern)) return { kind: 'ignored' };
  const contract = contractFor(envelope.type, envelope.version);
  if (!contract) return { kind: 'dead-letter', reason: 'unknown-contract', error: `no contract for ${pattern}`, attempts: 0 };
  const checked = validatePayload(contract, envelope.data);
  if (!checked.ok) {
    return { kind: 'dead-letter', reason: 'invalid-payload', error: JSON.stringify(checked.violations), attempts: 0 };
  }
  const validated: EventEnvelope = { ...envelope, data: checked.value };
  let lastError = '';
  for (let attempt = 1; attempt <= policy.maxAttempts; attempt++) {
    try {
      await invoke(patternOf(contract), validated);
      return { kind: 'handled' };
    } catch (e) {
      lastError = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
      if (attempt < policy.maxAttempts) await new Promise((r) => setTimeout(r, policy.backoffMs * attempt));
    }
  }
  return { kind: 'dead-letter', reason: 'handler-failed', error: lastError, attempts: policy.maxAttempts };
}

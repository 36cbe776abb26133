/**
 * What a service's event consumer is doing, for readiness and metrics. The transports report it;
 * the health checks read it (a consumer that crashed makes the service not ready, so an operator
 * and the orchestrator see it instead of a healthy-looking pod that consumes nothing).
 */
export type ConsumerState = 'idle' | 'starting' | 'running' | 'rebalancing' | 'crashed' | 'stopped';

export interface ConsumerStatus {
  state: ConsumerState;
  /** When the consumer entered this state (ISO instant). */
  since: string;
  /** Why it is not running, without personal data (a crash, a broker that cannot be reached). */
  lastError?: string;
  /** Topics it is subscribed to (empty for a service that consumes nothing: `idle`). */
  topics: string[];
  /**
   * The consumer's last crash, kept after it runs again: a restart takes half a second, and an
   * operator asking "why were events late at 03:10?" needs to see that it happened and why.
   */
  lastCrash?: { at: string; reason?: string };
}

/** A transport that can say how its consumer is doing. */
export interface ReportsConsumerStatus {
  consumerStatus(): ConsumerStatus;
}

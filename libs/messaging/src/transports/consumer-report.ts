import { ConsumerState, ConsumerStatus } from '../consumer-status';
import { DispatchOutcome } from '../dispatcher';

/** Counts since this event server started (the ops side turns them into Prometheus counters). */
export interface ConsumerCounters {
  handled: number;
  duplicates: number;
  deadLettered: number;
  /** Types this service has no handler for (another service's business on a shared topic). */
  ignored: number;
  /** Types no contract of the platform has: a producer we do not know, or a typo. */
  unknownTypes: number;
  crashes: number;
}

/** An event server's state and counters, in the shapes readiness and metrics read. */
export class ConsumerReport {
  private status: ConsumerStatus = { state: 'idle', since: new Date().toISOString(), topics: [] };
  private readonly counts: ConsumerCounters = { handled: 0, duplicates: 0, deadLettered: 0, ignored: 0, unknownTypes: 0, crashes: 0 };

  enter(state: ConsumerState, topics: string[] = this.status.topics, lastError?: string): void {
    const at = new Date().toISOString();
    const lastCrash = state === 'crashed' ? { at, ...(lastError !== undefined ? { reason: lastError } : {}) } : this.status.lastCrash;
    if (state === 'crashed') this.counts.crashes++;
    if (state === this.status.state && lastError === undefined) return;
    this.status = { state, since: at, topics, ...(lastError !== undefined ? { lastError } : {}), ...(lastCrash ? { lastCrash } : {}) };
  }

  count(o: DispatchOutcome): void {
    if (o.kind === 'handled') this.counts.handled++;
    else if (o.kind === 'duplicate') this.counts.duplicates++;
    else if (o.kind === 'dead-letter') this.counts.deadLettered++;
    else if (o.unknownType) this.counts.unknownTypes++;
    else this.counts.ignored++;
  }

  deadLettered(): void {
    this.counts.deadLettered++;
  }

  consumerStatus(): ConsumerStatus {
    return { ...this.status, topics: [...this.status.topics], ...(this.status.lastCrash ? { lastCrash: { ...this.status.lastCrash } } : {}) };
  }

  counters(): ConsumerCounters {
    return { ...this.counts };
  }
}

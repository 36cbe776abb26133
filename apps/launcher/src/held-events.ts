import { InProcessBus } from '@jiuzhu/messaging';

/**
 * The launcher's in-process event bus, which holds every delivery until all the services have
 * subscribed. The in-process transport hands an event to the consumer groups subscribed at that
 * moment, and each service's relay publishes as soon as that service is up: living-allowance's
 * seeded dibao standards, announced once on its first start, went by before hardship-registry
 * (started after it) was listening, so every special-hardship application answered 503
 * HARDSHIP.NO_DIBAO_STANDARD. A held batch stays unpublished in its outbox meanwhile (the relay
 * marks rows sent only once they are delivered), so nothing is lost if the launcher stops first.
 */
export class EventsHeldUntilAllStarted extends InProcessBus {
  private release!: () => void;
  private refuse!: (e: Error) => void;
  private readonly gate = new Promise<void>((resolve, reject) => {
    this.release = resolve;
    this.refuse = reject;
  });

  constructor() {
    super();
    this.gate.catch(() => undefined);
  }

  override deliver(batch: Parameters<InProcessBus['deliver']>[0]): Promise<void> {
    return this.gate.then(() => super.deliver(batch));
  }

  /** Every service is subscribed: deliver what was held, in order, and everything after. */
  open(): void {
    this.release();
  }

  /** Stopping before every service started: the held events stay in their outboxes for the next start (no effect once open). */
  close(): void {
    this.refuse(new Error('the launcher stopped before every service had started; the event stays in the outbox'));
  }
}

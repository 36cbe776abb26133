import type { Logger } from 'pino';
import { safeError } from '@jiuzhu/common/logger';

/** A pass of a worker's work: does what is due (each batch its own transaction) and returns the batches done. */
export type WorkerPass = () => Promise<number>;

/**
 * A long-running worker of a service: runs `pass` again and again while the service is up, waiting
 * `idleMs` between passes (or less, when nudged: a change that created work wakes it at once).
 * Long batch jobs — a reassessment run, the recomputation of a district's entitlements — belong
 * here rather than in a request or a consumer: each batch commits on its own, a crash loses at most
 * the batch in progress, and the work is found again from the database on the next pass. Every
 * replica runs one, so the pass must share work through row locks (SKIP LOCKED), never repeat it.
 * Start and stop it with `backgroundWork({ start, stop })`; `stop` waits for the pass in progress.
 */
export class PollingWorker {
  private running = false;
  private loop?: Promise<void>;
  private wake?: () => void;
  private nudged = false;

  constructor(
    private readonly o: { log: Logger; what: string; pass: WorkerPass; idleMs?: number },
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
  }

  /** Work may be waiting: run the next pass now rather than after the idle wait. */
  nudge(): void {
    this.nudged = true;
    this.wake?.();
  }

  private async run(): Promise<void> {
    while (this.running) {
      this.nudged = false;
      try {
        await this.o.pass();
      } catch (e) {
        // The pass records its own batches' failures; what reaches here is the database being away.
        this.o.log.error({ err: safeError(e) }, `${this.o.what}: pass failed; will retry`);
      }
      if (!this.running || this.nudged) continue;
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, this.o.idleMs ?? 2000);
        this.wake = () => {
          clearTimeout(t);
          resolve();
        };
      });
      this.wake = undefined;
    }
  }
}

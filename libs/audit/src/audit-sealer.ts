import { DataSource } from 'typeorm';
import { sealNext } from './audit-chain';
import { AuditLogRepository } from './audit-log.repository';

/** How many rows one sealing transaction chains at most (one set-based UPDATE). */
export const SEAL_BATCH = 1000;

/**
 * Chains committed audit rows (docs/security.md, "Audit trail"). Each batch is its own short
 * transaction under the sealers' advisory lock: the head, then the committed unsealed rows in id
 * order, then one UPDATE giving each the next `sealed_seq` and H(previous chain hash, row hash).
 * The chain order is the sealing order: a row that commits after a later id was sealed is simply
 * sealed in the next batch. Every replica runs one; a sealer that finds the lock taken leaves the
 * batch to the one holding it.
 */
export class AuditSealer {
  private readonly repo = new AuditLogRepository();

  constructor(private readonly ds: DataSource, private readonly batch = SEAL_BATCH) {}

  /** Seals what is committed now, batch after batch; returns the batches sealed (a `WorkerPass`). */
  async pass(): Promise<number> {
    let batches = 0;
    for (;;) {
      const sealed = await this.sealBatch();
      if (sealed === 0) return batches;
      batches++;
      if (sealed < this.batch) return batches;
    }
  }

  /** One batch; returns the rows sealed (0: nothing to seal, or another sealer is at it). */
  async sealBatch(): Promise<number> {
    return this.ds.transaction(async (m) => {
      if (!(await this.repo.tryLockForSealing(m))) return 0;
      const head = await this.repo.sealedHead(m);
      const rows = await this.repo.unsealed(m, this.batch);
      if (rows.length === 0) return 0;
      const places = sealNext(head, rows.map((r) => r.rowHash!));
      await this.repo.seal(m, rows.map((r, i) => ({ seq: r.seq, ...places[i] })));
      return rows.length;
    });
  }
}

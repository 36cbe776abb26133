import { DataSource } from 'typeorm';
import type { Logger } from 'pino';
import { AppError, Clock, LocalDate, orThrow } from '@jiuzhu/common';
import { Actor, systemActor } from '@jiuzhu/auth';
import { ApplicationRepository, ApplicationRow } from './application.repository';
import { CaseChange } from './case-change';

/** 公示: objections received during the public notice, and closing a notice that has run its days. */
export class PublicNotice {
  constructor(
    private readonly ds: DataSource,
    private readonly repo: ApplicationRepository,
    private readonly change: CaseChange,
    private readonly clock: Clock,
    private readonly log: Logger,
  ) {}

  /** 公示有异议: the case goes back to the township for a re-check (复查) and a new notice. */
  async object(id: string, expectedVersion: number, input: { receivedOn?: LocalDate; summary: string }, actor: Actor): Promise<ApplicationRow> {
    const on = this.clock.today();
    return this.change.run(id, expectedVersion, actor, (app, _m, at) => orThrow(app.object(input.receivedOn ?? on, input.summary, actor.id, at, on)));
  }

  async close(id: string, expectedVersion: number, actor: Actor): Promise<ApplicationRow> {
    const on = this.clock.today();
    return this.change.run(id, expectedVersion, actor, (app, _m, at) => orThrow(app.closeNotice(actor.id, at, on)));
  }

  /**
   * Notices that have run their days go to confirmation by themselves (the background sweep), so a
   * case does not wait on someone remembering to move it. Safe on every replica: each case changes
   * under its row lock with a version check, and one another replica moved first is passed over.
   */
  async closeEnded(): Promise<number> {
    const today = this.clock.today();
    const system = systemActor('notice');
    let closed = 0;
    for (const c of await this.repo.endedNotices(this.ds.manager, today, 1000)) {
      try {
        await this.change.run(c.id, c.version, system, (app, _m, at) => orThrow(app.closeNotice(system.id, at, today)));
        closed++;
      } catch (e) {
        if (!(e instanceof AppError && e.kind === 'conflict')) throw e;
      }
    }
    if (closed) this.log.info({ closed }, 'notices closed after their period');
    return closed;
  }
}

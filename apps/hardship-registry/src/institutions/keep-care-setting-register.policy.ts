import { EntityManager } from 'typeorm';
import type { CaseFact, HardshipCase } from '../cases/domain/hardship-case';
import { CareSettingHistoryRepository } from './care-setting-history.repository';
import { moveReason } from './domain/care-institutions';

/**
 * The care-setting register follows the case, in the transaction that saves it: a confirmation
 * opens the person's first period (at home until placed, 民发〔2021〕43号); each placement, transfer
 * or return home ends the open period — freeing its bed — and opens the next; the decision to
 * terminate ends the last one, so the bed of a person whose support ended is free for the next.
 */
export class KeepCareSettingRegister {
  constructor(private readonly periods: CareSettingHistoryRepository) {}

  async react(m: EntityManager, c: HardshipCase, facts: readonly CaseFact[], by: string, at: string): Promise<void> {
    const s = c.state;
    for (const f of facts) {
      switch (f.kind) {
        case 'registered':
          await this.periods.begin(m, { caseId: s.id, careSetting: f.careSetting, institutionId: s.placement?.institutionId ?? null, bedId: s.placement?.bedId ?? null, fromOn: f.on, reason: 'registered', by, at });
          break;
        case 'placement_changed': {
          const reason = moveReason(f.from, f.to);
          await this.periods.endCurrent(m, s.id, f.on, reason, by, at);
          await this.periods.begin(m, { caseId: s.id, careSetting: f.to, institutionId: f.placement?.institutionId ?? null, bedId: f.placement?.bedId ?? null, fromOn: f.on, reason, by, at });
          break;
        }
        case 'terminated':
          await this.periods.endCurrent(m, s.id, f.on, 'terminated', by, at);
          break;
        default:
          break;
      }
    }
  }
}

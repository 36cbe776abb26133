import { EntityManager } from 'typeorm';
import { CareSettingChanged, EntitlementChanged, EntitlementChangedV1, PersonRegistered, PersonTerminated, ReferralRequested } from '@jiuzhu/contracts';
import { LocalDate } from '@jiuzhu/common';
import { Outbox } from '@jiuzhu/messaging';
import { CaseFact, HardshipCase } from './domain/hardship-case';

/**
 * The integration events of the facts a transition produced, written to the outbox in the
 * transaction that saves the case: references and codes only — never a name, an ID number or a
 * note someone typed. Facts other services have no contract for (an investigation, a notice, a
 * refusal, a proposed termination) stay in the case's history.
 */
export class AnnounceCaseFacts {
  constructor(private readonly outbox: Outbox) {}

  async announce(m: EntityManager, c: HardshipCase, facts: readonly CaseFact[], today: LocalDate): Promise<void> {
    const s = c.state;
    const changed: EntitlementChangedV1[] = [];
    for (const f of facts) {
      switch (f.kind) {
        case 'registered':
          await this.outbox.append(m, PersonRegistered, {
            caseId: s.id,
            personRef: s.personRef,
            districtCode: s.districtCode,
            townshipCode: s.townshipCode,
            area: s.area,
            registeredOn: f.on,
            supportFromMonth: f.supportFromMonth,
            monthlyFen: f.monthlyFen,
            selfCareAbility: f.selfCare,
            careSetting: f.careSetting,
          });
          break;
        case 'entitlement_changed':
          changed.push(entitlementChangedOf(c, f, today));
          break;
        case 'care_setting_changed':
          await this.outbox.append(m, CareSettingChanged, { caseId: s.id, personRef: s.personRef, districtCode: s.districtCode, from: f.from, to: f.to, changedOn: f.on });
          break;
        case 'terminated':
          await this.outbox.append(m, PersonTerminated, { caseId: s.id, personRef: s.personRef, districtCode: s.districtCode, ground: f.ground, terminatedOn: f.on, stopsFromMonth: f.stopsFromMonth });
          break;
        case 'referral_requested':
          await this.outbox.append(m, ReferralRequested, {
            caseId: s.id,
            personRef: s.personRef,
            districtCode: s.districtCode,
            townshipCode: s.townshipCode,
            ground: f.ground,
            targets: [...f.targets],
            requestedOn: f.on,
          });
          break;
        default:
          break;
      }
    }
    await this.outbox.appendMany(m, EntitlementChanged, changed);
  }

  /** The entitlements a new dibao standard changed, in one statement (a standard may change thousands). */
  async entitlementsChanged(m: EntityManager, changes: readonly { hardshipCase: HardshipCase; fact: Extract<CaseFact, { kind: 'entitlement_changed' }> }[], today: LocalDate): Promise<void> {
    await this.outbox.appendMany(
      m,
      EntitlementChanged,
      changes.map((x) => entitlementChangedOf(x.hardshipCase, x.fact, today)),
    );
  }
}

function entitlementChangedOf(c: HardshipCase, f: Extract<CaseFact, { kind: 'entitlement_changed' }>, today: LocalDate): EntitlementChangedV1 {
  const s = c.state;
  const e = s.entitlement!;
  return {
    caseId: s.id,
    personRef: s.personRef,
    districtCode: s.districtCode,
    trigger: f.trigger,
    fromMonth: f.fromMonth,
    monthlyFen: f.monthlyFen,
    previousMonthlyFen: f.previousMonthlyFen,
    basicLivingFen: e.basicLivingFen,
    careAllowanceFen: e.careAllowanceFen,
    selfCareAbility: e.selfCare,
    careSetting: e.careSetting,
    standardVersionId: e.parameterVersions['dibao.standard'],
    changedOn: today,
  };
}

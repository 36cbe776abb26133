import { randomUUID } from 'node:crypto';
import { Area, Clock, Conflict, InvalidInput, LocalDate, maskResidentId, normalizeResidentId, orThrow, parseResidentId } from '@jiuzhu/common';
import type { Actor } from '@jiuzhu/auth';
import type { Contact } from '@jiuzhu/common/http';
import { assessCriteria } from '../criteria/domain/assess-criteria';
import { HardshipParameterCatalog } from '../parameters/hardship-parameter-catalog';
import { StandardsInForce } from '../standards/standards-in-force';
import { CaseChange } from './case-change';
import { CaseRulesSource } from './case-rules-source';
import { SUPPORTED_STATUSES } from './domain/case-status';
import { HardshipCase } from './domain/hardship-case';
import { CaseReading, FindCases } from './find-cases.use-case';
import { HardshipCaseRepository } from './hardship-case.repository';
import { PersonFactsInput, personFactsOf } from './person-facts-input';
import { placeWithin } from './place-within';

export interface ApplyCommand {
  idNumber: string;
  districtCode: string;
  townshipCode: string;
  area: Area;
  /** The day the written application was accepted; today unless given. */
  appliedOn?: LocalDate;
  facts: PersonFactsInput;
  contact?: Contact;
}

const NO_CONTACT: Contact = { name: null, address: null, phone: null };

/**
 * 申请: a caseworker registers a person for special-hardship support at the township of their
 * household registration, within the caseworker's jurisdiction. The three conditions are assessed
 * on the application date against the dibao standard and the parameters then in force, and each is
 * explained, met or not; the case then waits in the township's investigation queue. The ID number
 * is read for the birth date, then kept only as its keyed reference and a masked copy. A person
 * already registered, or in another active case here, is a 409.
 */
export class ApplyForSupport {
  constructor(
    private readonly change: CaseChange,
    private readonly repo: HardshipCaseRepository,
    private readonly find: FindCases,
    private readonly catalog: HardshipParameterCatalog,
    private readonly standards: StandardsInForce,
    private readonly rules: CaseRulesSource,
    private readonly clock: Clock,
    private readonly personRefOf: (idNumber: string) => string,
  ) {}

  async execute(cmd: ApplyCommand, actor: Actor): Promise<CaseReading> {
    const idNumber = normalizeResidentId(cmd.idNumber);
    const parsed = parseResidentId(idNumber);
    if (!parsed.ok) throw new InvalidInput([{ field: 'idNumber', reason: `is not a valid resident ID number (${parsed.reason})` }]);
    orThrow(placeWithin(actor, cmd));
    const today = this.clock.today();
    const at = this.clock.now().toISOString();
    const appliedOn = cmd.appliedOn ?? today;
    const personRef = this.personRefOf(idNumber);
    const c = orThrow(
      HardshipCase.apply(
        { id: randomUUID(), personRef, birthDate: parsed.value.birthDate, districtCode: cmd.districtCode, townshipCode: cmd.townshipCode, area: cmd.area, appliedOn, by: actor.id, at },
        today,
      ),
    ).hardshipCase;
    const facts = personFactsOf(cmd.facts, parsed.value.birthDate, { schooling: null, supportedAsMinor: false });
    const [params, standard, rules] = await Promise.all([this.catalog.inForceOn(appliedOn), this.standards.on(cmd.districtCode, cmd.area, appliedOn), this.rules.on(today)]);
    const criteria = assessCriteria({ person: facts, standard, params, on: appliedOn });
    await this.change.transaction(async (m) => {
      const active = await this.repo.lockPerson(m, personRef);
      if (active) {
        // Named by what the person is, never by the other case's id or place: it may lie outside the caller's jurisdiction.
        throw (SUPPORTED_STATUSES as readonly string[]).includes(active.status)
          ? new Conflict('HARDSHIP.PERSON_ALREADY_REGISTERED', 'This person is already registered for special-hardship support.', [{ field: 'idNumber', reason: 'is of a person already supported here' }])
          : new Conflict('HARDSHIP.PERSON_IN_ACTIVE_CASE', 'This person already has an application on its way here.', [{ field: 'idNumber', reason: 'is of a person with another active case here' }]);
      }
      await this.change.insert(m, c, { maskedIdNumber: maskResidentId(idNumber), facts, appliedCriteria: criteria, contact: cmd.contact ?? NO_CONTACT }, actor, at, rules, today);
    });
    return this.find.get(c.state.id, actor);
  }
}

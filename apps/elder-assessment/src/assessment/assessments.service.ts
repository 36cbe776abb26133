import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { AppError, Clock, Conflict, Forbidden, InvalidInput, RuleViolated, isLocalDate, LocalDate, maskResidentId, normalizeResidentId, NotFound, parseResidentId, refOf } from '@jiuzhu/common';
import { Actor } from '@jiuzhu/common/http';
import { AbilityLossDiscovered, AssessmentCompleted, AssessmentSuperseded } from '@jiuzhu/contracts';
import { Outbox } from '@jiuzhu/messaging';
import { ParameterCatalog } from '../parameters/parameter-catalog';
import { AssessmentConditions } from './domain/assessment-input';
import { ElderAssessmentParameters } from './domain/assessment-parameters';
import { AssessmentContent, AssessmentFact, AssessmentProblem, AssessmentSummary, ElderAssessment, Outcome } from './domain/assessment-workflow';
import { Need } from './domain/needs';
import { AssessmentReason } from './domain/next-due';
import { AssessmentRepository, AssessmentRow } from './assessment.repository';

/** What a caller sends to open a draft. */
export interface DraftCommand {
  idNumber: string;
  districtCode: string;
  townshipCode?: string | null;
  reason: AssessmentReason;
  assessedOn: LocalDate;
  assessors: string[];
  scores: Record<string, number>;
  conditions: AssessmentConditions;
  needs?: Need[];
  supersedes?: string | null;
}

/** An edit replaces the fields it names (null clears townshipCode or supersedes); the person cannot change (open a new draft instead). */
export type EditCommand = Partial<Omit<DraftCommand, 'idNumber'>>;

/** The role that may fix a result (GB/T 42195-2022: trained assessors make the assessment). */
export const ASSESSOR_ROLE = 'assessor';

/**
 * The use cases of an elder assessment. Each change runs in one transaction: the assessment row
 * (locked), the one it supersedes, their history and the outgoing events commit together or not at all.
 */
export class AssessmentsService {
  constructor(
    private readonly ds: DataSource,
    private readonly repo: AssessmentRepository,
    private readonly catalog: ParameterCatalog,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
    private readonly refKey: string,
  ) {}

  async draft(cmd: DraftCommand, actor: Actor): Promise<AssessmentRow> {
    const id = normalizeResidentId(cmd.idNumber);
    const parsed = parseResidentId(id);
    if (!parsed.ok) throw new InvalidInput([{ field: 'idNumber', reason: `is not a valid resident ID number (${parsed.reason})` }]);
    const personRef = refOf(id, this.refKey);
    const content = contentOf(cmd);
    const params = await this.parametersOn(content.assessedOn);
    const supersedesTarget = await this.supersedesTarget(content);
    const at = this.clock.now().toISOString();
    const a = orThrow(
      ElderAssessment.draft(
        { id: randomUUID(), personRef, maskedIdNumber: maskResidentId(id), birthDate: parsed.value.birthDate, content, by: actor.id, at },
        { params, today: this.clock.today(), supersedesTarget },
      ),
    );
    await this.ds.transaction((m) => this.repo.insert(m, a, at));
    return { ...a.state, updatedBy: actor.id, updatedAt: at };
  }

  async edit(id: string, expectedVersion: number, cmd: EditCommand, actor: Actor): Promise<AssessmentRow> {
    const before = await this.get(id);
    const content = contentOf({
      districtCode: before.districtCode,
      townshipCode: before.townshipCode,
      reason: before.reason,
      assessedOn: before.assessedOn,
      assessors: before.assessors,
      scores: before.scores,
      conditions: before.conditions,
      needs: before.needs,
      supersedes: before.supersedes,
      ...definedOnly(cmd),
    });
    // Resolved before the transaction: no second pool connection while it holds one. The version
    // check under the lock guarantees the draft edited is the one read here.
    const params = await this.parametersOn(content.assessedOn);
    const supersedesTarget = await this.supersedesTarget(content);
    return this.change(id, expectedVersion, actor, async (a, _m, at) => orThrow(a.edit(content, { params, today: this.clock.today(), supersedesTarget }, actor.id, at)));
  }

  /**
   * Completes a draft: scored with the parameters in force on its date, and the person's current
   * assessment (if any) superseded in the same transaction.
   */
  async complete(id: string, expectedVersion: number, actor: Actor): Promise<AssessmentRow> {
    if (actor.role !== ASSESSOR_ROLE) throw new Forbidden('ROLE.ASSESSOR_REQUIRED', 'Only an assessor (X-Actor-Role: assessor) may complete an assessment.');
    const before = await this.get(id);
    // Resolved before the transaction (no second pool connection while it holds one); the version
    // check under the lock guarantees the draft scored is the one whose date was read here.
    const params = before.version === expectedVersion ? await this.parametersOn(before.assessedOn) : undefined;
    const today = this.clock.today();
    await this.ds.transaction(async (m) => {
      const a = await this.repo.lockForChange(m, id, expectedVersion);
      if (!params) throw new Conflict('ASSESSMENT.VERSION_CONFLICT', 'The assessment changed while it was being completed; reload it and try again.');
      const current = await this.repo.lockCurrentOf(m, a.state.personRef);
      const at = this.clock.now().toISOString();
      const facts = orThrow(a.complete({ params, today, current: current ? summaryOf(current) : null }, actor.id, at));
      if (current) {
        const replaced = orThrow(current.supersede(a.state.id, actor.id, at, today));
        // The old one leaves first: the index allows one current assessment per person at any moment.
        await this.repo.save(m, current, actor.id, at);
        await this.publish(m, current, replaced);
      }
      await this.repo.save(m, a, actor.id, at);
      await this.publish(m, a, facts);
    });
    return this.get(id);
  }

  async dispute(id: string, expectedVersion: number, reason: string, actor: Actor): Promise<AssessmentRow> {
    return this.change(id, expectedVersion, actor, async (a, _m, at) => orThrow(a.dispute(reason, actor.id, at, this.clock.today())));
  }

  async get(id: string): Promise<AssessmentRow> {
    const row = await this.repo.findById(this.ds.manager, id);
    if (!row) throw new NotFound(`Assessment ${id}`);
    return row;
  }

  async history(id: string) {
    await this.get(id);
    return this.repo.history(this.ds.manager, id);
  }

  /** A person's assessments, newest first; the person is found by reference or by ID number (hashed at once, never kept). */
  async ofPerson(who: { personRef?: string; idNumber?: string }, limit: number, offset: number): Promise<{ personRef: string; rows: AssessmentRow[] }> {
    const personRef = who.personRef ?? refOf(normalizeResidentId(who.idNumber!), this.refKey);
    return { personRef, rows: await this.repo.ofPerson(this.ds.manager, personRef, limit, offset) };
  }

  /** Lock, apply one intention, persist, publish what it produced — the path every change but completion takes. */
  private async change(id: string, expectedVersion: number, actor: Actor, act: (a: ElderAssessment, m: EntityManager, at: string) => Promise<AssessmentFact[]>): Promise<AssessmentRow> {
    await this.ds.transaction(async (m) => {
      const a = await this.repo.lockForChange(m, id, expectedVersion);
      const at = this.clock.now().toISOString();
      const facts = await act(a, m, at);
      await this.repo.save(m, a, actor.id, at);
      await this.publish(m, a, facts);
    });
    return this.get(id);
  }

  /** The numbers in force on the assessment date; a date with none is the caller's to correct. */
  private async parametersOn(on: LocalDate): Promise<ElderAssessmentParameters> {
    if (!isLocalDate(on)) throw new InvalidInput([{ field: 'assessedOn', reason: 'must be a real calendar date YYYY-MM-DD' }]);
    const r = await this.catalog.resolve(on);
    if (r.ok) return r.value;
    // A malformed published value is an operator's problem, not the caller's.
    if (r.invalid.length > 0) throw new AppError('unavailable', 'PARAMETERS.INVALID', `Published assessment parameters are malformed (${r.invalid.join(', ')}); publish corrected versions.`);
    throw new InvalidInput([{ field: 'assessedOn', reason: `no assessment parameters were in force on ${on} (${r.missing.join(', ')})`, code: 'ASSESSMENT.NO_PARAMETERS_IN_FORCE' }]);
  }

  private async supersedesTarget(c: AssessmentContent): Promise<AssessmentSummary | null> {
    return c.supersedes === null ? null : ((await this.repo.summary(this.ds.manager, c.supersedes)) ?? null);
  }

  /** Integration events from the facts a transition produced; references and codes only, never a name or an ID number. */
  private async publish(m: EntityManager, a: ElderAssessment, facts: AssessmentFact[]): Promise<void> {
    const s = a.state;
    const township = s.townshipCode ? { townshipCode: s.townshipCode } : {};
    for (const f of facts) {
      switch (f.kind) {
        case 'completed': {
          const r = s.result!;
          await this.outbox.append(m, AssessmentCompleted, {
            assessmentId: s.id,
            personRef: s.personRef,
            districtCode: s.districtCode,
            ...township,
            reason: s.reason,
            level: r.finalLevel,
            total: r.total,
            selfCareAbility: r.selfCare.ability,
            assessedOn: s.assessedOn,
            validUntil: s.validUntil!,
            ...(s.supersedes ? { supersedes: s.supersedes } : {}),
          });
          break;
        }
        case 'ability_loss_discovered':
          await this.outbox.append(m, AbilityLossDiscovered, {
            assessmentId: s.id,
            personRef: s.personRef,
            districtCode: s.districtCode,
            ...township,
            level: f.level,
            selfCareAbility: s.result!.selfCare.ability,
            discoveredOn: f.on,
          });
          break;
        case 'superseded':
          await this.outbox.append(m, AssessmentSuperseded, { assessmentId: s.id, supersededBy: f.supersededBy, personRef: s.personRef, districtCode: s.districtCode, supersededOn: f.on });
          break;
        case 'disputed':
          // No contract announces a dispute: the result holds until the re-assessment completes, and that is announced.
          break;
      }
    }
  }
}

function contentOf(c: Omit<DraftCommand, 'idNumber'>): AssessmentContent {
  return {
    districtCode: c.districtCode,
    townshipCode: c.townshipCode ?? null,
    reason: c.reason,
    assessedOn: c.assessedOn,
    assessors: [...c.assessors],
    scores: { ...c.scores },
    conditions: { ...c.conditions, careRiskEvents: (c.conditions?.careRiskEvents ?? []).map((e) => ({ kind: e.kind, on: e.on })) },
    needs: (c.needs ?? []).map((n) => ({ kind: n.kind, ...(n.note !== undefined ? { note: n.note } : {}) })),
    supersedes: c.supersedes ?? null,
  };
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function summaryOf(a: ElderAssessment): AssessmentSummary {
  const s = a.state;
  return { id: s.id, personRef: s.personRef, status: s.status, assessedOn: s.assessedOn };
}

/** An expected refusal from the domain becomes its problem-details error; a success gives its value. */
export function orThrow<T>(r: Outcome<T>): T {
  if (r.ok) return r.value;
  throw toError(r.problem);
}

function toError(p: AssessmentProblem): AppError {
  return new RuleViolated(p);
}

import { randomUUID } from 'node:crypto';
import { Clock, orThrow } from '@jiuzhu/common';
import { Decision } from '../assessment/domain/decision';
import { ApplicationRepository } from './application.repository';
import { Application, CaseFact } from './domain/application';
import { CasePolicy, FactContext } from './case-change';
import { PersonRefs } from './person-refs';

/**
 * 单人户 (single-person inclusion): each qualifying member of a low-income household becomes a case of
 * its own, submitted with the household's assessment, to be decided like any other case; when the
 * household itself is approved for dibao, its members' inclusions end — they are then paid as
 * household members, never twice.
 */
export class SinglePersonInclusions implements CasePolicy {
  constructor(
    private readonly repo: ApplicationRepository,
    private readonly refs: PersonRefs,
    private readonly clock: Clock,
  ) {}

  async react(fact: CaseFact, ctx: FactContext): Promise<void> {
    if (fact.kind !== 'approved' || ctx.app.state.coverage !== 'household') return;
    if (fact.granted === 'low_income') await this.open(ctx, fact.on);
    else await this.endCoveredBy(ctx);
  }

  private async open(ctx: FactContext, on: string): Promise<void> {
    const p = ctx.app.state;
    const alreadyIncluded = new Set((await this.repo.openInclusions(ctx.m, p.householdRef)).map((o) => this.refs.ofMember(o.household, o.memberIndex!)));
    for (const inclusion of (p.assessment as Decision).singlePersonInclusions) {
      // One open inclusion per person: a renewed low-income registration must not open a second one.
      if (alreadyIncluded.has(this.refs.ofMember(p.household, inclusion.memberIndex))) continue;
      const at = this.clock.now().toISOString();
      const child = Application.file({
        id: randomUUID(),
        coverage: 'single_person',
        parentId: p.id,
        memberIndex: inclusion.memberIndex,
        householdRef: p.householdRef,
        household: p.household,
        // Opened by the officer whose approval created it; four-eyes then needs someone else to decide it.
        by: ctx.actor.id,
        at,
      });
      await ctx.open(child, orThrow(child.submit(p.assessment as Decision, ctx.actor.id, at, on)));
    }
  }

  private async endCoveredBy(ctx: FactContext): Promise<void> {
    const h = ctx.app.state;
    for (const inclusion of await this.repo.openInclusions(ctx.m, h.householdRef)) {
      await ctx.changeAnother(inclusion.id, (app, _m, at) => orThrow(app.endBecauseHouseholdCovered(h.id, h.effectiveMonth!, ctx.actor.id, at, ctx.today)));
    }
  }
}

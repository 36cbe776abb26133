import { Controller, DynamicModule, Inject, Module } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { DataSource, MigrationInterface, QueryRunner } from 'typeorm';
import {
  ApplicationReviewed,
  ApplicationReviewedV1,
  ApplicationReviewedV2,
  ApplicationReviewedV2Payload,
  ApplicationSubmitted,
  ApplicationSubmittedV1,
  ApplicationSubmittedV2,
  ApplicationSubmittedV2Payload,
  BenefitAdjusted,
  BenefitAdjustedV1,
  CaseApproved,
  CaseApprovedV1,
  CaseRefused,
  CaseRefusedV1,
  EventEnvelope,
  LIVING_ALLOWANCE_EVENTS,
  NoticeObjected,
  NoticeObjectedV1,
  NoticeObjectedV2,
  NoticeObjectedV2Payload,
  NoticeStarted,
  NoticeStartedV1,
  NoticeStartedV2,
  NoticeStartedV2Payload,
  patternOf,
} from '@jiuzhu/contracts';
import { Inbox, InProcessBus } from '@jiuzhu/messaging';
import { runService, RunningService } from '@jiuzhu/platform';
import { freshDatabase, kafkaBrokers } from '../support/infra';
import { testLogger } from '../support/services';

/**
 * A stand-in for "another service": its own database and consumer group, ordinary `@EventPattern`
 * handlers that do not know which transport feeds them, and an inbox so that every effect happens
 * once however often an event arrives.
 */
class WatcherSchema1732700008888 implements MigrationInterface {
  name = 'WatcherSchema1732700008888';
  async up(q: QueryRunner) {
    await q.query(`CREATE TABLE seen (event_id uuid PRIMARY KEY, type text NOT NULL, case_id uuid NOT NULL, household_ref text NOT NULL, benefit_fen bigint)`);
    await q.query(`CREATE TABLE attempts (case_id uuid NOT NULL, at timestamptz NOT NULL DEFAULT now())`);
  }
  async down(q: QueryRunner) {
    await q.query(`DROP TABLE attempts`);
    await q.query(`DROP TABLE seen`);
  }
}

const caseIdOf = (d: { applicationId: string } | { caseId: string }) => ('caseId' in d ? d.caseId : d.applicationId);

export const POISON = { caseIds: new Set<string>() };
const INBOX = Symbol('inbox');

@Controller()
class RecordCasesWhenLivingAllowanceDecides {
  constructor(
    @Inject(INBOX) private readonly inbox: Inbox,
    @Inject(DataSource) private readonly ds: DataSource,
  ) {}

  @EventPattern(patternOf(CaseApproved))
  async onApproved(@Payload() e: EventEnvelope<CaseApprovedV1>) {
    await this.ds.query(`INSERT INTO attempts (case_id) VALUES ($1)`, [e.data.caseId]);
    if (POISON.caseIds.has(e.data.caseId)) throw new Error(`cannot handle case ${e.data.caseId}`);
    await this.inbox.handleOnce('watcher.record-approved-case', e, async (m) => {
      await m.query(`INSERT INTO seen (event_id, type, case_id, household_ref, benefit_fen) VALUES ($1, $2, $3, $4, $5)`, [
        e.id,
        e.type,
        e.data.caseId,
        e.data.householdRef,
        e.data.monthlyBenefitFen,
      ]);
    });
  }

  @EventPattern(patternOf(BenefitAdjusted))
  async onAdjusted(@Payload() e: EventEnvelope<BenefitAdjustedV1>) {
    await this.inbox.handleOnce('watcher.record-adjusted-benefit', e, async (m) => {
      await m.query(`INSERT INTO seen (event_id, type, case_id, household_ref, benefit_fen) VALUES ($1, $2, $3, $4, $5)`, [
        e.id,
        e.type,
        e.data.caseId,
        e.data.householdRef,
        e.data.newMonthlyBenefitFen,
      ]);
    });
  }

  // v1 and v2 differ only in the name of the case id (v2: `caseId`, like every other event).
  @EventPattern([patternOf(ApplicationSubmitted), patternOf(ApplicationSubmittedV2)])
  async onSubmitted(@Payload() e: EventEnvelope<ApplicationSubmittedV1 | ApplicationSubmittedV2Payload>) {
    await this.inbox.handleOnce('watcher.record-submitted-application', e, async (m) => {
      await m.query(`INSERT INTO seen (event_id, type, case_id, household_ref) VALUES ($1, $2, $3, $4)`, [e.id, e.type, caseIdOf(e.data), e.data.householdRef]);
    });
  }

  // The steps of the process, recorded as they are announced (a dashboard of cases in progress would).
  @EventPattern([patternOf(ApplicationReviewed), patternOf(ApplicationReviewedV2)])
  async onReviewed(@Payload() e: EventEnvelope<ApplicationReviewedV1 | ApplicationReviewedV2Payload>) {
    await this.recordStep('watcher.record-review', e, caseIdOf(e.data));
  }

  @EventPattern([patternOf(NoticeStarted), patternOf(NoticeStartedV2)])
  async onNoticeStarted(@Payload() e: EventEnvelope<NoticeStartedV1 | NoticeStartedV2Payload>) {
    await this.recordStep('watcher.record-notice', e, caseIdOf(e.data));
  }

  @EventPattern([patternOf(NoticeObjected), patternOf(NoticeObjectedV2)])
  async onObjected(@Payload() e: EventEnvelope<NoticeObjectedV1 | NoticeObjectedV2Payload>) {
    await this.recordStep('watcher.record-objection', e, caseIdOf(e.data));
  }

  @EventPattern(patternOf(CaseRefused))
  async onRefused(@Payload() e: EventEnvelope<CaseRefusedV1>) {
    await this.recordStep('watcher.record-refusal', e, e.data.caseId);
  }

  private async recordStep(handler: string, e: EventEnvelope<{ householdRef: string }>, caseId: string) {
    await this.inbox.handleOnce(handler, e, async (m) => {
      await m.query(`INSERT INTO seen (event_id, type, case_id, household_ref) VALUES ($1, $2, $3, $4)`, [e.id, e.type, caseId, e.data.householdRef]);
    });
  }
}

@Module({})
class WatcherModule {
  static register(inbox: Inbox, ds: DataSource): DynamicModule {
    return {
      module: WatcherModule,
      controllers: [RecordCasesWhenLivingAllowanceDecides],
      providers: [
        { provide: INBOX, useValue: inbox },
        { provide: DataSource, useValue: ds },
      ],
    };
  }
}

export interface Watcher extends RunningService {
  dispose(): Promise<void>;
}

export async function startWatcher(o: { transport: 'kafka' | 'in-process'; bus?: InProcessBus; group: string }): Promise<Watcher> {
  const db = await freshDatabase('watcher');
  const svc = await runService(
    {
      name: 'watcher',
      title: 'watcher',
      description: 'test consumer',
      migrations: [WatcherSchema1732700008888],
      produces: LIVING_ALLOWANCE_EVENTS,
      module: ({ messaging, dataSource }) => WatcherModule.register(messaging.inbox, dataSource),
    },
    {
      settings: { databaseUrl: db.url, port: 0, transport: o.transport, kafkaBrokers: o.transport === 'kafka' ? kafkaBrokers() : null, kafkaPartitions: 3, kafkaReplicationFactor: 1 },
      bus: o.bus,
      consumerGroup: o.group,
      retry: { maxAttempts: 3, backoffMs: 20 },
      log: testLogger(),
    },
  );
  return { ...svc, dispose: async () => { await svc.stop(); await db.drop(); } };
}

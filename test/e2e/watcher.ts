import { Controller, DynamicModule, Inject, Module } from '@nestjs/common';
import { DataSource, EntityManager, MigrationInterface, QueryRunner } from 'typeorm';
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
} from '@jiuzhu/contracts';
import { ConsumeEvent, InProcessBus } from '@jiuzhu/messaging';
import { runService, RunningService } from '@jiuzhu/platform';
import { suiteIssuer } from '../support/test-issuer';
import { freshDatabase, kafkaBrokers, SUITE_TOPIC_PREFIX } from '../support/infra';
import { testLogger } from '../support/services';
import { testSasl } from '../support/kafka-logins';

/**
 * A stand-in for "another service": its own database and consumer group, ordinary `@ConsumeEvent`
 * handlers that do not know which transport feeds them; the transport runs each inside the inbox,
 * so that every effect happens once however often an event arrives.
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

/** Cases the watcher cannot handle: its handler throws, or its statement fails in Postgres. */
export const POISON = { caseIds: new Set<string>(), failInPostgres: new Set<string>() };

@Controller()
class RecordCasesWhenLivingAllowanceDecides {
  constructor(@Inject(DataSource) private readonly ds: DataSource) {}

  @ConsumeEvent(CaseApproved, 'watcher.record-approved-case')
  async onApproved(e: EventEnvelope<CaseApprovedV1>, m: EntityManager) {
    // Outside the transaction on purpose: it counts attempts, which a rolled-back effect would not.
    await this.ds.query(`INSERT INTO attempts (case_id) VALUES ($1)`, [e.data.caseId]);
    if (POISON.caseIds.has(e.data.caseId)) throw new Error(`cannot handle case ${e.data.caseId}`);
    await m.query(`INSERT INTO seen (event_id, type, case_id, household_ref, benefit_fen) VALUES ($1, $2, $3, $4, $5)`, [
      e.id,
      e.type,
      e.data.caseId,
      e.data.householdRef,
      POISON.failInPostgres.has(e.data.caseId) ? 'not-a-number' : e.data.monthlyBenefitFen,
    ]);
  }

  @ConsumeEvent(BenefitAdjusted, 'watcher.record-adjusted-benefit')
  async onAdjusted(e: EventEnvelope<BenefitAdjustedV1>, m: EntityManager) {
    await m.query(`INSERT INTO seen (event_id, type, case_id, household_ref, benefit_fen) VALUES ($1, $2, $3, $4, $5)`, [
      e.id,
      e.type,
      e.data.caseId,
      e.data.householdRef,
      e.data.newMonthlyBenefitFen,
    ]);
  }

  // v1 and v2 differ only in the name of the case id (v2: `caseId`, like every other event).
  @ConsumeEvent([ApplicationSubmitted, ApplicationSubmittedV2], 'watcher.record-submitted-application')
  async onSubmitted(e: EventEnvelope<ApplicationSubmittedV1 | ApplicationSubmittedV2Payload>, m: EntityManager) {
    await recordStep(m, e, caseIdOf(e.data));
  }

  // The steps of the process, recorded as they are announced (a dashboard of cases in progress would).
  @ConsumeEvent([ApplicationReviewed, ApplicationReviewedV2], 'watcher.record-review')
  async onReviewed(e: EventEnvelope<ApplicationReviewedV1 | ApplicationReviewedV2Payload>, m: EntityManager) {
    await recordStep(m, e, caseIdOf(e.data));
  }

  @ConsumeEvent([NoticeStarted, NoticeStartedV2], 'watcher.record-notice')
  async onNoticeStarted(e: EventEnvelope<NoticeStartedV1 | NoticeStartedV2Payload>, m: EntityManager) {
    await recordStep(m, e, caseIdOf(e.data));
  }

  @ConsumeEvent([NoticeObjected, NoticeObjectedV2], 'watcher.record-objection')
  async onObjected(e: EventEnvelope<NoticeObjectedV1 | NoticeObjectedV2Payload>, m: EntityManager) {
    await recordStep(m, e, caseIdOf(e.data));
  }

  @ConsumeEvent(CaseRefused, 'watcher.record-refusal')
  async onRefused(e: EventEnvelope<CaseRefusedV1>, m: EntityManager) {
    await recordStep(m, e, e.data.caseId);
  }
}

async function recordStep(m: EntityManager, e: EventEnvelope<{ householdRef: string }>, caseId: string) {
  await m.query(`INSERT INTO seen (event_id, type, case_id, household_ref) VALUES ($1, $2, $3, $4)`, [e.id, e.type, caseId, e.data.householdRef]);
}

@Module({})
class WatcherModule {
  static register(ds: DataSource): DynamicModule {
    return {
      module: WatcherModule,
      controllers: [RecordCasesWhenLivingAllowanceDecides],
      providers: [{ provide: DataSource, useValue: ds }],
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
      module: ({ dataSource }) => WatcherModule.register(dataSource),
    },
    {
      settings: { databaseUrl: db.url, port: 0, transport: o.transport, kafkaBrokers: o.transport === 'kafka' ? kafkaBrokers() : null, kafkaPartitions: 3, kafkaReplicationFactor: 1, kafkaTopicPrefix: SUITE_TOPIC_PREFIX, kafkaSasl: o.transport === 'kafka' ? testSasl() : undefined, auth: (await suiteIssuer()).config() },
      bus: o.bus,
      consumerGroup: o.group,
      retry: { maxAttempts: 3, backoffMs: 20 },
      log: testLogger(),
    },
  );
  return { ...svc, dispose: async () => { await svc.stop(); await db.drop(); } };
}

import { DynamicModule, INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { Logger } from 'pino';
import { DataSource, MixedList } from 'typeorm';
import { configureHttpApp, PinoNestLogger } from '@jiuzhu/common/http';
import { createLogger } from '@jiuzhu/common/logger';
import { EventContract } from '@jiuzhu/contracts';
import { InProcessBus, MessagingTables1732700000000, Messaging, RelayOptions, RetryPolicy } from '@jiuzhu/messaging';
import { openDataSource } from '@jiuzhu/persistence';

export interface ServiceSettings {
  databaseUrl: string;
  port: number;
  transport: 'kafka' | 'in-process';
  kafkaBrokers: string[] | null;
  kafkaPartitions: number;
  kafkaReplicationFactor: number;
  /** Put before every topic name on the broker (tests: one per suite, so parallel suites share a broker but no events). */
  kafkaTopicPrefix?: string;
}

export interface ServiceDefinition {
  name: string;
  title: string;
  description: string;
  migrations: MixedList<Function>;
  /** The TypeORM entities its repositories map (tables stay defined by the migrations). */
  entities?: MixedList<Function>;
  produces: readonly EventContract<any>[];
  /** Builds the service's root module from the runtime's resources. */
  module(r: { dataSource: DataSource; messaging: Messaging; log: Logger }): DynamicModule;
  /** Runs after migrations, before the service takes traffic (e.g. seeding defaults once). */
  prepare?(r: { dataSource: DataSource; log: Logger }): Promise<void>;
}

export interface RunOptions {
  settings: ServiceSettings;
  log?: Logger;
  bus?: InProcessBus;
  consumerGroup?: string;
  relay?: Partial<RelayOptions>;
  retry?: RetryPolicy;
}

export interface RunningService {
  name: string;
  app: INestApplication;
  dataSource: DataSource;
  messaging: Messaging;
  url: string;
  stop(): Promise<void>;
}

/**
 * How every service boots, alone or beside the others in the launcher: its own database (migrations
 * run first), its own outbox relay and consumer group, its HTTP API with OpenAPI at /docs.
 */
export async function runService(def: ServiceDefinition, o: RunOptions): Promise<RunningService> {
  const log = o.log ?? createLogger(def.name);
  const s = o.settings;
  const dataSource = await openDataSource({
    url: s.databaseUrl,
    applicationName: def.name,
    entities: def.entities ?? [],
    migrations: [MessagingTables1732700000000, ...(def.migrations as Function[])],
    log,
  });
  try {
    await def.prepare?.({ dataSource, log });
    const messaging = new Messaging({
      service: def.name,
      consumerGroup: o.consumerGroup,
      dataSource,
      databaseUrl: s.databaseUrl,
      transport:
        s.transport === 'kafka'
          ? { kind: 'kafka', kafka: { brokers: s.kafkaBrokers!, clientId: def.name, topicPartitions: s.kafkaPartitions, replicationFactor: s.kafkaReplicationFactor, topicPrefix: s.kafkaTopicPrefix } }
          : { kind: 'in-process', bus: o.bus },
      produces: def.produces,
      log,
      relay: o.relay,
      retry: o.retry,
    });
    const app = await NestFactory.create(def.module({ dataSource, messaging, log }), { logger: new PinoNestLogger(log), abortOnError: false });
    configureHttpApp(app, { title: def.title, description: def.description, version: '1', log });
    // Not the HTTP filters and pipes: a handler's error reaches the event transport as it is (issue 10: "res.status is not a function").
    app.connectMicroservice({ strategy: messaging.eventServer() }, { inheritAppConfig: false });
    await app.startAllMicroservices();
    await messaging.start();
    // Port 0 (tests) picks a free port.
    await app.listen(s.port, '0.0.0.0');
    const url = (await app.getUrl()).replace('[::1]', '127.0.0.1').replace('0.0.0.0', '127.0.0.1');
    log.info({ url, docs: `${url}/docs`, transport: s.transport }, `${def.name} ready`);
    let stopped = false;
    return {
      name: def.name,
      app,
      dataSource,
      messaging,
      url,
      async stop() {
        if (stopped) return;
        stopped = true;
        await messaging.stop();
        await app.close();
        await dataSource.destroy();
      },
    };
  } catch (e) {
    await dataSource.destroy().catch(() => undefined);
    throw e;
  }
}

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedPostgres } from '../../libs/persistence/src/embedded-postgres';
import { freePorts } from './infra';
import { startKafkaBroker } from './kafka-broker';
import { TEST_KAFKA_SASL_ENV, testBrokerScram } from './kafka-logins';
import { TEST_RUN_DIR_ENV } from './run-scan';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { kafkaSuitesEnabled, externalKafkaBrokers } = require('./kafka-availability');

/**
 * Starts the real infrastructure once for the whole run: an embedded Postgres server (each test
 * file makes its own databases in it) and, when Kafka suites run, a single-node KRaft broker.
 * Connection details reach the test workers through the environment.
 */
export default async function globalSetup(): Promise<void> {
  const started: Array<{ stop(): Promise<void> }> = [];
  (globalThis as Record<string, unknown>).__JIUZHU_INFRA__ = started;
  // The services' logs of this run, which the global teardown scans for personal data.
  process.env[TEST_RUN_DIR_ENV] = mkdtempSync(join(tmpdir(), 'jiuzhu-test-run-'));

  if (process.env.TEST_DATABASE_ADMIN_URL) {
    // An external server was given (e.g. a Postgres cluster); use it as is.
  } else {
    const pg = await startEmbeddedPostgres({
      dataDir: mkdtempSync(join(tmpdir(), 'jiuzhu-test-pg-')),
      port: (await freePorts(1))[0],
      persistent: false,
    });
    started.push(pg);
    process.env.TEST_DATABASE_ADMIN_URL = pg.url;
  }

  if (kafkaSuitesEnabled()) {
    const external = externalKafkaBrokers();
    if (external) {
      process.env.TEST_KAFKA_BROKERS = external;
    } else {
      const t = Date.now();
      // As a bureau's cluster should be: SASL/SCRAM logins and ACLs (test/support/kafka-security.ts).
      const kafka = await startKafkaBroker({ workDir: mkdtempSync(join(tmpdir(), 'jiuzhu-test-kafka-')), scram: testBrokerScram() });
      started.push(kafka);
      process.env.TEST_KAFKA_BROKERS = kafka.brokers;
      process.env[TEST_KAFKA_SASL_ENV] = 'scram-sha-512';
      process.stderr.write(`\n[test infra] Kafka broker ${kafka.brokers} ready in ${((Date.now() - t) / 1000).toFixed(1)} s\n`);
    }
  }
}

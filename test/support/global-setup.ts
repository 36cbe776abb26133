import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Config } from '@jest/types';
import { startEmbeddedPostgres } from '../../libs/persistence/src/embedded-postgres';
import { freePorts } from './infra';
import { startKafkaBroker } from './kafka-broker';
import { TEST_KAFKA_SASL_ENV, testBrokerScram } from './kafka-logins';
import { recordFailure, startKeycloak } from './keycloak';
import { TEST_RUN_DIR_ENV } from './run-scan';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { kafkaSuitesEnabled, externalKafkaBrokers } = require('./kafka-availability');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { keycloakSuitesEnabled, externalKeycloakUrl, keycloakSpecFiles } = require('./keycloak-availability');

/**
 * Starts the real infrastructure once for the whole run: an embedded Postgres server (each test
 * file makes its own databases in it), when Kafka suites run a single-node KRaft broker, and when a
 * Keycloak suite is selected a Keycloak (in the background: the suites wait for it, the others do
 * not). Connection details reach the test workers through the environment.
 */
export default async function globalSetup(globalConfig: Config.GlobalConfig): Promise<void> {
  const started: Array<{ stop(): Promise<void> }> = [];
  (globalThis as Record<string, unknown>).__JIUZHU_INFRA__ = started;
  // The services' logs of this run, which the global teardown scans for personal data.
  process.env[TEST_RUN_DIR_ENV] = mkdtempSync(join(tmpdir(), 'jiuzhu-test-run-'));

  if (keycloakSuitesEnabled() && keycloakSuiteSelected(globalConfig)) {
    const external = externalKeycloakUrl();
    if (external) {
      process.env.TEST_KEYCLOAK_URL = external;
    } else {
      const t = Date.now();
      const keycloak = startKeycloak({ port: (await freePorts(1))[0] });
      started.push(keycloak);
      const failure = join(mkdtempSync(join(tmpdir(), 'jiuzhu-test-keycloak-')), 'failure.txt');
      process.env.TEST_KEYCLOAK_URL = keycloak.url;
      process.env.TEST_KEYCLOAK_FAILURE = failure;
      keycloak.ready.then(
        () => process.stderr.write(`\n[test infra] Keycloak ${keycloak.url} ready in ${((Date.now() - t) / 1000).toFixed(1)} s\n`),
        (e: unknown) => recordFailure(failure, e),
      );
    }
  }

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

/** Whether this run selects a *.keycloak.spec.ts file (a 25-s start is not paid by runs that do not). */
function keycloakSuiteSelected(globalConfig: Config.GlobalConfig): boolean {
  // --selectProjects is not in the global config; the Keycloak suites live in the main project.
  const select = process.argv.indexOf('--selectProjects');
  if (select >= 0 && !process.argv.slice(select + 1).some((a) => a === 'main')) return false;
  const patterns = globalConfig.testPathPatterns?.patterns ?? [];
  const files: string[] = keycloakSpecFiles();
  return files.length > 0 && (patterns.length === 0 || files.some((f) => patterns.some((p) => new RegExp(p, 'i').test(f))));
}

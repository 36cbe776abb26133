// The run's personal-data scan, from jest's globalTeardown. Relative imports only (see pii-scan.ts).
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { describeFindings, PiiFinding, scanLogDir, scanTopics, seededPersonalStrings } from './pii-scan';
import { testSasl } from './kafka-logins';

/** Where a run's captured logs go (set by globalSetup; test/support/services.ts testLogger writes there). */
export const TEST_RUN_DIR_ENV = 'TEST_RUN_DIR';

/**
 * Scans what the run left behind: every service log the suites captured under the run directory and
 * every message on the run's Kafka broker. It runs in jest's globalTeardown because that is the one
 * point after every suite of every project has finished. Jest orders neither files nor projects (a
 * "last" suite or project is not guaranteed to run last, and --runInBand does not change that).
 * Throwing there fails the run with this message.
 * Resolves with what was scanned; rejects with the findings.
 */
export async function scanTestRun(o: { runDir?: string; brokers?: string[] }): Promise<string> {
  const root = resolve(__dirname, '..', '..');
  const needles = seededPersonalStrings(root);
  const findings: PiiFinding[] = [];
  const logs = o.runDir ? join(o.runDir, 'logs') : undefined;
  if (logs && existsSync(logs)) findings.push(...scanLogDir(logs, needles, o.runDir));
  let topics = '';
  if (o.brokers) {
    const sasl = testSasl();
    const kafka = new Kafka({ clientId: 'pii-scan', brokers: o.brokers, logLevel: logLevel.NOTHING, ...(sasl ? { sasl } : {}) });
    const t = Date.now();
    const scanned = await scanTopics(kafka, needles);
    findings.push(...scanned.findings);
    topics = `, ${scanned.messages} messages on ${scanned.topics} topics in ${((Date.now() - t) / 1000).toFixed(1)} s`;
  }
  if (findings.length) throw new Error(describeFindings(findings, o.runDir));
  return `PII scan: no resident ID number and none of the fixtures' ${needles.length} names, phone numbers and addresses in the service logs${topics}`;
}

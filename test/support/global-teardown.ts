import { rmSync } from 'node:fs';
import { scanTestRun, TEST_RUN_DIR_ENV } from './run-scan';

/**
 * After every suite: the personal-data scan of the run's service logs and Kafka topics (issue 12;
 * why here, in run-scan.ts), then the infrastructure stops. A hit fails the run, naming where, and
 * keeps the logs for reading.
 */
export default async function globalTeardown(): Promise<void> {
  const runDir = process.env[TEST_RUN_DIR_ENV];
  const brokers = process.env.TEST_KAFKA_BROKERS?.split(',');
  let scan: unknown;
  try {
    process.stderr.write(`\n[test infra] ${await scanTestRun({ runDir, brokers })}\n`);
  } catch (e) {
    scan = e;
  }
  const started = ((globalThis as Record<string, unknown>).__JIUZHU_INFRA__ ?? []) as Array<{ stop(): Promise<void> }>;
  for (const s of started.reverse()) await s.stop().catch((e: unknown) => process.stderr.write(`teardown: ${String(e)}\n`));
  if (scan) throw scan;
  if (runDir) rmSync(runDir, { recursive: true, force: true });
}

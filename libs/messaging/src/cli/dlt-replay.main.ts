import '../../../common/src/runtime/register-aliases';
import { ConfigError } from '@jiuzhu/common';
import { kafkaSecurityFromEnv } from '../transports/kafka-config';
import { replayDeadLetters } from './dlt-replay';

/**
 * `npm run dlt:replay -- <topic> [--since <ISO instant>] [--group <consumer group>]` — republishes
 * the dead letters of `<topic>` (from `<topic>.dlt`) to it; brokers from KAFKA_BROKERS, the operator's
 * login from KAFKA_SASL_MECHANISM, KAFKA_USERNAME, KAFKA_PASSWORD (and KAFKA_SSL), as for a service.
 */
const USAGE = 'usage: npm run dlt:replay -- <topic> [--since <ISO instant>] [--group <consumer group>]   (brokers from KAFKA_BROKERS)';

function parse(argv: string[]): { topic: string; since?: Date; consumerGroup?: string } {
  const positional: string[] = [];
  const flags: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    if (argv[i].startsWith('--')) flags[argv[i].slice(2)] = argv[++i] ?? '';
    else positional.push(argv[i]);
  }
  const unknown = Object.keys(flags).filter((f) => f !== 'since' && f !== 'group');
  if (positional.length !== 1 || unknown.length) throw new Error(USAGE);
  const since = flags.since !== undefined ? new Date(flags.since) : undefined;
  if (since && Number.isNaN(since.getTime())) throw new Error(`--since ${flags.since} is not an ISO instant (e.g. 2026-12-01T08:00:00Z)\n${USAGE}`);
  return { topic: positional[0], since, consumerGroup: flags.group };
}

async function main(): Promise<void> {
  const brokers = (process.env.KAFKA_BROKERS ?? '').split(',').map((b) => b.trim()).filter(Boolean);
  if (brokers.length === 0) throw new Error(`KAFKA_BROKERS is required (host:port[,host:port…])\n${USAGE}`);
  const args = parse(process.argv.slice(2));
  const security = kafkaSecurityFromEnv((name) => process.env[name]);
  await replayDeadLetters({ brokers, ...security, ...args, progress: (line) => process.stdout.write(`${line}\n`) });
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof ConfigError ? e.problems.join('\n') : e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});

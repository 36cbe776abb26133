import { EnvSpec, loadConfig, parsers } from '@jiuzhu/common';

export interface ServiceConfig {
  databaseUrl: string;
  port: number;
  transport: 'kafka' | 'in-process';
  kafkaBrokers: string[] | null;
  kafkaPartitions: number;
  kafkaReplicationFactor: number;
  refKey: string;
}

/**
 * Settings of one service. When several services share a process (the embedded default) each reads
 * `<SERVICE>_<NAME>` first, e.g. `LIVING_ALLOWANCE_DATABASE_URL`, then the plain `<NAME>`.
 */
export function loadServiceConfig(prefix: string, defaultPort: number, env: NodeJS.ProcessEnv = process.env): ServiceConfig {
  const view = new Proxy(env, { get: (e, k: string) => e[`${prefix}_${k}`] ?? e[k] });
  const hasKafka = Boolean(view.KAFKA_BROKERS);
  const base: EnvSpec<Omit<ServiceConfig, 'kafkaBrokers'>> = {
    databaseUrl: { env: 'DATABASE_URL', description: `Postgres connection string of this service's own database (or ${prefix}_DATABASE_URL)`, parse: parsers.postgresUrl },
    port: { env: 'PORT', description: `HTTP port (or ${prefix}_PORT)`, default: String(defaultPort), parse: parsers.port },
    transport: {
      env: 'EVENT_TRANSPORT',
      description: 'event transport: kafka (needs KAFKA_BROKERS) or in-process (one process only)',
      default: hasKafka ? 'kafka' : 'in-process',
      parse: parsers.oneOf('kafka', 'in-process'),
    },
    kafkaPartitions: { env: 'KAFKA_TOPIC_PARTITIONS', description: 'partitions of topics created on start', default: '3', parse: parsers.positiveInt },
    kafkaReplicationFactor: { env: 'KAFKA_REPLICATION_FACTOR', description: 'replication factor of topics created on start', default: '1', parse: parsers.positiveInt },
    refKey: { env: 'REF_KEY', description: 'secret key for personRef/householdRef hashes (same value in every service)', parse: parsers.secret },
  };
  const cfg = loadConfig(base, view);
  if (cfg.transport === 'kafka') {
    const { kafkaBrokers } = loadConfig(
      { kafkaBrokers: { env: 'KAFKA_BROKERS', description: 'Kafka bootstrap servers host:port[,host:port]', parse: parsers.brokers } },
      view,
    );
    return { ...cfg, kafkaBrokers };
  }
  return { ...cfg, kafkaBrokers: null };
}

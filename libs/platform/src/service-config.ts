import { AuthConfig, loadAuthConfig } from '@jiuzhu/auth';
import { ConfigError, EnvSpec, loadConfig, parsers, prefixedEnv } from '@jiuzhu/common';
import { KafkaSasl, kafkaSecurityFromEnv } from '@jiuzhu/messaging';

export interface ServiceConfig {
  /** `LIVING_ALLOWANCE`: the prefix of this service's own variables (named in start-up errors). */
  envPrefix: string;
  databaseUrl: string;
  port: number;
  /** Address HTTP binds: loopback unless opened on purpose (containers set 0.0.0.0). */
  host: string;
  transport: 'kafka' | 'in-process';
  kafkaBrokers: string[] | null;
  kafkaPartitions: number;
  kafkaReplicationFactor: number;
  /** The service's own login on the broker (`<PREFIX>_KAFKA_USERNAME`…); none on an open broker. */
  kafkaSasl?: KafkaSasl;
  kafkaSsl?: boolean;
  refKey: string;
  outboxRetentionDays: number;
  inboxRetentionDays: number;
  /** Readiness fails when the oldest unpublished event is older than this. */
  outboxMaxAgeSeconds: number;
  /** Web console origins allowed by CORS (CONSOLE_ORIGIN, comma-separated); empty: none. */
  consoleOrigins: string[];
  /** Whose access tokens the service accepts (`AUTH_ISSUER`, `AUTH_AUDIENCE`, … — libs/auth). */
  auth: AuthConfig;
}

/** An IP address or host name to bind (no port). */
function bindAddress(raw: string) {
  return /^[A-Za-z0-9.:-]+$/.test(raw) && !/^\d+$/.test(raw)
    ? { ok: true as const, value: raw }
    : { ok: false as const, reason: 'must be an IP address or host name, e.g. 127.0.0.1 or 0.0.0.0' };
}

/**
 * Settings of one service. When several services share a process (the embedded default) each reads
 * `<SERVICE>_<NAME>` first, e.g. `LIVING_ALLOWANCE_DATABASE_URL`, then the plain `<NAME>`.
 */
export function loadServiceConfig(prefix: string, defaultPort: number, env: NodeJS.ProcessEnv = process.env): ServiceConfig {
  const view = prefixedEnv(prefix, env);
  const hasKafka = Boolean(view.KAFKA_BROKERS);
  const base: EnvSpec<Omit<ServiceConfig, 'kafkaBrokers' | 'envPrefix' | 'consoleOrigins' | 'auth'>> = {
    databaseUrl: { env: 'DATABASE_URL', description: `Postgres connection string of this service's own database (or ${prefix}_DATABASE_URL)`, parse: parsers.postgresUrl },
    port: { env: 'PORT', description: `HTTP port (or ${prefix}_PORT)`, default: String(defaultPort), parse: parsers.port },
    host: { env: 'HOST', description: `address HTTP binds, 0.0.0.0 for every interface (or ${prefix}_HOST)`, default: '127.0.0.1', parse: bindAddress },
    transport: {
      env: 'EVENT_TRANSPORT',
      description: 'event transport: kafka (needs KAFKA_BROKERS) or in-process (one process only)',
      default: hasKafka ? 'kafka' : 'in-process',
      parse: parsers.oneOf('kafka', 'in-process'),
    },
    kafkaPartitions: { env: 'KAFKA_TOPIC_PARTITIONS', description: 'partitions of topics created on start', default: '3', parse: parsers.positiveInt },
    kafkaReplicationFactor: { env: 'KAFKA_REPLICATION_FACTOR', description: 'replication factor of topics created on start', default: '1', parse: parsers.positiveInt },
    refKey: { env: 'REF_KEY', description: 'secret key for personRef/householdRef hashes (same value in every service)', parse: parsers.secret },
    outboxRetentionDays: { env: 'OUTBOX_RETENTION_DAYS', description: 'days a published event stays in the outbox', default: '7', parse: parsers.positiveInt },
    // Longer than any redelivery can come late (Kafka keeps topics 7 days by default): an event whose
    // inbox record was pruned would be applied a second time.
    inboxRetentionDays: { env: 'INBOX_RETENTION_DAYS', description: 'days a handled event\'s inbox record is kept', default: '30', parse: parsers.positiveInt },
    outboxMaxAgeSeconds: { env: 'OUTBOX_MAX_AGE_SECONDS', description: 'readiness fails when an unpublished event is older than this', default: '300', parse: parsers.positiveInt },
  };
  const consoleOrigin: EnvSpec<Pick<ServiceConfig, 'consoleOrigins'>> = {
    consoleOrigins: { env: 'CONSOLE_ORIGIN', description: 'origin(s) of the web console that browsers may call this API from, comma-separated', parse: parsers.origins },
  };
  // Each part says all that is wrong with it; together, a start with nothing set names every
  // missing variable at once (the database, the key, the issuer), not one per attempt.
  const [service, origins, auth] = allOrNothing(
    () => loadConfig(base, view),
    () => (view.CONSOLE_ORIGIN ? loadConfig(consoleOrigin, view) : { consoleOrigins: [] }),
    () => loadAuthConfig(prefix, env),
  );
  const cfg = { ...service, ...origins, auth };
  if (cfg.transport === 'kafka') {
    const { kafkaBrokers } = loadConfig(
      { kafkaBrokers: { env: 'KAFKA_BROKERS', description: 'Kafka bootstrap servers host:port[,host:port]', parse: parsers.brokers } },
      view,
    );
    const { sasl, ssl } = kafkaSecurityFromEnv((name) => view[name]);
    return { ...cfg, envPrefix: prefix, kafkaBrokers, kafkaSasl: sasl, kafkaSsl: ssl };
  }
  return { ...cfg, envPrefix: prefix, kafkaBrokers: null };
}

/** Every loader's result, or one ConfigError with all of their problems. */
function allOrNothing<A, B, C>(...loads: [() => A, () => B, () => C]): [A, B, C] {
  const problems: string[] = [];
  const results = loads.map((load) => {
    try {
      return load();
    } catch (e) {
      if (!(e instanceof ConfigError)) throw e;
      problems.push(...e.problems);
      return undefined;
    }
  });
  if (problems.length) throw new ConfigError(problems);
  return results as [A, B, C];
}

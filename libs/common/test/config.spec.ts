import { ConfigError, loadConfig, parsers } from '../src';
import { loadServiceConfig } from '../../platform/src/service-config';

/** Whose tokens the service accepts: required of every service (issue 12). */
const AUTH = { AUTH_ISSUER: 'https://sso.example.gov.cn/realms/jiuzhu', AUTH_AUDIENCE: 'jiuzhu' };

describe('configuration from environment variables', () => {
  const spec = {
    url: { env: 'DATABASE_URL', description: 'database', parse: parsers.postgresUrl },
    port: { env: 'PORT', description: 'port', default: '3001', parse: parsers.port },
  };

  it('uses defaults and parses values', () => {
    expect(loadConfig(spec, { DATABASE_URL: 'postgres://u:p@h:5432/d' })).toEqual({ url: 'postgres://u:p@h:5432/d', port: 3001 });
  });

  it('names every missing or bad variable with its reason, all at once', () => {
    try {
      loadConfig(spec, { PORT: '70000' });
      throw new Error('expected a ConfigError');
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      expect((e as ConfigError).problems).toEqual([
        'DATABASE_URL is required (database)',
        'PORT="70000" is invalid: must be a port number 0-65535 (port)',
      ]);
    }
  });

  it('a service reads its prefixed variables first, so several services can share one process', () => {
    const cfg = loadServiceConfig('LIVING_ALLOWANCE', 3001, {
      DATABASE_URL: 'postgres://shared/db',
      LIVING_ALLOWANCE_DATABASE_URL: 'postgres://own/db',
      REF_KEY: 'a-long-enough-secret-key',
      ...AUTH,
      LIVING_ALLOWANCE_AUTH_AUDIENCE: 'jiuzhu-living-allowance',
    });
    expect(cfg).toMatchObject({ databaseUrl: 'postgres://own/db', port: 3001, transport: 'in-process', kafkaBrokers: null, auth: { issuer: AUTH.AUTH_ISSUER, audience: ['jiuzhu-living-allowance'] } });
  });

  it('a service started with nothing set names every missing variable at once, the issuer and audience of its tokens among them', () => {
    try {
      loadServiceConfig('LIVING_ALLOWANCE', 3001, {});
      throw new Error('expected a ConfigError');
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      expect((e as ConfigError).problems.map((p) => p.split(' ')[0])).toEqual(['DATABASE_URL', 'REF_KEY', 'AUTH_ISSUER', 'AUTH_AUDIENCE']);
    }
  });

  it('switches to Kafka when brokers are given, and refuses a malformed broker list', () => {
    const base = { DATABASE_URL: 'postgres://h/d', REF_KEY: 'a-long-enough-secret-key', ...AUTH };
    expect(loadServiceConfig('X', 1, { ...base, KAFKA_BROKERS: 'k1:9092,k2:9092' })).toMatchObject({ transport: 'kafka', kafkaBrokers: ['k1:9092', 'k2:9092'] });
    expect(() => loadServiceConfig('X', 1, { ...base, KAFKA_BROKERS: 'k1' })).toThrow(/KAFKA_BROKERS="k1" is invalid/);
    expect(() => loadServiceConfig('X', 1, { ...base, EVENT_TRANSPORT: 'kafka' })).toThrow(/KAFKA_BROKERS is required/);
  });

  it('on Kafka a service logs in as itself: its own prefixed login first, TLS when KAFKA_SSL=true', () => {
    const base = { DATABASE_URL: 'postgres://h/d', REF_KEY: 'a-long-enough-secret-key', ...AUTH, KAFKA_BROKERS: 'k1:9093', KAFKA_SASL_MECHANISM: 'scram-sha-512', KAFKA_SSL: 'true' };
    const cfg = loadServiceConfig('LIVING_ALLOWANCE', 3001, { ...base, LIVING_ALLOWANCE_KAFKA_USERNAME: 'living-allowance', LIVING_ALLOWANCE_KAFKA_PASSWORD: 'la-secret', KAFKA_USERNAME: 'someone-else', KAFKA_PASSWORD: 'x' });
    expect(cfg).toMatchObject({ kafkaSasl: { mechanism: 'scram-sha-512', username: 'living-allowance', password: 'la-secret' }, kafkaSsl: true });
    expect(loadServiceConfig('X', 1, { DATABASE_URL: 'postgres://h/d', REF_KEY: 'a-long-enough-secret-key', ...AUTH, KAFKA_BROKERS: 'k1:9092' })).toMatchObject({ kafkaSasl: undefined, kafkaSsl: false });
  });

  it('half a Kafka login is refused at start, one line naming what is missing', () => {
    const base = { DATABASE_URL: 'postgres://h/d', REF_KEY: 'a-long-enough-secret-key', ...AUTH, KAFKA_BROKERS: 'k1:9092' };
    const problems = (env: Record<string, string>) => {
      try {
        loadServiceConfig('X', 1, { ...base, ...env });
        return [];
      } catch (e) {
        return (e as ConfigError).problems;
      }
    };
    expect(problems({ KAFKA_SASL_MECHANISM: 'scram-sha-512', KAFKA_PASSWORD: 'p' })).toEqual(["KAFKA_USERNAME is required with KAFKA_SASL_MECHANISM=scram-sha-512 (the service's principal on the broker)"]);
    expect(problems({ KAFKA_USERNAME: 'u', KAFKA_PASSWORD: 'p' })).toEqual(['KAFKA_USERNAME/KAFKA_PASSWORD are set but KAFKA_SASL_MECHANISM is not (one of scram-sha-512, scram-sha-256, plain)']);
    expect(problems({ KAFKA_SASL_MECHANISM: 'gssapi', KAFKA_USERNAME: 'u', KAFKA_PASSWORD: 'p' })).toEqual(['KAFKA_SASL_MECHANISM="gssapi" is invalid: must be one of scram-sha-512, scram-sha-256, plain']);
    expect(problems({ KAFKA_SASL_MECHANISM: 'plain', KAFKA_USERNAME: 'u', KAFKA_PASSWORD: 'p' })).toEqual(['KAFKA_SASL_MECHANISM=plain sends the password in clear: set KAFKA_SSL=true, or use scram-sha-512']);
    expect(problems({ KAFKA_SSL: 'yes' })).toEqual(['KAFKA_SSL="yes" is invalid: must be true or false (TLS to the brokers)']);
  });

  it('refuses a short reference key: personRef hashes must not be guessable', () => {
    expect(() => loadServiceConfig('X', 1, { DATABASE_URL: 'postgres://h/d', REF_KEY: 'short' })).toThrow(/REF_KEY.*at least 16/);
  });

  it('allows CORS for no origin unless CONSOLE_ORIGIN names the console’s, exactly as a browser sends it', () => {
    const base = { DATABASE_URL: 'postgres://h/d', REF_KEY: 'a-long-enough-secret-key', ...AUTH };
    expect(loadServiceConfig('X', 1, base).consoleOrigins).toEqual([]);
    expect(loadServiceConfig('X', 1, { ...base, CONSOLE_ORIGIN: 'https://console.example.gov.cn, http://127.0.0.1:5173' }).consoleOrigins).toEqual([
      'https://console.example.gov.cn',
      'http://127.0.0.1:5173',
    ]);
    for (const bad of ['https://console.example.gov.cn/', 'https://console.example.gov.cn/app', '*', 'console.example.gov.cn']) {
      expect(() => loadServiceConfig('X', 1, { ...base, CONSOLE_ORIGIN: bad })).toThrow(/CONSOLE_ORIGIN=.* is invalid: .*is not an origin/);
    }
  });
});

describe('the legal date in Asia/Shanghai', () => {
  it.each(['2026-03-01T15:59:59.999Z', '2026-03-01T16:00:00.000Z', '2026-12-31T16:30:00Z', '2027-01-01T00:00:00Z', '2028-02-28T17:00:00Z'])(
    'the fixed UTC+8 shortcut agrees with the Intl time zone database at %s',
    async (iso) => {
      const { shanghaiDateOf, todayInShanghai } = await import('../src');
      expect(shanghaiDateOf(new Date(iso))).toBe(todayInShanghai(new Date(iso)));
    },
  );
});

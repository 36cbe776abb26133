// Who is who on the test broker. Relative imports only: jest's globalSetup and globalTeardown load
// this without the @jiuzhu/* module mapping.
import type { BrokerScram, ScramLogin } from './kafka-broker';

/**
 * The harness's own login: a super user, which makes the services' ACLs and stands in for "another
 * service" when a test injects events or reads topics. Test-only secrets (letters and dashes: the
 * storage tool's --add-scram syntax splits on `,` `=` and `]`).
 */
export const TEST_KAFKA_SUPER_USER: ScramLogin = { username: 'jiuzhu-test-admin', password: 'test-admin-password-not-a-secret' };

/** One login per service, named as the service: its principal is `User:<service>`, and its ACLs are its own. */
export const TEST_KAFKA_SERVICE_LOGINS: Readonly<Record<string, ScramLogin>> = {
  'living-allowance': { username: 'living-allowance', password: 'living-allowance-test-password' },
  'elder-assessment': { username: 'elder-assessment', password: 'elder-assessment-test-password' },
  'hardship-registry': { username: 'hardship-registry', password: 'hardship-registry-test-password' },
};

/** What globalSetup formats the broker's storage with. */
export function testBrokerScram(): BrokerScram {
  return { superUser: TEST_KAFKA_SUPER_USER, users: Object.values(TEST_KAFKA_SERVICE_LOGINS) };
}

/** Set by globalSetup when the broker it started takes SCRAM logins (an external KAFKA_BROKERS may not). */
export const TEST_KAFKA_SASL_ENV = 'TEST_KAFKA_SASL';

export function testBrokerHasLogins(): boolean {
  return process.env[TEST_KAFKA_SASL_ENV] === 'scram-sha-512';
}

/** kafkajs `sasl` for `login` on the test broker, or nothing when the broker takes no logins. */
export function testSasl(login: ScramLogin = TEST_KAFKA_SUPER_USER): { mechanism: 'scram-sha-512'; username: string; password: string } | undefined {
  return testBrokerHasLogins() ? { mechanism: 'scram-sha-512', ...login } : undefined;
}

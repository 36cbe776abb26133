import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REGISTERED_SERVICES } from '../../apps/launcher/src/services';
import { CONSUMED_TOPICS } from '../support/kafka-security';

/**
 * Every service the launcher starts runs wherever the others do: a block in docker/compose.yaml
 * (its own Postgres, Kafka, the AUTH_* settings of the identity provider, its port — the image's
 * HEALTHCHECK probes /health/live on it), a manifest in k8s/ (Deployment, Service, ConfigMap with
 * AUTH_*, liveness /health/live, readiness /health/ready) and its Kafka ACLs in docs/security.md.
 * A new service added to apps/launcher/src/services.ts alone fails here until it has them.
 */
const ROOT = join(__dirname, '..', '..');
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');
const compose = read('docker/compose.yaml');
const security = read('docs/security.md');

/** The `services:` entries of the compose file: name → its indented block. */
function composeServices(text: string): Map<string, string> {
  const body = text.split(/^services:\n/m)[1] ?? '';
  const out = new Map<string, string>();
  for (const m of body.matchAll(/^ {2}([a-z][a-z0-9-]*):\n((?:(?: {4}.*)?\n|(?: {2}#.*\n))*)/gm)) out.set(m[1], m[2]);
  return out;
}

const services = composeServices(compose);
const named = REGISTERED_SERVICES.map((s) => ({ ...s, name: s.database.replace(/_/g, '-') }));

describe.each(named)('$name', ({ name, database, defaultPort }) => {
  it('has a compose block with its own database, Kafka, the identity provider’s AUTH settings and its port', () => {
    const block = services.get(name);
    expect(block).toBeDefined();
    expect(block).toContain(`APP: ${name}`);
    expect(block).toContain('<<: *trust-keycloak');
    expect(block).toMatch(/KAFKA_BROKERS: \S+/);
    expect(block).toContain(`PORT: "${defaultPort}"`);
    expect(block).toContain(`"${defaultPort}:${defaultPort}"`);
    const db = /DATABASE_URL: postgres:\/\/[^@]+@([a-z0-9-]+):5432\/(\w+)/.exec(block!);
    expect(db?.[2]).toBe(database);
    // Its own Postgres: a server of its own in the file, shared with no other service.
    const host = db![1];
    expect(services.get(host)).toContain(`POSTGRES_DB: ${database}`);
    const others = [...services].filter(([n, b]) => n !== name && b.includes(`@${host}:5432/`));
    expect(others.map(([n]) => n)).toEqual([]);
  });

  it('has a k8s manifest: Deployment, Service, ConfigMap with AUTH_*, liveness /health/live, readiness /health/ready', () => {
    const path = `k8s/${name}.yaml`;
    expect(existsSync(join(ROOT, path))).toBe(true);
    const manifest = read(path);
    for (const kind of ['Deployment', 'Service', 'ConfigMap', 'Secret']) expect(manifest).toMatch(new RegExp(`^kind: ${kind}$`, 'm'));
    for (const key of ['AUTH_ISSUER', 'AUTH_AUDIENCE', 'AUTH_ROLES_CLAIM', 'AUTH_JURISDICTION_CLAIM']) expect(manifest).toMatch(new RegExp(`^ {2}${key}: \\S+`, 'm'));
    expect(manifest).toContain(`PORT: "${defaultPort}"`);
    expect(manifest).toContain(`containerPort: ${defaultPort}`);
    expect(manifest).toContain(`image: jiuzhu/${name}:`);
    expect(manifest).toMatch(/livenessProbe: \{ httpGet: \{ path: \/health\/live,/);
    expect(manifest).toMatch(/readinessProbe: \{ httpGet: \{ path: \/health\/ready,/);
    expect(manifest).toContain(`KAFKA_USERNAME: ${name}`);
    expect(manifest).toContain(`/${database}\n`);
  });

  it('has its Kafka ACLs in docs/security.md: the topics it reads, as the test broker grants them, and its group', () => {
    const row = security.split('\n').find((l) => l.startsWith(`| \`User:${name}\` |`));
    expect(row).toBeDefined();
    const [, , writes, reads, group] = row!.split('|').map((c) => c.trim());
    expect(group).toBe(`\`jiuzhu.${name}\``);
    expect(CONSUMED_TOPICS[name]).toBeDefined();
    const listed = (cell: string) => [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1]);
    expect(listed(reads).sort()).toEqual([...CONSUMED_TOPICS[name]].sort());
    // Its consumers dead-letter into the `.dlt` of each topic they read.
    expect(listed(writes)).toEqual(expect.arrayContaining(CONSUMED_TOPICS[name].map((t) => `${t}.dlt`)));
  });
});

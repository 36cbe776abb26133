import { Controller, Get, Module } from '@nestjs/common';
import { ApiOkResponse } from '@nestjs/swagger';
import { ConfigError } from '@jiuzhu/common';
import { Access, Actor, CurrentActor, routesWithoutAccessPolicy } from '@jiuzhu/auth';
import { InProcessBus } from '@jiuzhu/messaging';
import { freshDatabase } from '../../../test/support/infra';
import { http, testLogger } from '../../../test/support/services';
import { startTestIssuer, TestIssuer } from '../../../test/support/test-issuer';
import { RunningService, runService, ServiceDefinition, ServiceSettings } from '../src';

@Controller('cases')
class ProbeController {
  @Get()
  @Access({ roles: ['caseworker'], jurisdiction: 'scoped' })
  @ApiOkResponse({ description: 'who asked' })
  list(@CurrentActor() actor: Actor) {
    return { actor: actor.id, jurisdiction: actor.jurisdiction };
  }
}

@Module({ controllers: [ProbeController] })
class ProbeModule {}

const probe = (): ServiceDefinition => ({
  name: 'access-probe',
  title: 'Access probe',
  description: 'a service of one route, to see what the platform adds',
  migrations: [],
  produces: [],
  module: () => ({ module: ProbeModule }),
});

describe('every service: access tokens and declared access', () => {
  let idp: TestIssuer;
  let svc: RunningService;
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  let settings: ServiceSettings;

  beforeAll(async () => {
    idp = await startTestIssuer();
    db = await freshDatabase('access');
    settings = { databaseUrl: db.url, port: 0, transport: 'in-process', kafkaBrokers: null, kafkaPartitions: 1, kafkaReplicationFactor: 1, consoleOrigins: ['http://127.0.0.1:5173'], auth: idp.config() };
    svc = await runService(probe(), { settings, bus: new InProcessBus(), log: testLogger() });
  });
  afterAll(async () => {
    await svc?.stop();
    await db?.drop();
    await idp?.stop();
  });

  it('keeps health, metrics, the clock and the API documentation public', async () => {
    for (const path of ['/health/live', '/health/ready', '/health', '/metrics', '/clock', '/docs', '/docs/openapi.json']) {
      expect([path, (await fetch(svc.url + path)).status]).toEqual([path, 200]);
    }
    expect((await fetch(svc.url + '/', { redirect: 'manual' })).status).toBe(302);
    expect(routesWithoutAccessPolicy(svc.app)).toEqual([]);
  });

  it('admits its own routes only with a token, and documents the bearer scheme', async () => {
    expect((await http(svc.url, 'GET', '/cases', undefined, { 'x-actor-id': 'cw-1', 'x-actor-role': 'caseworker' })).status).toBe(401);
    const ok = await http(svc.url, 'GET', '/cases', undefined, { authorization: `Bearer ${await idp.staff('caseworker', '640205001', { sub: 'cw-640205001' })}` });
    expect(ok).toMatchObject({ status: 200, body: { actor: 'cw-640205001', jurisdiction: '640205001' } });
    const doc = (await http(svc.url, 'GET', '/docs/openapi.json')).body;
    expect(doc.components.securitySchemes).toHaveProperty('bearer');
    expect(doc.paths['/cases'].get['x-roles']).toEqual(['caseworker']);
  });

  it('answers CORS for the configured console origin only', async () => {
    const from = (origin: string) => fetch(svc.url + '/cases', { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'GET' } });
    expect((await from('http://127.0.0.1:5173')).headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:5173');
    expect((await from('http://127.0.0.1:8080')).headers.get('access-control-allow-origin')).toBeNull();
  });

  it('does not start without the issuer settings, naming the variables', async () => {
    const withoutIssuer = { ...settings, auth: undefined } as unknown as ServiceSettings;
    await expect(runService(probe(), { settings: withoutIssuer, bus: new InProcessBus(), log: testLogger() })).rejects.toThrow(ConfigError);
    await expect(runService(probe(), { settings: withoutIssuer, bus: new InProcessBus(), log: testLogger() })).rejects.toThrow(/AUTH_ISSUER/);
  });
});

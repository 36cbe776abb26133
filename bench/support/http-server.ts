import './runtime';
import { randomUUID } from 'node:crypto';
import { Body, Controller, DynamicModule, HttpCode, Inject, Module, Post } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { INestApplication } from '@nestjs/common';
import pino from 'pino';
import { DataSource, MigrationInterface, QueryRunner } from 'typeorm';
import { Access, AccessControlModule, Actor, AuthConfig, CurrentActor } from '@jiuzhu/auth';
import { openDataSource } from '@jiuzhu/persistence';
import { startLivingAllowance, TestService } from '../../test/support/services';
import { serveParent } from './child';
import { freshDatabase } from './infra';

/**
 * The servers of the filing-endpoint benchmark, each in this helper process so that the load
 * generator (autocannon, in the parent) does not share their event loop.
 *
 * - `filing`: the living-allowance service as the tests boot it (runService, its migrations and
 *   seeded parameters, strict validation pipe, problem-details filter, in-process transport).
 * - `bare`: a minimal Nest app on the same express platform, the same Postgres server and the same
 *   pool size (openDataSource's default, 10), whose one route INSERTs the JSON body into a table.
 *
 * Both verify the caller's access token the same way (libs/auth's AccessControlModule: the guard,
 * jose against the issuer's JWKS, the route's declared roles), so the ratio compares the same work.
 */

class BareSchema1732700006666 implements MigrationInterface {
  name = 'BareSchema1732700006666';
  async up(q: QueryRunner) {
    await q.query(`CREATE TABLE bare_rows (id uuid PRIMARY KEY, body jsonb NOT NULL, filed_by text NOT NULL, created_at timestamptz NOT NULL DEFAULT now())`);
  }
  async down(q: QueryRunner) {
    await q.query(`DROP TABLE bare_rows`);
  }
}

@Controller('applications')
class BareController {
  constructor(@Inject(DataSource) private readonly ds: DataSource) {}

  @Post()
  @HttpCode(201)
  @Access({ roles: ['caseworker'], jurisdiction: 'scoped' })
  async insert(@Body() body: unknown, @CurrentActor() actor: Actor) {
    const id = randomUUID();
    await this.ds.query(`INSERT INTO bare_rows (id, body, filed_by) VALUES ($1, $2, $3)`, [id, JSON.stringify(body), actor.id]);
    return { id };
  }
}

@Module({})
class BareModule {
  static register(ds: DataSource, auth: AuthConfig): DynamicModule {
    return {
      module: BareModule,
      imports: [AccessControlModule.register({ config: auth, log: pino({ level: 'silent' }) })],
      controllers: [BareController],
      providers: [{ provide: DataSource, useValue: ds }],
    };
  }
}

/**
 * Counts statements sent to Postgres by this process (BEGIN, SAVEPOINT and COMMIT included), to
 * report round trips per request. Instrumentation only: one increment per query.
 */
let queries = 0;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const pgModule = require('pg') as { Client: { prototype: { query: (...a: unknown[]) => unknown } } };
const originalQuery = pgModule.Client.prototype.query;
pgModule.Client.prototype.query = function (this: unknown, ...a: unknown[]) {
  queries++;
  return originalQuery.apply(this, a);
};

let filing: TestService | undefined;
let bare: { app: INestApplication; ds: DataSource; drop(): Promise<void> } | undefined;
let statsDs: DataSource | undefined;

serveParent(
  {
    async startFiling(a: { adminUrl: string; auth: AuthConfig }) {
      // test/support/infra.freshDatabase reads the admin URL from here.
      process.env.TEST_DATABASE_ADMIN_URL = a.adminUrl;
      filing = await startLivingAllowance({ transport: 'in-process', auth: a.auth });
      statsDs = filing.dataSource;
      return { url: filing.url, database: (filing.dataSource.options as { url: string }).url };
    },
    async startBare(a: { adminUrl: string; auth: AuthConfig }) {
      const db = await freshDatabase(a.adminUrl, 'bare');
      const ds = await openDataSource({ url: db.url, applicationName: 'bench-bare', entities: [], migrations: [BareSchema1732700006666] });
      const app = await NestFactory.create(BareModule.register(ds, a.auth), { logger: false, abortOnError: false });
      await app.listen(0, '127.0.0.1');
      bare = { app, ds, drop: db.drop };
      statsDs = ds;
      return { url: (await app.getUrl()).replace('[::1]', '127.0.0.1'), database: db.url };
    },
    /** Commits and row counts of this server's database, to relate requests to database work. */
    async dbStats() {
      const [s] = await statsDs!.query(
        `SELECT xact_commit::bigint AS commits, xact_rollback::bigint AS rollbacks, tup_inserted::bigint AS inserted, tup_fetched::bigint AS fetched, tup_returned::bigint AS returned
           FROM pg_stat_database WHERE datname = current_database()`,
      );
      // The stats query itself is not counted.
      queries--;
      return { ...Object.fromEntries(Object.entries(s).map(([k, v]) => [k, Number(v)])), queries };
    },
  },
  async () => {
    await filing?.dispose();
    if (bare) {
      await bare.app.close();
      await bare.ds.destroy();
      await bare.drop();
    }
  },
);

import './support/runtime';
import autocannon from 'autocannon';
import { addDays, residentIdCheckChar } from '@jiuzhu/common';
import { forkHelper, ChildHandle } from './support/child';
import { startPostgres } from './support/infra';
import { startTestIssuer, TestIssuer } from '../test/support/test-issuer';
import { prng } from './support/households';
import { fmt, fmtPhase, idleCheck, log, machineInfo, PhaseCpu, phaseEnd, phaseStart, sleep, writeResult } from './support/stats';

/**
 * (c) The filing endpoint (POST /applications: the access token verified, validation pipe, a trial assessment, HMAC person
 * refs, the case row, its history and one membership per member in one transaction, then the case
 * read back) beside a bare endpoint on the same stack that only INSERTs the body.
 *
 * Load: autocannon in this process, the servers in a helper process; every request files a new
 * household with ID numbers never used before (bodies generated up front, not during the run).
 *
 *   node bench/.build/bench/filing-endpoint.bench.js
 *   BENCH_CONNECTIONS=10 BENCH_SECONDS=15 BENCH_WARMUP_SECONDS=3 BENCH_ROUNDS=2 BENCH_PACED_RATE=500 node …
 *
 * Then filing alone at BENCH_PACED_RATE requests a second (autocannon's overallRate): its p99 there.
 */

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 3);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const BODIES = Number(process.env.BENCH_BODIES ?? 150_000);
const TARGET_SHARE = 0.5;
/** Paced phase: filing at a steady arrival rate an office could see, its p99 against a bound. */
const PACED_RATE = Number(process.env.BENCH_PACED_RATE ?? 500);
const PACED_SECONDS = Number(process.env.BENCH_PACED_SECONDS ?? SECONDS);
const TARGET_PACED_P99_MS = 50;

/**
 * A valid household whose every resident ID number is new: birth date and sequence number both
 * come from a counter, so about 21 million distinct IDs are available.
 */
function bodies(n: number): string[] {
  const r = prng(7);
  let k = 0;
  const nextId = () => {
    const day = k % 21_900;
    const order = Math.floor(k / 21_900) % 1000;
    k++;
    const birth = addDays('1950-01-01', day).replace(/-/g, '');
    const first17 = `640202${birth}${String(order).padStart(3, '0')}`;
    return first17 + residentIdCheckChar(first17);
  };
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const size = 1 + Math.floor(r() * 4);
    const members = Array.from({ length: size }, (_, j) => ({
      idNumber: nextId(),
      relation: j === 0 ? 'applicant' : j === 1 ? 'spouse' : 'child',
      ...(r() < 0.1 ? { disability: { grade: 2, kind: 'physical' } } : {}),
    }));
    out.push(
      JSON.stringify({
        household: {
          districtCode: '640202',
          area: 'urban',
          members,
          incomes: [{ memberIndex: 0, kind: 'wage', monthlyFen: Math.floor(r() * 78000 * size * 1.8) }],
          deductions: r() < 0.3 ? [{ kind: 'medical', memberIndex: 0, monthlyFen: 20000 }] : [],
          assets: { moneyFen: 100000, homes: 1, housingAreaSqm: 60, vehicles: [] },
        },
      }),
    );
  }
  return out;
}

interface Run {
  requestsPerSecond: number;
  latencyP50: number;
  latencyP99: number;
  latencyMax: number;
  total: number;
  ok2xx: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  bodiesUsed: number;
  cpu: PhaseCpu;
  db: Record<string, number>;
}

/** BENCH_PROFILE_DIR=<dir>: a CPU profile of each server over its measured (not warm-up) phases. */
const PROFILE_DIR = process.env.BENCH_PROFILE_DIR;

async function load(url: string, token: string, seconds: number, nextBody: () => string, server: ChildHandle, profileAs?: string, overallRate?: number): Promise<Run> {
  if (PROFILE_DIR && profileAs) await server.call('profileStart');
  const db0 = await server.call<Record<string, number>>('dbStats');
  const phase = phaseStart();
  let used = 0;
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: seconds,
    ...(overallRate ? { overallRate } : {}),
    requests: [
      {
        method: 'POST',
        path: '/applications',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        setupRequest: (req) => {
          used++;
          return { ...req, body: nextBody() };
        },
      },
    ],
  });
  const cpu = phaseEnd(phase);
  if (PROFILE_DIR && profileAs) log(`  profile: ${await server.call('profileStop', { dir: PROFILE_DIR, name: profileAs })}`);
  await sleep(1200); // pg_stat_database is flushed about once a second
  const db1 = await server.call<Record<string, number>>('dbStats');
  const db = Object.fromEntries(Object.keys(db1).map((k) => [k, db1[k] - db0[k]]));
  return {
    requestsPerSecond: result.requests.total / result.duration,
    latencyP50: result.latency.p50,
    latencyP99: result.latency.p99,
    latencyMax: result.latency.max,
    total: result.requests.total,
    ok2xx: result['2xx'],
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    bodiesUsed: used,
    cpu,
    db,
  };
}

async function main() {
  const machine = machineInfo();
  log(`filing-endpoint bench: ${machine.nproc} × ${machine.cpuModel}, Node ${machine.node}; ${CONNECTIONS} connections, ${WARMUP_SECONDS} s warm-up + ${SECONDS} s × ${ROUNDS} rounds`);
  const all = bodies(BODIES);
  log(`generated ${fmt(BODIES)} request bodies (${fmt(all.reduce((s, b) => s + b.length, 0) / BODIES)} bytes on average)`);
  const idleBefore = await idleCheck();
  const pg = await startPostgres();
  const servers: ChildHandle[] = [];
  let issuer: TestIssuer | undefined;
  try {
    const filingServer = await forkHelper('http-server');
    servers.push(filingServer);
    const bareServer = await forkHelper('http-server');
    servers.push(bareServer);
    // One issuer (real RS256 keys, JWKS over HTTP) both servers trust; one caseworker's token on every
    // request of both, verified by each server's access guard.
    issuer = await startTestIssuer();
    const token = await issuer.staff('caseworker', '640200', { sub: 'caseworker-bench', expiresIn: 4 * 3600 });
    const filing = await filingServer.call<{ url: string }>('startFiling', { adminUrl: pg.adminUrl, auth: issuer.config() });
    const bare = await bareServer.call<{ url: string }>('startBare', { adminUrl: pg.adminUrl, auth: issuer.config() });

    // Filing never reuses a body (a reused ID number would be a 409); the bare endpoint may cycle.
    let filingNext = 0;
    let bareNext = 0;
    let filingWrapped = 0;
    const filingBody = () => {
      if (filingNext >= all.length) {
        filingWrapped++;
        filingNext = 0;
      }
      return all[filingNext++];
    };
    const bareBody = () => all[bareNext++ % all.length];

    const rounds: { bare: Run; filing: Run }[] = [];
    for (let k = 0; k < ROUNDS; k++) {
      const order: Array<'bare' | 'filing'> = k % 2 === 0 ? ['bare', 'filing'] : ['filing', 'bare'];
      const round = {} as { bare: Run; filing: Run };
      for (const which of order) {
        const url = which === 'bare' ? bare.url : filing.url;
        const server = which === 'bare' ? bareServer : filingServer;
        const next = which === 'bare' ? bareBody : filingBody;
        await load(url, token, WARMUP_SECONDS, next, server);
        round[which] = await load(url, token, SECONDS, next, server, `${which}-round${k + 1}`);
        const r = round[which];
        log(
          `  round ${k + 1} ${which.padEnd(6)}: ${fmt(r.requestsPerSecond)} req/s, p50 ${r.latencyP50} ms, p99 ${r.latencyP99} ms, ` +
            `non-2xx ${r.non2xx}, errors ${r.errors}; per request: ${(r.db.queries / r.total).toFixed(1)} SQL statements, ` +
            `${(r.db.commits / r.total).toFixed(2)} commits, ${(r.db.inserted / r.total).toFixed(2)} rows inserted`,
        );
        log(`      ${fmtPhase(r.cpu)}`);
      }
      rounds.push(round);
    }
    const paced = await load(filing.url, token, PACED_SECONDS, filingBody, filingServer, undefined, PACED_RATE);
    log(`  paced filing at ${PACED_RATE}/s: ${fmt(paced.requestsPerSecond)} req/s, p50 ${paced.latencyP50} ms, p99 ${paced.latencyP99} ms, max ${paced.latencyMax} ms, non-2xx ${paced.non2xx}, errors ${paced.errors}`);
    if (filingWrapped > 0) log(`WARNING: filing ran out of fresh bodies ${filingWrapped} time(s): raise BENCH_BODIES`);

    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const bareRps = mean(rounds.map((r) => r.bare.requestsPerSecond));
    const filingRps = mean(rounds.map((r) => r.filing.requestsPerSecond));
    const share = filingRps / bareRps;
    const result = {
      benchmark: pg.fsync === 'off' ? 'filing-endpoint-fsync-off' : 'filing-endpoint',
      postgresFsync: pg.fsync,
      machineBusyBeforeStart: idleBefore,
      connections: CONNECTIONS,
      seconds: SECONDS,
      warmupSeconds: WARMUP_SECONDS,
      rounds,
      bareRequestsPerSecond: bareRps,
      filingRequestsPerSecond: filingRps,
      bareP99Ms: Math.max(...rounds.map((r) => r.bare.latencyP99)),
      filingP99Ms: Math.max(...rounds.map((r) => r.filing.latencyP99)),
      filingShareOfBare: share,
      paced: { rate: PACED_RATE, run: paced },
      target: { share: TARGET_SHARE, pacedP99Ms: TARGET_PACED_P99_MS, met: share >= TARGET_SHARE && paced.latencyP99 <= TARGET_PACED_P99_MS },
      filingNon2xx: rounds.reduce((s, r) => s + r.filing.non2xx + r.filing.errors, 0) + paced.non2xx + paced.errors,
    };
    const file = writeResult(result.benchmark, result);
    log('');
    log(`Postgres fsync ${pg.fsync}; ${CONNECTIONS} connections; mean of ${ROUNDS} rounds of ${SECONDS} s`);
    log(`bare insert: ${fmt(bareRps)} req/s, p99 ≤ ${result.bareP99Ms} ms`);
    log(`filing:      ${fmt(filingRps)} req/s, p99 ≤ ${result.filingP99Ms} ms, failed requests ${result.filingNon2xx}`);
    log(`filing/bare: ${(share * 100).toFixed(1)} % (target ≥ ${TARGET_SHARE * 100} %: ${share >= TARGET_SHARE ? 'MET' : 'NOT MET'})`);
    log(`paced filing at ${PACED_RATE}/s: p99 ${paced.latencyP99} ms (target ≤ ${TARGET_PACED_P99_MS} ms: ${paced.latencyP99 <= TARGET_PACED_P99_MS ? 'MET' : 'NOT MET'})`);
    log(`result written to ${file}`);
  } finally {
    for (const s of servers) await s.stop().catch(() => undefined);
    await issuer?.stop();
    await pg.stop();
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    process.stderr.write(`filing-endpoint bench failed: ${e instanceof Error ? e.stack : String(e)}\n`);
    process.exit(1);
  },
);

// A real single-node Apache Kafka broker (KRaft combined mode) for the test suite, run from the jars
// test/kafka/fetch-broker.sh puts in .kafka/lib, with the machine's Java. No Docker, no ZooKeeper.
import { ChildProcess, execFile, spawn } from 'child_process';
import { randomBytes } from 'crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { dirname, join, resolve } from 'path';
import { createInterface } from 'readline';
import { pathToFileURL } from 'url';
import { Kafka, logLevel } from 'kafkajs';
import { freePorts } from './infra';

export interface RunningKafka {
  brokers: string;
  stop(): Promise<void>;
}

export interface ScramLogin {
  username: string;
  password: string;
}

/**
 * Clients authenticate with SASL/SCRAM-SHA-512 and are authorised by ACLs (StandardAuthorizer, no
 * ACL = denied). The credentials are written into the metadata log when the storage is formatted,
 * so they exist before the broker takes its first connection.
 */
export interface BrokerScram {
  /** Allowed everything (creates the other principals' ACLs); the broker also uses it to reach itself. */
  superUser: ScramLogin;
  /** Every other principal, by user name. */
  users: ScramLogin[];
}

export interface StartKafkaOptions {
  /** Scratch directory for config, data and logs; created if missing, removed by stop(). */
  workDir: string;
  /** Client (PLAINTEXT) port; a free one is picked when omitted. */
  port?: number;
  /** Progress lines and anything the JVM prints outside log4j (crashes, JVM warnings). */
  log?: (line: string) => void;
  /** Clients must authenticate (SASL_PLAINTEXT, SCRAM-SHA-512) and hold ACLs; default: PLAINTEXT, anyone may do anything. */
  scram?: BrokerScram;
}

// Generous next to the 3-5 s a start takes on a 2-core machine: CI runners stall on cold disks.
const READY_TIMEOUT_MS = 90_000;
const STOP_GRACE_MS = 10_000;
const FORMAT_TIMEOUT_MS = 60_000;
const LOG_TAIL_LINES = 40;

export async function startKafkaBroker(opts: StartKafkaOptions): Promise<RunningKafka> {
  const log = opts.log ?? (() => undefined);
  const repoRoot = findRepoRoot();
  const libDir = join(repoRoot, '.kafka', 'lib');
  await ensureBrokerJars(repoRoot, libDir, log);
  // Measured after the (one-off, possibly minutes long) jar download, which must not eat into the
  // broker's own start timeout.
  const startedAt = Date.now();

  const workDir = resolve(opts.workDir);
  const dataDir = join(workDir, 'data');
  // Leftovers of a killed run would make the format step fail ("already formatted" with another
  // cluster id), so a reused workDir starts from empty data.
  rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });

  const [port, controllerPort] = opts.port === undefined ? await freePorts(2) : [opts.port, (await freePorts(1))[0]];
  const paths = {
    serverProperties: join(workDir, 'server.properties'),
    log4jProperties: join(workDir, 'log4j.properties'),
    brokerLog: join(workDir, 'broker.log'),
  };
  writeFileSync(paths.serverProperties, serverProperties({ port, controllerPort, dataDir, scram: opts.scram }));
  writeFileSync(paths.log4jProperties, log4jProperties(paths.brokerLog));

  const javaArgs = [
    `-Dlog4j.configuration=${pathToFileURL(paths.log4jProperties).href}`,
    '-Djava.awt.headless=true',
    '-cp',
    // Passed without a shell, so the JVM itself expands the classpath wildcard.
    `${libDir}/*`,
  ];

  await formatStorage(javaArgs, paths.serverProperties, paths.brokerLog, opts.scram);

  const jvmOutput: string[] = [];
  const child = spawn('java', ['-Xms128m', '-Xmx512m', ...javaArgs, 'kafka.Kafka', paths.serverProperties], {
    cwd: workDir,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream! }).on('line', (line) => {
      jvmOutput.push(line);
      if (jvmOutput.length > LOG_TAIL_LINES) jvmOutput.shift();
      log(`[kafka] ${line}`);
    });
  }
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolveExit) => {
    child.once('exit', (code, signal) => resolveExit({ code, signal }));
  });
  const spawnFailed = new Promise<Error>((resolveError) => child.once('error', resolveError));

  // A crashed or killed test runner must not leave a broker holding ports and half a gigabyte.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const watchdog = startWatchdog(child);

  const brokers = `127.0.0.1:${port}`;
  const diagnostics = () =>
    `--- tail of ${paths.brokerLog} ---\n${tail(paths.brokerLog)}\n--- JVM stdout/stderr ---\n${jvmOutput.join('\n')}`;

  let stopping: Promise<void> | undefined;
  const stop = (removeWorkDir: boolean): Promise<void> =>
    (stopping ??= (async () => {
      process.removeListener('exit', killOnExit);
      // No pid means java never started, and no 'exit' event will ever come.
      if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) {
        // SIGTERM runs Kafka's shutdown hook, which closes log segments cleanly and releases ports.
        child.kill('SIGTERM');
        if (!(await settlesWithin(exited, STOP_GRACE_MS))) {
          log(`[kafka] broker did not stop within ${STOP_GRACE_MS / 1000} s; killing it`);
          child.kill('SIGKILL');
          await exited;
        }
      }
      watchdog?.kill('SIGKILL');
      if (removeWorkDir) rmSync(workDir, { recursive: true, force: true });
    })());

  // Stops the readiness probe when the JVM dies first; otherwise it would keep the event loop busy
  // reconnecting until its deadline.
  const probe = new AbortController();
  try {
    await Promise.race([
      waitUntilReady(brokers, opts.scram?.superUser, startedAt + READY_TIMEOUT_MS, probe.signal),
      exited.then(({ code, signal }) => {
        throw new Error(`Kafka broker exited during startup (code ${code}, signal ${signal})`);
      }),
      spawnFailed.then((error) => {
        throw new Error(`could not start 'java' (${error.message}); the Kafka test broker needs Java 17+ on PATH`);
      }),
    ]);
  } catch (error: unknown) {
    probe.abort();
    // The workDir stays so the full broker log can be read after a failed start.
    await stop(false);
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`${reason}\nworkDir kept for inspection: ${workDir}\n${diagnostics()}`);
  }

  log(`[kafka] broker ready at ${brokers} after ${((Date.now() - startedAt) / 1000).toFixed(1)} s`);
  return { brokers, stop: () => stop(true) };
}

function findRepoRoot(): string {
  // Walk up rather than hard-code '../..', so the helper also works when compiled elsewhere.
  for (const start of [__dirname, process.cwd()]) {
    for (let dir = start; ; dir = dirname(dir)) {
      if (existsSync(join(dir, 'test', 'kafka', 'fetch-broker.sh'))) return dir;
      if (dirname(dir) === dir) break;
    }
  }
  throw new Error('cannot find the repository root (no test/kafka/fetch-broker.sh above here)');
}

function hasBrokerJars(libDir: string): boolean {
  return existsSync(libDir) && readdirSync(libDir).some((name) => /^kafka_2\.13-.*\.jar$/.test(name));
}

async function ensureBrokerJars(repoRoot: string, libDir: string, log: (line: string) => void): Promise<void> {
  if (hasBrokerJars(libDir)) return;
  log('[kafka] broker jars missing; running test/kafka/fetch-broker.sh');
  const output: string[] = [];
  const fetch = spawn('bash', [join(repoRoot, 'test', 'kafka', 'fetch-broker.sh')], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  for (const stream of [fetch.stdout, fetch.stderr]) {
    createInterface({ input: stream }).on('line', (line) => {
      output.push(line);
      log(`[kafka] ${line}`);
    });
  }
  const code = await new Promise<number | null>((resolveExit, reject) => {
    fetch.once('error', reject);
    fetch.once('close', resolveExit);
  });
  if (code !== 0 || !hasBrokerJars(libDir)) {
    const lastLines = output.slice(-LOG_TAIL_LINES).join('\n');
    throw new Error(`test/kafka/fetch-broker.sh failed (exit code ${code}):\n${lastLines}`);
  }
}

function serverProperties(p: { port: number; controllerPort: number; dataDir: string; scram?: BrokerScram }): string {
  const client = p.scram ? 'SASL_PLAINTEXT' : 'PLAINTEXT';
  return propertiesFile({
    'process.roles': 'broker,controller',
    'node.id': '1',
    'controller.quorum.voters': `1@127.0.0.1:${p.controllerPort}`,
    listeners: `${client}://127.0.0.1:${p.port},CONTROLLER://127.0.0.1:${p.controllerPort}`,
    'advertised.listeners': `${client}://127.0.0.1:${p.port}`,
    'listener.security.protocol.map': `${client}:${client},CONTROLLER:PLAINTEXT`,
    'controller.listener.names': 'CONTROLLER',
    'inter.broker.listener.name': client,
    ...(p.scram ? scramProperties(p.scram) : {}),
    'log.dirs': p.dataDir,
    // Services create their topics on start (libs/messaging ensureTopics); with auto-creation off
    // a missing topic-setup step fails the tests instead of being papered over by the broker.
    'auto.create.topics.enable': 'false',
    'num.partitions': '3',
    'default.replication.factor': '1',
    'min.insync.replicas': '1',
    // A single broker cannot hold the default three replicas of the internal topics.
    'offsets.topic.replication.factor': '1',
    'transaction.state.log.replication.factor': '1',
    'transaction.state.log.min.isr': '1',
    // The internal topics default to 50 partitions each; creating those on the first consumer
    // group / transaction costs seconds on a small CI box and buys nothing with one broker.
    'offsets.topic.num.partitions': '5',
    'transaction.state.log.num.partitions': '5',
    // Tests start consumers and expect them to get partitions now, not after the 3 s default wait.
    'group.initial.rebalance.delay.ms': '0',
    // The log cleaner (for compacted __consumer_offsets) reserves 128 MiB by default out of a
    // 512 MiB heap; a test's offsets fit in far less.
    'log.cleaner.dedupe.buffer.size': String(16 * 1024 * 1024),
  });
}

function scramProperties(scram: BrokerScram): Record<string, string> {
  const { username, password } = scram.superUser;
  return {
    'sasl.enabled.mechanisms': 'SCRAM-SHA-512',
    'sasl.mechanism.inter.broker.protocol': 'SCRAM-SHA-512',
    // The broker's own connections to its SASL listener log in as the super user.
    'listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config': `org.apache.kafka.common.security.scram.ScramLoginModule required username="${username}" password="${password}";`,
    'authorizer.class.name': 'org.apache.kafka.metadata.authorizer.StandardAuthorizer',
    // ANONYMOUS is the broker talking to its own controller over the PLAINTEXT controller listener
    // (kept simple here: loopback only, and it serves no produce or fetch). A real cluster puts the
    // controller listener on SASL or mTLS with a principal of its own (docs/security.md).
    'super.users': `User:${username};User:ANONYMOUS`,
    'allow.everyone.if.no.acl.found': 'false',
  };
}

function log4jProperties(brokerLog: string): string {
  return propertiesFile({
    // WARN and up only: at INFO the broker writes thousands of lines per test run.
    'log4j.rootLogger': 'WARN, file',
    'log4j.appender.file': 'org.apache.log4j.FileAppender',
    'log4j.appender.file.File': brokerLog,
    'log4j.appender.file.Append': 'true',
    'log4j.appender.file.layout': 'org.apache.log4j.PatternLayout',
    'log4j.appender.file.layout.ConversionPattern': '[%d] %p %m (%c)%n',
    // Keeps the start/stop milestones in the log, which is what one needs when a start is slow.
    'log4j.logger.kafka.server.KafkaRaftServer': 'INFO',
  });
}

function propertiesFile(entries: Record<string, string>): string {
  // Backslash is the escape character in .properties files (matters for Windows paths).
  return Object.entries(entries)
    .map(([key, value]) => `${key}=${value.replace(/\\/g, '\\\\')}`)
    .join('\n')
    .concat('\n');
}

async function formatStorage(javaArgs: string[], serverPropertiesPath: string, brokerLog: string, scram?: BrokerScram): Promise<void> {
  // KRaft needs the log directory stamped with a cluster id before the first start; SCRAM
  // credentials go into the metadata log in the same step (KIP-900), before any client connects.
  const logins = scram ? [scram.superUser, ...scram.users] : [];
  const credentials = logins.flatMap(({ username, password }) => ['--add-scram', `SCRAM-SHA-512=[name=${username},password=${password}]`]);
  const args = [...javaArgs, 'kafka.tools.StorageTool', 'format', '-t', randomClusterId(), '-c', serverPropertiesPath, ...credentials];
  await new Promise<void>((resolveFormat, reject) => {
    execFile('java', args, { timeout: FORMAT_TIMEOUT_MS }, (error, stdout, stderr) => {
      if (!error) return resolveFormat();
      const hint = (error as NodeJS.ErrnoException).code === 'ENOENT' ? ' (is Java 17+ on PATH?)' : '';
      const output = `${stdout}${stderr}\n${tail(brokerLog)}`;
      reject(new Error(`kafka StorageTool format failed${hint}: ${error.message}\n${output}`));
    });
  });
}

function randomClusterId(): string {
  // Same shape as Kafka's Uuid.randomUuid(): 16 random bytes, URL-safe base64 without padding.
  // Ids starting with '-' are rejected by Kafka because command-line parsers read them as options.
  for (;;) {
    const id = randomBytes(16).toString('base64url');
    if (!id.startsWith('-')) return id;
  }
}

async function waitUntilReady(brokers: string, login: ScramLogin | undefined, deadline: number, aborted: AbortSignal): Promise<void> {
  const kafka = new Kafka({
    clientId: 'kafka-broker-readiness-probe',
    brokers: [brokers],
    ...(login ? { sasl: { mechanism: 'scram-sha-512' as const, ...login } } : {}),
    // kafkajs would log every refused connection while the JVM is still booting.
    logLevel: logLevel.NOTHING,
    connectionTimeout: 1_000,
    requestTimeout: 5_000,
    retry: { retries: 0 },
  });
  let lastError: unknown;
  while (Date.now() < deadline && !aborted.aborted) {
    const admin = kafka.admin();
    // kafkajs refuses an idempotent producer without retries; failures still end in the catch below.
    const producer = kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      retry: { retries: 3, initialRetryTime: 100 },
    });
    try {
      // A metadata round trip only succeeds once the broker has joined its own quorum and is
      // unfenced, i.e. really serves clients (an open port alone is not enough).
      await admin.connect();
      await admin.listTopics();
      // The first idempotent producer and the first consumer group otherwise hit "coordinator
      // loading / not available" while the broker fetches a producer-id block from the controller
      // and creates __consumer_offsets. kafkajs retries those but logs them as ERRORs in the
      // first test that happens to run, so absorb them here instead.
      await producer.connect();
      await admin.describeGroups(['kafka-broker-readiness-probe']);
      return;
    } catch (error: unknown) {
      lastError = error;
    } finally {
      await producer.disconnect().catch(() => undefined);
      await admin.disconnect().catch(() => undefined);
    }
    await delay(250);
  }
  const reason = lastError instanceof Error ? lastError.message : String(lastError);
  throw new Error(`Kafka broker at ${brokers} not ready within ${READY_TIMEOUT_MS / 1000} s (last error: ${reason})`);
}

function startWatchdog(child: ChildProcess): ChildProcess | undefined {
  // process.on('exit') does not run when the runner is killed by a signal (CI timeout, OOM killer),
  // so a detached shell also kills the broker once this Node process is gone.
  if (child.pid === undefined) return undefined;
  const script =
    'while kill -0 "$1" 2>/dev/null && kill -0 "$2" 2>/dev/null; do sleep 1; done; kill -9 "$2" 2>/dev/null';
  const watchdog = spawn('sh', ['-c', script, 'kafka-broker-watchdog', String(process.pid), String(child.pid)], {
    stdio: 'ignore',
    detached: true,
  });
  watchdog.on('error', () => undefined);
  watchdog.unref();
  return watchdog;
}

function tail(file: string): string {
  if (!existsSync(file)) return '(no log written)';
  return readFileSync(file, 'utf8').split('\n').slice(-LOG_TAIL_LINES).join('\n');
}

async function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<boolean>((resolveTimeout) => {
    timer = setTimeout(() => resolveTimeout(false), ms);
  });
  try {
    return await Promise.race([promise.then(() => true), timedOut]);
  } finally {
    // A pending 10 s timer would hold jest's globalTeardown open after a quick stop.
    clearTimeout(timer);
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolveDelay) => setTimeout(resolveDelay, ms));
}

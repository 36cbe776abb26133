// The personal-data scan of a test run (issue 12): after the suites, the services' logs and every
// message on the test broker must hold no resident ID number and no seeded person's name. Relative
// imports only: jest's globalTeardown runs this without the @jiuzhu/* module mapping.
import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { IHeaders, Kafka, KafkaMessage } from 'kafkajs';
import { dateNumberFromParts } from '../../libs/common/src/local-date';

export interface PiiFinding {
  /** Where: `logs/<file> line 12`, or `topic <name> partition 0 offset 5 (header ce_subject)`. */
  where: string;
  /** What, masked: `resident ID number 640202********1234`, `seeded name 王*`. */
  what: string;
}

/**
 * 17 digits and a digit or X standing alone (not inside a longer run of letters and digits, such as
 * a hex personRef or a millisecond timestamp), whose birth date (digits 7-14) is a real date from
 * 1800 on. The check character is not required: a mistyped number is still someone's number.
 */
const ID_CANDIDATE = /(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])/g;

export function residentIdsIn(text: string): string[] {
  return [...text.matchAll(ID_CANDIDATE)].map((m) => m[0]).filter((id) => {
    const year = Number(id.slice(6, 10));
    return year >= 1800 && year <= 2099 && dateNumberFromParts(year, Number(id.slice(10, 12)), Number(id.slice(12, 14))) > 0;
  });
}

/** What a report may show of an ID number: region and last four, as the services mask it. */
export function maskedId(id: string): string {
  return `${id.slice(0, 6)}********${id.slice(-4)}`;
}

function maskedName(name: string): string {
  const chars = [...name];
  return chars[0] + '*'.repeat(Math.max(chars.length - 1, 1));
}

/** Every ID number and needle (a seeded name) in `text`, reported at `where`. */
export function scanText(text: string, where: string, needles: readonly string[]): PiiFinding[] {
  const found = residentIdsIn(text).map((id) => ({ where, what: `resident ID number ${maskedId(id)}` }));
  for (const n of needles) if (text.includes(n)) found.push({ where, what: `seeded name ${maskedName(n)}` });
  return found;
}

/** Every line of every file under `dir` (the run's captured service logs). */
export function scanLogDir(dir: string, needles: readonly string[], shownFrom = dir): PiiFinding[] {
  if (!existsSync(dir)) return [];
  const findings: PiiFinding[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      findings.push(...scanLogDir(path, needles, shownFrom));
      continue;
    }
    readFileSync(path, 'utf8')
      .split('\n')
      .forEach((line, i) => findings.push(...scanText(line, `${relative(shownFrom, path)} line ${i + 1}`, needles)));
  }
  return findings;
}

/**
 * Reads every message of every topic on the broker (internal `__` topics aside) from the beginning
 * up to where each partition ended when the scan started, and scans key, value and every header.
 * Runs as a throwaway consumer group, deleted afterwards.
 */
export async function scanTopics(
  kafka: Kafka,
  needles: readonly string[],
  o: { only?: (topic: string) => boolean; timeoutMs?: number } = {},
): Promise<{ findings: PiiFinding[]; topics: number; messages: number }> {
  const admin = kafka.admin();
  await admin.connect();
  const groupId = `pii-scan-${randomUUID()}`;
  try {
    const topics = (await admin.listTopics()).filter((t) => !t.startsWith('__') && (o.only?.(t) ?? true)).sort();
    const ends = new Map<string, bigint>();
    for (const t of topics) {
      for (const p of await admin.fetchTopicOffsets(t)) if (BigInt(p.high) > BigInt(p.low)) ends.set(`${t}/${p.partition}`, BigInt(p.high));
    }
    const findings: PiiFinding[] = [];
    let messages = 0;
    if (ends.size === 0) return { findings, topics: topics.length, messages };
    const withData = [...new Set([...ends.keys()].map((k) => k.slice(0, k.lastIndexOf('/'))))];
    const consumer = kafka.consumer({ groupId, allowAutoTopicCreation: false, maxWaitTimeInMs: 100 });
    const open = new Set(ends.keys());
    const timeoutMs = o.timeoutMs ?? 120_000;
    try {
      await consumer.connect();
      await consumer.subscribe({ topics: withData, fromBeginning: true });
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`PII scan: could not read ${open.size} partition(s) to their end within ${timeoutMs / 1000} s: ${[...open].slice(0, 10).join(', ')}`)),
          timeoutMs,
        );
        consumer.on(consumer.events.CRASH, ({ payload }) => {
          clearTimeout(timer);
          reject(payload.error);
        });
        consumer
          .run({
            eachBatch: async ({ batch, resolveOffset, heartbeat }) => {
              const key = `${batch.topic}/${batch.partition}`;
              const end = ends.get(key);
              for (const m of batch.messages) {
                if (end === undefined || BigInt(m.offset) >= end) break;
                messages++;
                findings.push(...scanMessage(m, `topic ${batch.topic} partition ${batch.partition} offset ${m.offset}`, needles));
                resolveOffset(m.offset);
              }
              await heartbeat();
              const last = batch.messages.length ? BigInt(batch.messages[batch.messages.length - 1].offset) : -1n;
              if (end !== undefined && last >= end - 1n) open.delete(key);
              if (open.size === 0) {
                clearTimeout(timer);
                resolve();
              }
            },
          })
          .catch(reject);
      });
    } finally {
      await consumer.disconnect();
    }
    return { findings, topics: topics.length, messages };
  } finally {
    await admin.deleteGroups([groupId]).catch(() => undefined);
    await admin.disconnect();
  }
}

function scanMessage(m: KafkaMessage, where: string, needles: readonly string[]): PiiFinding[] {
  return [
    ...(m.key ? scanText(m.key.toString('utf8'), `${where} (key)`, needles) : []),
    ...(m.value ? scanText(m.value.toString('utf8'), `${where} (value)`, needles) : []),
    ...Object.entries(m.headers ?? ({} as IHeaders)).flatMap(([name, v]) =>
      (Array.isArray(v) ? v : [v]).flatMap((x) => (x === undefined ? [] : scanText(x.toString(), `${where} (header ${name})`, needles))),
    ),
  ];
}

/**
 * Where the tests' people come from: the households' and elders' fixtures and the suites that file
 * them. A name, phone number or address written there as a string literal (`name: '王芳'`,
 * `applicantName: …`, `phone: '139…'`, `address: …`) is a needle, unless it is the name of a
 * district or township (reference data the services hold, not a person). The OpenAPI examples'
 * made-up people are not exempt: a log line with one still shows a log that writes names.
 */
export const PERSON_FIXTURE_DIRS = ['apps/*/test', 'test/e2e', 'test/support'];

const PERSONAL_KEY = /(?:^|[a-z_])(?:name|Name|phone|Phone|mobile|Mobile|address|Address)$/;
const LITERAL_PROPERTY = /([A-Za-z_][A-Za-z0-9_]*)\s*:\s*(?:'([^'\\\n]*)'|"([^"\\\n]*)"|`([^`\\$\n]*)`)/g;
const CJK = /[\u3400-\u9fff]/;
const REFERENCE_DATA = 'libs/common/src/administrative-divisions.ts';

/** The seeded names (and phone numbers, addresses) of the test fixtures under `root`. */
export function seededPersonalStrings(root: string): string[] {
  const fixtures = PERSON_FIXTURE_DIRS.flatMap((pattern) => expandDirs(root, pattern)).flatMap((dir) => tsFiles(dir));
  const candidates = new Set<string>();
  for (const file of fixtures) {
    if (file.endsWith('pii-scan.ts')) continue;
    for (const m of readFileSync(file, 'utf8').matchAll(LITERAL_PROPERTY)) {
      const [key, value] = [m[1], m[2] ?? m[3] ?? m[4]];
      if (PERSONAL_KEY.test(key) && personal(key, value)) candidates.add(value);
    }
  }
  if (candidates.size === 0) return [];
  const divisions = join(root, REFERENCE_DATA);
  const reference = existsSync(divisions) ? readFileSync(divisions, 'utf8') : '';
  return [...candidates].filter((c) => !reference.includes(c)).sort();
}

/** A person's name (Chinese, or two capitalised words), a phone number, or an address. */
function personal(key: string, value: string): boolean {
  if (/phone|mobile/i.test(key)) return (value.match(/\d/g) ?? []).length >= 7;
  if (/address/i.test(key)) return value.length >= 6;
  return (CJK.test(value) && [...value].length >= 2) || /^[A-Z][a-z]+ [A-Z][a-z]+$/.test(value);
}

function expandDirs(root: string, pattern: string): string[] {
  let dirs = [root];
  for (const part of pattern.split('/')) {
    dirs = dirs.flatMap((d) => (part === '*' ? (existsSync(d) ? readdirSync(d).map((n) => join(d, n)) : []) : [join(d, part)])).filter((d) => existsSync(d) && statSync(d).isDirectory());
  }
  return dirs;
}

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' ? [] : tsFiles(path);
    return name.endsWith('.ts') ? [path] : [];
  });
}

/** The failure message: every finding, ID numbers masked. */
export function describeFindings(findings: readonly PiiFinding[], keptAt?: string): string {
  const shown = findings.slice(0, 50).map((f) => `  - ${f.what} in ${f.where}`);
  return [
    `PII scan: ${findings.length} hit(s) of personal data in the test run's service logs or Kafka topics (issue 12: never in logs, events or dead letters):`,
    ...shown,
    ...(findings.length > shown.length ? [`  … and ${findings.length - shown.length} more`] : []),
    ...(keptAt ? [`The captured logs are kept in ${keptAt}.`] : []),
  ].join('\n');
}

import { execFile } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePorts } from '../support/infra';
import { transpiledSources, watched, WatchedProcess } from '../support/launcher-child';

/**
 * The README's walk-throughs, run as written, so the README cannot drift from what the services do.
 * Every ```bash block under a "### Try it" heading runs in bash against the real launcher (`npm start`'s
 * program, on a temp DATA_DIR and free ports: the only changes made to the commands are the port
 * numbers, and `npm run -s token --` running the same sources' token command). Where the README says
 * to stop the demo and start it again ("Ctrl+C, then DEMO_CLOCK_OFFSET_DAYS=8 npm start"), the launcher is stopped with Ctrl+C and started again so; the
 * shell's variables carry over, as they do in the reader's terminal.
 *
 * Every request a command makes must succeed (2xx), except one whose line says what it answers with
 * a comment `# → 403` (status, optionally a problem code: `# → 409 CASE.CLAIMED_BY_OTHER`) — then it
 * must answer exactly that.
 */

const ROOT = join(__dirname, '..', '..');
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');
const run = promisify(execFile);

interface Segment {
  /** README line number (1-based) of each script line. */
  lines: { text: string; readmeLine: number }[];
  /** Days ahead for the demo clock when this segment starts after a restart, else undefined. */
  restartWithOffsetDays?: number;
}

/** The walk-through blocks, cut where the README asks for a restart. */
function walkthroughSegments(readme: string): Segment[] {
  const lines = readme.split('\n');
  const segments: Segment[] = [{ lines: [] }];
  let inTryIt = false;
  let inBlock = false;
  lines.forEach((text, i) => {
    if (/^#{2,3} /.test(text)) inTryIt = /^### Try it/.test(text);
    if (!inTryIt) return;
    if (!inBlock && /^```bash\s*$/.test(text)) return void (inBlock = true);
    if (inBlock && /^```\s*$/.test(text)) return void (inBlock = false);
    if (!inBlock) return;
    segments[segments.length - 1].lines.push({ text, readmeLine: i + 1 });
    const restart = /Ctrl\+C, then\s+(?:DEMO_CLOCK_OFFSET_DAYS=(\d+)\s+)?npm start/.exec(text);
    if (restart) segments.push({ lines: [], restartWithOffsetDays: Number(restart[1] ?? 0) });
  });
  return segments.filter((s) => s.lines.length > 0);
}

/** `# → 403 CODE` on a command's lines: what its request must answer. */
function expectations(segment: Segment): Map<number, { status: number; code?: string }> {
  const out = new Map<number, { status: number; code?: string }>();
  segment.lines.forEach((l, i) => {
    const m = /#\s*→\s*(\d{3})(?:\s+([A-Z][A-Z0-9_.]+))?/.exec(l.text);
    if (m) out.set(i + 1, { status: Number(m[1]), code: m[2] });
  });
  return out;
}

const sources = transpiledSources();
const dataDir = mkdtempSync(join(tmpdir(), 'jiuzhu-readme-'));
chmodSync(dataDir, 0o755);
let ports: { pg: number; la: number; ea: number; hr: number; idp: number };
let platform: WatchedProcess | undefined;

async function startPlatform(offsetDays: number): Promise<void> {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    DATA_DIR: dataDir,
    EMBEDDED_PG_PORT: String(ports.pg),
    LIVING_ALLOWANCE_PORT: String(ports.la),
    ELDER_ASSESSMENT_PORT: String(ports.ea),
    HARDSHIP_REGISTRY_PORT: String(ports.hr),
    IDP_PORT: String(ports.idp),
    ...(offsetDays ? { DEMO_CLOCK_OFFSET_DAYS: String(offsetDays) } : {}),
  };
  platform = watched(process.execPath, [join(sources.dir, 'apps/launcher/src/main.js')], env, { detached: true });
  await platform.waitFor(/Press Ctrl\+C to stop/, 180_000);
}

/** Ctrl+C in the terminal: SIGINT to the launcher's whole process group. */
async function stopPlatform(): Promise<void> {
  if (!platform || platform.child.exitCode !== null) return;
  process.kill(-platform.child.pid!, 'SIGINT');
  await platform.exited;
}

beforeAll(async () => {
  const [pg, la, ea, hr, idp] = await freePorts(5);
  ports = { pg, la, ea, hr, idp };
}, 30_000);

afterAll(async () => {
  await stopPlatform();
  rmSync(dataDir, { recursive: true, force: true });
  sources.dispose();
});

/**
 * Each request's status, with the script line that made it (bash's own line numbers), and its answer
 * on one line, on stderr; the answer also goes to stdout as curl would print it.
 */
const CURL_WRAPPER = [
  'curl() { local out',
  `out=$(command curl -w '%{stderr}HTTP %{http_code} LINE '"\${BASH_LINENO[0]}"'\\n' "$@")`,
  `printf '%s\\n' "$out"; printf 'BODY %s\\n' "\${out//$'\\n'/ }" >&2; }`,
].join('; ');

it('the README walk-throughs work as written', async () => {
  const segments = walkthroughSegments(README);
  expect(segments.length).toBeGreaterThanOrEqual(2);
  const state = join(dataDir, 'shell-state.sh');
  writeFileSync(state, '');
  await startPlatform(0);
  const failures: string[] = [];
  for (const [n, segment] of segments.entries()) {
    if (segment.restartWithOffsetDays !== undefined) {
      await stopPlatform();
      expect(platform!.output()).toMatch(/stopped\s*$/);
      await startPlatform(segment.restartWithOffsetDays);
    }
    // `npm run -s token --` is the token command of the same transpiled sources, at the launcher's provider.
    const token = `IDP_PORT=${ports.idp} ${process.execPath} ${join(sources.dir, 'apps/launcher/src/identity/token.main.js')}`;
    const body = segment.lines.map((l) =>
      l.text
        .replace(/localhost:3001\b/g, `localhost:${ports.la}`)
        .replace(/localhost:3004\b/g, `localhost:${ports.ea}`)
        .replace(/localhost:3003\b/g, `localhost:${ports.hr}`)
        .replace(/npm run -s token --/g, token),
    );
    const assigned = [...new Set(segment.lines.flatMap((l) => [...l.text.matchAll(/^\s*([A-Z][A-Z0-9_]*)=/g)].map((m) => m[1])))];
    // The prelude is one line, so script line k + 1 is the segment's line k.
    const script = [`source ${state}; ${CURL_WRAPPER}`, ...body, `declare -p ${['H', ...assigned].filter((v, i, all) => all.indexOf(v) === i).join(' ')} >> ${state} 2>/dev/null || true`].join('\n');
    const file = join(dataDir, `segment-${n}.sh`);
    writeFileSync(file, script);
    const { stderr } = await run('bash', [file], { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 }).catch((e) => e as { stderr: string });
    const wanted = expectations(segment);
    const requests = [...stderr.matchAll(/^HTTP (\d{3}) LINE (\d+)\nBODY (.*)$/gm)].map((m) => ({ status: Number(m[1]), line: Number(m[2]) - 1, body: m[3] }));
    expect(requests.length).toBeGreaterThan(0);
    for (const r of requests) {
      const readmeLine = segment.lines[r.line - 1]?.readmeLine;
      // An expectation may sit on any line of a command continued with "\\".
      const d = [0, 1, 2, 3].find((k) => wanted.has(r.line + k) && continuesTo(segment, r.line, k));
      const want = d === undefined ? undefined : wanted.get(r.line + d);
      const ok = want ? r.status === want.status && (!want.code || r.body.includes(`"${want.code}"`)) : r.status >= 200 && r.status < 300;
      if (!ok) failures.push(`README line ${readmeLine}: answered ${r.status}, expected ${want ? `${want.status} ${want.code ?? ''}` : '2xx'}: ${r.body.slice(0, 400)}`);
    }
    for (const [line, want] of wanted) {
      if (!requests.some((r) => r.line <= line && line - r.line <= 3)) failures.push(`README line ${segment.lines[line - 1].readmeLine}: expected ${want.status}, but no request was made there`);
    }
  }
  await stopPlatform();
  expect(failures).toEqual([]);
}, 600_000);

/** Whether the command starting on script line `line` goes on (with "\\") for `d` more lines. */
function continuesTo(segment: Segment, line: number, d: number): boolean {
  for (let k = 0; k < d; k++) if (!segment.lines[line - 1 + k]?.text.trimEnd().endsWith('\\')) return false;
  return true;
}

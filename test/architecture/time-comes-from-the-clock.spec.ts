import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * Every time a service writes comes from its one injected Clock (issue 11, item 7: with the demo
 * clock 8 days ahead, events and reassessment runs carried the database's real now() while the
 * history carried the shifted date). So no statement reads the database's clock, and no service
 * code reads the machine's. The libraries keep the machine's time for what measures the process
 * itself — timeouts, caches, connection states — never for a row they write.
 *
 * Released migrations keep their `DEFAULT now()` (they are never edited); every writer now gives
 * the time explicitly, and the API test service-clock.api.spec.ts checks every timestamp column.
 */
const ROOT = join(__dirname, '..', '..');
/** The database's own clock, in any spelling Postgres accepts. `clock.now()` is not one. */
const DATABASE_CLOCK = /(?<![.\w])now\s*\(\)|\b(current_timestamp|current_date|current_time|localtimestamp|localtime|clock_timestamp|statement_timestamp|transaction_timestamp)\b/i;
const MACHINE_CLOCK = /\bnew Date\(\)|\bDate\.now\(\)/;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' || name === 'test' || name === 'migrations' ? [] : sources(path);
    return path.endsWith('.ts') && !path.endsWith('.spec.ts') ? [path] : [];
  });
}

function offending(paths: string[], pattern: RegExp): string[] {
  return paths
    .map((p) => relative(ROOT, p))
    .flatMap((p) =>
      readFileSync(join(ROOT, p), 'utf8')
        .split('\n')
        .map((line, i) => ({ line: line.trim(), at: `${p}:${i + 1}` }))
        .filter(({ line }) => pattern.test(line) && !line.startsWith('*') && !line.startsWith('/*') && !line.startsWith('//'))
        .map(({ at }) => at),
    );
}

describe('time comes from the service clock', () => {
  it("no statement reads the database's clock (now(), current_timestamp, …) outside released migrations", () => {
    const code = [...sources(join(ROOT, 'apps')), ...sources(join(ROOT, 'libs'))].filter((p) => !p.endsWith(join('libs', 'common', 'src', 'clock.ts')));
    expect(offending(code, DATABASE_CLOCK)).toEqual([]);
  });

  it("no service reads the machine's clock: its time is the injected Clock", () => {
    expect(offending(sources(join(ROOT, 'apps')), MACHINE_CLOCK)).toEqual([]);
  });
});

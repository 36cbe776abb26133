import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * All SQL on a table lives in that table's repository (issue "One plain way", item 2): use cases,
 * controllers, policies and consumers ask a repository by intention, they never hold a statement.
 * Allowed homes for statements: `*.repository.ts`, migrations, and the two libs whose job is SQL
 * (messaging: outbox, inbox, relay; persistence: data sources, prepared statements). Tests may
 * query the database to observe it.
 */
const ROOT = join(__dirname, '..', '..');
const ALLOWED = [/\.repository\.ts$/, /\/migrations\//, /^libs\/(messaging|persistence)\/src\//];
const STATEMENT = /\.(query|createQueryBuilder)\(|new PreparedStatement\(/;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' || name === 'test' ? [] : sources(path);
    return path.endsWith('.ts') && !path.endsWith('.spec.ts') ? [path] : [];
  });
}

describe('SQL lives in repositories', () => {
  it('no use case, controller, policy or consumer runs a statement of its own', () => {
    const offenders = [...sources(join(ROOT, 'apps')), ...sources(join(ROOT, 'libs'))]
      .map((p) => relative(ROOT, p))
      .filter((p) => !ALLOWED.some((a) => a.test(p)))
      .flatMap((p) =>
        readFileSync(join(ROOT, p), 'utf8')
          .split('\n')
          .map((line, i) => ({ line, at: `${p}:${i + 1}` }))
          .filter(({ line }) => STATEMENT.test(line) && !line.trim().startsWith('*') && !line.trim().startsWith('//'))
          .map(({ at }) => at),
      );
    expect(offenders).toEqual([]);
  });
});

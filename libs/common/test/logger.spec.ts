import { Writable } from 'node:stream';
import { createLogger } from '../src/logger';

/** The logger is the backstop against personal data in logs: whatever a call passes, names and ID numbers do not get out. */
describe('the service logger', () => {
  function capture() {
    const lines: string[] = [];
    const destination = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    return { lines, log: createLogger('test', { level: 'debug', destination }) };
  }

  const ID = '640202198001011238';

  it('masks a resident ID number anywhere: message, nested strings, arrays, errors', () => {
    const { lines, log } = capture();
    log.info({ a: { b: { c: { d: { e: [`see ${ID}`] } } } } }, `looking up ${ID}`);
    log.error({ err: new Error(`duplicate key (id_number)=(${ID})`) }, 'insert failed');

    const text = lines.join('');
    expect(text).not.toContain(ID);
    // The message, the nested string, and the error (its message and its stack).
    expect(text.match(/640202\*{8}1238/g)).toHaveLength(4);
    // Still one JSON object per line.
    expect(lines.map((l) => JSON.parse(l).msg)).toEqual([`looking up 640202********1238`, 'insert failed']);
  });

  it('cuts out names, ID numbers and household documents by their keys at any depth, not one level only', () => {
    const { lines, log } = capture();
    log.warn({ request: { body: { household: { members: [{ name: '张三' }] } } }, deep: { x: { y: { z: { name: '李四', idNumber: 'A1', kept: 1 } } } } }, 'bad');

    const entry = JSON.parse(lines[0]);
    expect(entry.request.body.household).toBe('[redacted]');
    expect(entry.deep.x.y.z).toEqual({ name: '[redacted]', idNumber: '[redacted]', kept: 1 });
    expect(lines[0]).not.toMatch(/张三|李四/);
  });

  it('leaves an ordinary 18-digit-free line as it was', () => {
    const { lines, log } = capture();
    log.info({ caseId: 'c-1', amountFen: 78000 }, 'approved');
    expect(JSON.parse(lines[0])).toMatchObject({ caseId: 'c-1', amountFen: 78000, msg: 'approved', name: 'test' });
  });
});

import { Writable } from 'node:stream';
import { censorUrl, createLogger } from '../src/logger';

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

  it('masks a resident ID number glued to letters or an underscore (ref_…, id:…X), but not a longer run of digits', () => {
    const { lines, log } = capture();
    log.info(`ref_${ID} key=a${ID}b tail ${ID.slice(0, 17)}X and 9${ID}9`);

    const msg = JSON.parse(lines[0]).msg as string;
    expect(msg).toBe(`ref_640202********1238 key=a640202********1238b tail 640202********123X and 9${ID}9`);
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

  it('cuts out a case contact (name, address, phone) by its keys, whole or field by field', () => {
    const { lines, log } = capture();
    log.warn({ body: { contact: { name: '王某某', phone: '13995212345' } }, row: { applicantName: '李某', address: '长胜街道3号楼', phone: '0952-2012345', townshipCode: '640202001' } }, 'bad');

    const entry = JSON.parse(lines[0]);
    expect(entry.body.contact).toBe('[redacted]');
    expect(entry.row).toEqual({ applicantName: '[redacted]', address: '[redacted]', phone: '[redacted]', townshipCode: '640202001' });
    expect(lines[0]).not.toMatch(/王某某|李某|13995212345|2012345|长胜街道3号楼/);
  });
});

describe('a URL as it may be logged', () => {
  it.each([
    ['/applications?name=%E7%8E%8B%E6%9F%90&townshipCode=640202001', '/applications?name=[redacted]&townshipCode=640202001'],
    ['/applications?phone=13995212345&status=draft', '/applications?phone=[redacted]&status=draft'],
    ['/applications?contact[address]=x&idNumber=640202198001011238', '/applications?contact[address]=[redacted]&idNumber=[redacted]'],
    ['/applications?status=draft&limit=5', '/applications?status=draft&limit=5'],
    ['/applications/6d1f2c8e-3b4a-4c5d-9e6f-7a8b9c0d1e2f', '/applications/6d1f2c8e-3b4a-4c5d-9e6f-7a8b9c0d1e2f'],
    ['/x?%E0%A4%A=1&name', '/x?%E0%A4%A=1&name'],
  ])('%s is logged as %s', (url, logged) => {
    expect(censorUrl(url)).toBe(logged);
  });
});

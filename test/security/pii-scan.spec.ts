import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { residentIdCheckChar } from '@jiuzhu/common';
import { describeFindings, residentIdsIn, scanLogDir, seededPersonalStrings } from '../support/pii-scan';

/**
 * The scan the global teardown runs over a test run's service logs and topics (issue 12) must be
 * able to fail: here it is handed logs with a planted ID number and a planted name.
 */
describe('the PII scan of captured service logs', () => {
  const first17 = '64020219800101123';
  const planted = first17 + residentIdCheckChar(first17);
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'jiuzhu-pii-scan-test-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('names the file and line of an ID number or a seeded name, and never prints the number in full', () => {
    mkdirSync(join(dir, 'logs'));
    writeFileSync(
      join(dir, 'logs', 'kafka-apps_living-allowance_test_applications.api.spec.ts.log'),
      [
        '{"level":30,"msg":"case filed","caseId":"4f1c"}',
        `{"level":50,"msg":"insert failed","detail":"Key (id_number)=(${planted}) already exists"}`,
        '{"level":30,"msg":"household of 王秀英 filed"}',
      ].join('\n'),
    );

    const findings = scanLogDir(dir, ['王秀英']);

    expect(findings).toEqual([
      { where: 'logs/kafka-apps_living-allowance_test_applications.api.spec.ts.log line 2', what: `resident ID number 640202********${planted.slice(-4)}` },
      { where: 'logs/kafka-apps_living-allowance_test_applications.api.spec.ts.log line 3', what: 'seeded name 王**' },
    ]);
    expect(describeFindings(findings)).not.toContain(planted);
  });

  it('finds nothing in masked numbers, personRefs, timestamps or other long digit runs', () => {
    const ref = 'a3f9c01234567890123456789012345678b'; // digits inside a hex reference
    writeFileSync(
      join(dir, 'clean.log'),
      [`{"time":1767225600000,"msg":"x","idNumber":"640202********1234"}`, `{"personRef":"${ref}"}`, `{"n":"${'9'.repeat(24)}"}`, `{"seq":"640202199013451234"}`].join('\n'),
    );
    expect(scanLogDir(dir, ['王秀英'])).toEqual([]);
  });

  it('takes an ID number whose check character is wrong or lower-case x for one: a mistyped number is still personal data', () => {
    expect(residentIdsIn(`a ${first17}0 b ${first17.slice(0, 16)}9x`)).toEqual([`${first17}0`, `${first17.slice(0, 16)}9x`]);
  });

  it('takes the names, phone numbers and addresses the fixtures seed, not the names of districts and townships', () => {
    writeFileSync(join(dir, 'package.json'), '{}');
    mkdirSync(join(dir, 'apps', 'svc', 'test'), { recursive: true });
    mkdirSync(join(dir, 'libs', 'common', 'src'), { recursive: true });
    writeFileSync(
      join(dir, 'apps', 'svc', 'test', 'households.ts'),
      `const a = { name: '王秀英', applicantName: "李建国", phone: '13912345678', address: '大武口区长胜街道朝阳路 12 号', townshipName: '长胜街道', name2: 'x' };\n` +
        `const s = { name: 'watcher', kind: '张三' };`,
    );
    writeFileSync(join(dir, 'libs', 'common', 'src', 'administrative-divisions.ts'), `export const T = { name: '长胜街道' };`);

    expect(seededPersonalStrings(dir)).toEqual(['13912345678', '大武口区长胜街道朝阳路 12 号', '李建国', '王秀英'].sort());
  });
});

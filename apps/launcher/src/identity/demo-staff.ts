import { Role } from '@jiuzhu/auth';
import { CITY, DISTRICT_CODES, DISTRICTS } from '@jiuzhu/common';

/** Where a role works: its staff belong to one township (9-digit code), one district (6) or the city. */
type Level = 'township' | 'district' | 'city';

interface DemoRole {
  role: Role;
  /** Prefix of the staff id: `cw-640202001`. */
  prefix: string;
  level: Level;
  zh: string;
}

/**
 * The staff roles (libs/auth roles.ts, all but `service`), each at the level it works at. The id prefixes are what a person types
 * on the login page, so they are short.
 */
const DEMO_ROLES: readonly DemoRole[] = [
  { role: 'caseworker', prefix: 'cw', level: 'township', zh: '经办人' },
  { role: 'township_reviewer', prefix: 'tr', level: 'township', zh: '乡镇审核人' },
  { role: 'township_approver', prefix: 'ta', level: 'township', zh: '乡镇确认人' },
  { role: 'county_approver', prefix: 'ca', level: 'district', zh: '县级确认人' },
  { role: 'supervisor', prefix: 'sup', level: 'district', zh: '监督员' },
  { role: 'assessor', prefix: 'as', level: 'district', zh: '评估员' },
  // Elder assessments need two assessors of one district, and the one who completes is not the one
  // who drafted (issue 12, four-eyes): a second assessor per district makes that walkable.
  { role: 'assessor', prefix: 'as2', level: 'district', zh: '评估员' },
  { role: 'city_auditor', prefix: 'aud', level: 'city', zh: '市级审计' },
  { role: 'admin', prefix: 'admin', level: 'city', zh: '管理员' },
];

export interface DemoStaffMember {
  id: string;
  roles: Role[];
  /** 640200 the city, 640202 a district, 640202001 a township. */
  jurisdiction: string;
  /** `长胜街道经办人`: the post, shown as the account's display name; no person's name is stored. */
  title: string;
}

/**
 * The demo password of every seeded account. It is written in the README and printed at start: the
 * embedded provider is for a laptop bound to 127.0.0.1, never for a bureau's staff (docs/security.md).
 */
export const DEMO_PASSWORD = 'jiuzhu-demo';

/** Per role, one member per seeded township, per district or for the city, as the role's level says. */
export function demoStaff(): DemoStaffMember[] {
  const places: Record<Level, { code: string; zh: string }[]> = {
    township: DISTRICT_CODES.flatMap((d) => DISTRICTS[d].townships.map((t) => ({ code: t.code, zh: t.zh }))),
    district: DISTRICT_CODES.map((d) => ({ code: d, zh: DISTRICTS[d].zh })),
    city: [{ code: CITY.code, zh: CITY.zh }],
  };
  return DEMO_ROLES.flatMap((r) =>
    places[r.level].map((p) => ({ id: `${r.prefix}-${p.code}`, roles: [r.role], jurisdiction: p.code, title: `${p.zh}${r.zh}${r.prefix === 'as2' ? '二' : ''}` })),
  );
}

/** The sign-in table the launcher prints at start (and the README repeats): one line per account. */
export function staffTable(staff: readonly DemoStaffMember[], password: string): string {
  const rows = [['id', 'role', 'jurisdiction', 'password', ''], ...staff.map((s) => [s.id, s.roles.join(','), s.jurisdiction, password, s.title])];
  const widths = [0, 1, 2, 3].map((i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) => `  ${r.map((cell, i) => (i < 4 ? cell.padEnd(widths[i]) : cell)).join('  ')}`.trimEnd()).join('\n');
}

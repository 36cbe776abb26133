import type { Role } from '@jiuzhu/auth';
import { randomBytes, scrypt as scryptCallback, ScryptOptions, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DemoStaffMember } from './demo-staff';
import { writePrivateFile } from './private-files';

/** A member of staff as the provider knows them: what goes into their tokens. */
export interface StaffMember {
  id: string;
  roles: Role[];
  jurisdiction: string;
  title: string;
}

interface PasswordHash {
  scheme: 'scrypt';
  N: number;
  r: number;
  p: number;
  salt: string;
  hash: string;
}

interface StoredStaff extends StaffMember {
  password: PasswordHash;
}

/**
 * scrypt at one of OWASP's Password Storage Cheat Sheet settings (N=2^14, r=8, p=5: 16 MiB each, the
 * cheapest of its equivalent rows on CPU, which matters when 30 accounts are seeded on a 2-core
 * machine). The parameters are stored with each hash, so raising them later keeps old hashes readable.
 */
const COST = { N: 2 ** 14, r: 8, p: 5 } as const;
const KEY_LENGTH = 32;
/** Seeding hashes this many passwords at once (each takes 16 MiB and a thread of libuv's pool). */
const SEED_CONCURRENCY = 2;

/**
 * The staff accounts of the embedded provider, kept in `<dir>/staff.json` (mode 600) with passwords
 * hashed by scrypt, never in plain text. Demo staff missing from the file are added on open, so the
 * file survives restarts and a township added to the seeded list gets its accounts.
 */
export class StaffDirectory {
  private constructor(
    private readonly file: string,
    private readonly byId: Map<string, StoredStaff>,
    /** Checked for an id that does not exist, so the answer takes as long as for one that does. */
    private readonly decoy: PasswordHash,
  ) {}

  static async open(dir: string, seed: readonly DemoStaffMember[], demoPassword: string): Promise<StaffDirectory> {
    const file = join(dir, 'staff.json');
    const stored: StoredStaff[] = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as { staff: StoredStaff[] }).staff : [];
    const byId = new Map(stored.map((s) => [s.id, s]));
    const missing = seed.filter((m) => !byId.has(m.id));
    for (let i = 0; i < missing.length; i += SEED_CONCURRENCY) {
      const batch = await Promise.all(missing.slice(i, i + SEED_CONCURRENCY).map(async (m) => ({ ...m, password: await hashPassword(demoPassword) })));
      for (const s of batch) byId.set(s.id, s);
    }
    const directory = new StaffDirectory(file, byId, await hashPassword(randomBytes(16).toString('hex')));
    if (missing.length || !existsSync(file)) directory.save();
    return directory;
  }

  find(id: string): StaffMember | undefined {
    const s = this.byId.get(id);
    return s && withoutPassword(s);
  }

  list(): StaffMember[] {
    return [...this.byId.values()].map(withoutPassword);
  }

  /** The member when the password is theirs; undefined for a wrong password and an unknown id alike. */
  async verify(id: string, password: string): Promise<StaffMember | undefined> {
    const s = this.byId.get(id);
    const matches = await passwordMatches(s?.password ?? this.decoy, password);
    return s && matches ? withoutPassword(s) : undefined;
  }

  private save(): void {
    writePrivateFile(this.file, `${JSON.stringify({ staff: [...this.byId.values()] }, null, 2)}\n`);
  }
}

function withoutPassword({ id, roles, jurisdiction, title }: StoredStaff): StaffMember {
  return { id, roles, jurisdiction, title };
}

async function hashPassword(password: string): Promise<PasswordHash> {
  const salt = randomBytes(16);
  const hash = await scrypt(password, salt, COST);
  return { scheme: 'scrypt', ...COST, salt: salt.toString('base64'), hash: hash.toString('base64') };
}

async function passwordMatches(stored: PasswordHash, password: string): Promise<boolean> {
  const expected = Buffer.from(stored.hash, 'base64');
  const actual = await scrypt(password, Buffer.from(stored.salt, 'base64'), { N: stored.N, r: stored.r, p: stored.p });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

function scrypt(password: string, salt: Buffer, cost: { N: number; r: number; p: number }): Promise<Buffer> {
  // Node's default maxmem (32 MiB) is the limit for 128·N·r bytes; room is left for larger N.
  const options: ScryptOptions = { ...cost, maxmem: 256 * cost.N * cost.r };
  return new Promise((resolve, reject) => scryptCallback(password.normalize('NFC'), salt, KEY_LENGTH, options, (e, key) => (e ? reject(e) : resolve(key))));
}

import { chmodSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';

/** A folder only this user can enter: it holds signing keys and password hashes. */
export function ensurePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
}

/**
 * Writes a file readable by this user only (mode 600), whole or not at all: a crash halfway through
 * must not leave a truncated key or staff file that the next start would take for the real one.
 */
export function writePrivateFile(path: string, content: string): void {
  const scratch = `${path}.${process.pid}.tmp`;
  writeFileSync(scratch, content, { mode: 0o600 });
  chmodSync(scratch, 0o600);
  renameSync(scratch, path);
}

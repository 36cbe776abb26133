/**
 * The compiled build keeps `@jiuzhu/<lib>` imports as written (tsc does not rewrite `paths`);
 * this maps them onto `dist/libs/<lib>/src` at run time. Each entry point imports it first.
 */
import Module = require('node:module');
import { join } from 'node:path';

const libsRoot = join(__dirname, '..', '..', '..');
type Resolver = (request: string, ...rest: unknown[]) => string;
const mod = Module as unknown as { _resolveFilename: Resolver };
const original = mod._resolveFilename;
mod._resolveFilename = function (request: string, ...rest: unknown[]) {
  const m = /^@jiuzhu\/([a-z-]+)(?:\/(.*))?$/.exec(request);
  if (m) request = join(libsRoot, m[1], 'src', m[2] ?? '');
  return original.call(this, request, ...rest);
};

import '../../../libs/common/src/runtime/register-aliases';
import { verifyServiceAuditLog } from '@jiuzhu/audit';
import { REGISTERED_SERVICES } from './services';

/**
 * `npm run audit:verify -- <service>` — recomputes the service's sealed audit chain and each unsealed row's own hash (libs/audit) and prints
 * one line: intact (sealed rows, last place and chain hash, how many rows wait to be sealed and the oldest's age; exit 0) or the first broken row and what differs there
 * (exit 1). Exit 2: the service or its database could not be found.
 */
const services = REGISTERED_SERVICES.map((s) => ({ name: s.database.replace(/_/g, '-'), envPrefix: s.envPrefix, database: s.database }));
const USAGE = `usage: npm run audit:verify -- <service>   (one of ${services.map((s) => s.name).join(', ')}; database from <PREFIX>_DATABASE_URL, else the embedded default's)`;

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const svc = args.length === 1 ? services.find((s) => s.name === args[0] || s.database === args[0]) : undefined;
  if (!svc) {
    process.stderr.write(`${args.length === 1 ? `unknown service ${args[0]}\n` : ''}${USAGE}\n`);
    return 2;
  }
  const { line, check } = await verifyServiceAuditLog(svc);
  (check.ok ? process.stdout : process.stderr).write(`${line}\n`);
  return check.ok ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(2);
  },
);

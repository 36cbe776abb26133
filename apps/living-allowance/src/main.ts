import '../../../libs/common/src/runtime/register-aliases';
import { ConfigError } from '@jiuzhu/common';
import { createLogger } from '@jiuzhu/common/logger';
import { runService } from '@jiuzhu/platform';
import { loadServiceConfig } from '@jiuzhu/platform';
import { livingAllowanceService } from './living-allowance.service';

/** Runs the living-allowance service alone, configured by environment variables only. */
async function main() {
  const log = createLogger('living-allowance');
  let config;
  try {
    config = loadServiceConfig('LIVING_ALLOWANCE', 3001);
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`${e.message}\n`);
      process.exit(2);
    }
    throw e;
  }
  const service = await runService(livingAllowanceService({ refKey: config.refKey }), { settings: config, log });
  const shutdown = async (signal: string) => {
    log.info({ signal }, 'shutting down');
    await service.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((e) => {
  process.stderr.write(`living-allowance failed to start: ${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});

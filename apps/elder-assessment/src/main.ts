import '../../../libs/common/src/runtime/register-aliases';
import { ConfigError } from '@jiuzhu/common';
import { createLogger } from '@jiuzhu/common/logger';
import { runService } from '@jiuzhu/platform';
import { loadServiceConfig } from '@jiuzhu/platform';
import { elderAssessmentService } from './elder-assessment.service';

/** Runs the elder-assessment service alone, configured by environment variables only. */
async function main() {
  const log = createLogger('elder-assessment');
  let config;
  try {
    config = loadServiceConfig('ELDER_ASSESSMENT', 3004);
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`${e.message}\n`);
      process.exit(2);
    }
    throw e;
  }
  const service = await runService(elderAssessmentService({ refKey: config.refKey }), { settings: config, log });
  const shutdown = async (signal: string) => {
    log.info({ signal }, 'shutting down');
    await service.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((e) => {
  process.stderr.write(`elder-assessment failed to start: ${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});

import { ConfigError } from '@jiuzhu/common';
import { createLogger } from '@jiuzhu/common/logger';
import { loadServiceConfig } from './service-config';
import { runService, ServiceDefinition } from './service-runtime';

/**
 * A service's own `main`: configuration from the environment only (`<PREFIX>_X`, then `X`), a bad
 * value or a busy port stops it with one line per problem (exit 2), SIGINT/SIGTERM stop it cleanly.
 */
export function runAlone(o: { name: string; envPrefix: string; defaultPort: number; define(refKey: string): ServiceDefinition }): void {
  const log = createLogger(o.name);
  const start = async () => {
    let service;
    try {
      const config = loadServiceConfig(o.envPrefix, o.defaultPort);
      service = await runService(o.define(config.refKey), { settings: config, log });
    } catch (e) {
      // A bad setting or a busy port: the line that says which variable to change, no stack trace.
      if (e instanceof ConfigError) {
        process.stderr.write(`${e.message}\n`);
        process.exit(2);
      }
      throw e;
    }
    const shutdown = async (signal: string) => {
      log.info({ signal }, 'shutting down');
      await service.stop();
      process.exit(0);
    };
    process.once('SIGINT', () => void shutdown('SIGINT'));
    process.once('SIGTERM', () => void shutdown('SIGTERM'));
  };
  start().catch((e) => {
    process.stderr.write(`${o.name} failed to start: ${e instanceof Error ? e.stack : String(e)}\n`);
    process.exit(1);
  });
}

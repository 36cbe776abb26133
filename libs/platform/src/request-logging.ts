import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { DynamicModule } from '@nestjs/common';
import { Logger as NestPinoLogger, LoggerModule, PinoLogger } from 'nestjs-pino';
import { storage } from 'nestjs-pino/storage';
import type { Logger } from 'pino';
import { actorOf } from '@jiuzhu/auth';
import { censorUrl } from '@jiuzhu/common/logger';

export const REQUEST_ID_HEADER = 'x-request-id';

/** A caller's request id is kept when it is a plain token; anything else (too long, odd characters) is replaced. */
const ACCEPTABLE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Probes and scrapes every few seconds: their lines are debug, so they do not drown the requests people make. */
const PROBE_PATHS = /^\/(health(\/|$|\?)|metrics($|\?))/;

/**
 * nestjs-pino on the service's own logger: every request gets an id (the caller's `x-request-id`, or
 * a new one, returned in the response), one line when it completes (method, path, status, time, who
 * asked), and every line logged while handling it carries that id.
 */
export function requestLogging(log: Logger): DynamicModule {
  return LoggerModule.forRoot({
    pinoHttp: {
      logger: log,
      quietReqLogger: true,
      genReqId(req: IncomingMessage, res: ServerResponse) {
        const given = req.headers[REQUEST_ID_HEADER];
        const id = typeof given === 'string' && ACCEPTABLE_REQUEST_ID.test(given) ? given : randomUUID();
        res.setHeader(REQUEST_ID_HEADER, id);
        return id;
      },
      // Who made the request, as the access guard admitted them: a staff id, never a name.
      customProps: (req) => ({ actor: actorOf(req)?.id }),
      customLogLevel(req, res, err) {
        if (err || res.statusCode >= 500) return 'error';
        return PROBE_PATHS.test(req.url ?? '') ? 'debug' : 'info';
      },
      // What a request line may say: no headers (credentials, cookies), no body (household documents,
      // contacts), and no value of a personal query parameter.
      serializers: {
        req: (req: { id: unknown; method: string; url: string; headers: Record<string, unknown> }) => ({
          id: req.id,
          method: req.method,
          url: censorUrl(req.url),
        }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
    },
  });
}

/** Route mapping and module loading lines are start-up noise; kept for debugging only. */
const QUIET_CONTEXTS = new Set(['RouterExplorer', 'RoutesResolver', 'InstanceLoader', 'NestFactory', 'NestApplication', 'NestMicroservice']);

/**
 * Nest's own lines through nestjs-pino, on this service's logger. nestjs-pino keeps the logger for
 * lines outside a request in module state (the first app's); the launcher runs several services in
 * one process, so each app's Nest logger falls back to its own service's logger instead.
 */
class ServicePinoLogger extends PinoLogger {
  constructor(private readonly own: Logger) {
    super({ pinoHttp: { logger: own } });
  }

  override get logger(): Logger {
    return storage.getStore()?.logger ?? this.own;
  }
}

export class ServiceNestLogger extends NestPinoLogger {
  constructor(log: Logger) {
    super(new ServicePinoLogger(log), {});
  }

  override log(message: unknown, ...params: unknown[]): void {
    const context = params.at(-1);
    if (typeof context === 'string' && QUIET_CONTEXTS.has(context)) super.debug(message, ...params);
    else super.log(message, ...params);
  }
}

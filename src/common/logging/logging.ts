import type { IncomingMessage, ServerResponse } from 'node:http';
import pino from 'pino';
import type { DestinationStream } from 'pino';
import type { Options } from 'pino-http';
import { AppConfig } from '../../config/config';

/**
 * One JSON line per request and per log call, each with the request id. Request headers are
 * never logged (they carry API keys); only method, path and the id.
 */
export function pinoHttpOptions(config: AppConfig): Options {
  type WithId = IncomingMessage & { id?: string };
  return {
    level: config.logLevel,
    genReqId: (req: IncomingMessage) => (req as WithId).id ?? 'unknown',
    // One child logger per request, bound to its id and nothing else; the access line adds the
    // request (method and path) and the response when it is written, so nothing is serialised twice.
    quietReqLogger: true,
    quietResLogger: true,
    customAttributeKeys: { reqId: 'request_id' },
    // the serializers below read the two fields they log; pino's stock ones would copy every header first
    wrapSerializers: false,
    customSuccessObject: (req: IncomingMessage, _res: ServerResponse, value: Record<string, unknown>) => ({ req, ...value }),
    customErrorObject: (req: IncomingMessage, _res: ServerResponse, _err: Error, value: Record<string, unknown>) => ({ req, ...value }),
    serializers: {
      req: (req: { method?: string; url?: string; originalUrl?: string }) => ({ method: req.method, url: req.originalUrl ?? req.url }),
      res: (res: { statusCode?: number }) => ({ status: res.statusCode }),
      err: pino.stdSerializers.err,
    },
    customLogLevel: (_req: IncomingMessage, res: ServerResponse, err?: Error) =>
      err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
    redact: {
      paths: ['req.headers.authorization', 'req.headers["x-api-key"]', 'req.headers.cookie', '*.key', '*.api_key'],
      censor: '[REDACTED]',
    },
    formatters: { level: (label: string) => ({ level: label }) },
    timestamp: () => `,"time":"${new Date().toISOString()}"`,
  };
}

/**
 * Standard output, written asynchronously: lines logged while a write is in flight go out together
 * in the next one, so a busy server makes one write per batch of lines rather than one per line.
 * Buffered lines are flushed when the process exits.
 */
export function logDestination(): DestinationStream {
  return pino.destination({ dest: 1, sync: false });
}

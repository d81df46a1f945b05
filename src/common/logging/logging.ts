import pino from 'pino';
import type { DestinationStream, LoggerOptions } from 'pino';
import { AppConfig } from '../../config/config';

/** What every line shares: the level by name and an ISO time. */
function baseOptions(config: AppConfig): LoggerOptions {
  return {
    level: config.logLevel,
    formatters: { level: (label: string) => ({ level: label }) },
    timestamp: () => `,"time":"${new Date().toISOString()}"`,
  };
}

/**
 * The application's lines (Nest's `Logger`). Redaction is the safety net for an object logged with
 * a credential in it; request headers are never logged at all.
 */
export function appLoggerOptions(config: AppConfig): LoggerOptions {
  return {
    ...baseOptions(config),
    serializers: { err: pino.stdSerializers.err },
    redact: {
      paths: ['req.headers.authorization', 'req.headers["x-api-key"]', 'req.headers.cookie', '*.key', '*.api_key'],
      censor: '[REDACTED]',
    },
  };
}

/** The access lines: their fields are fixed (see `accessLog`), so nothing needs redacting. */
export function accessLoggerOptions(config: AppConfig): LoggerOptions {
  return baseOptions(config);
}

/**
 * Standard output, written asynchronously: lines logged while a write is in flight go out together
 * in the next one, so a busy server makes one write per batch of lines rather than one per line.
 * Buffered lines are flushed when the process exits.
 */
export function logDestination(): DestinationStream {
  return pino.destination({ dest: 1, sync: false });
}

import pino from 'pino';
import type { DestinationStream, LoggerOptions } from 'pino';
import { AppConfig } from '../../config/config';
import { redactCredentials } from '../security/url-credentials';

/** pino's error serializer, with any URL's password masked in the message and the stack. */
function errSerializer(err: Error): Record<string, unknown> {
  const out = pino.stdSerializers.err(err) as unknown as Record<string, unknown>;
  for (const key of ['message', 'stack']) if (typeof out[key] === 'string') out[key] = redactCredentials(out[key] as string);
  return out;
}

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
 * a credential in it (and AppLogger masks URL passwords in messages); request headers are never
 * logged at all.
 */
export function appLoggerOptions(config: AppConfig): LoggerOptions {
  return {
    ...baseOptions(config),
    serializers: { err: errSerializer },
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

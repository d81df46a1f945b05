import type { LoggerService } from '@nestjs/common';
import type { Logger as Pino } from 'pino';
import { redactCredentials } from '../security/url-credentials';

type Level = 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal';

const masked = (p: unknown) => (typeof p === 'string' ? redactCredentials(p) : p);

/**
 * Nest's logger, written by pino as JSON lines: the last argument Nest passes is the context (the
 * class that logged), an object first argument is merged into the line and an Error becomes
 * `err`. Lines are not bound to the request they happen in implicitly — that needs an
 * AsyncLocalStorage, whose promise hooks every request would pay for on every promise — so the
 * request id is on the access line and on each line that names it (the exception filter's).
 */
export class AppLogger implements LoggerService {
  constructor(readonly pino: Pino) {}

  verbose(message: unknown, ...optionalParams: unknown[]): void {
    this.call('trace', message, optionalParams);
  }

  debug(message: unknown, ...optionalParams: unknown[]): void {
    this.call('debug', message, optionalParams);
  }

  log(message: unknown, ...optionalParams: unknown[]): void {
    this.call('info', message, optionalParams);
  }

  warn(message: unknown, ...optionalParams: unknown[]): void {
    this.call('warn', message, optionalParams);
  }

  error(message: unknown, ...optionalParams: unknown[]): void {
    this.call('error', message, optionalParams);
  }

  fatal(message: unknown, ...optionalParams: unknown[]): void {
    this.call('fatal', message, optionalParams);
  }

  private call(level: Level, message: unknown, optionalParams: unknown[]): void {
    if (!this.pino.isLevelEnabled(level)) return;
    const fields: Record<string, unknown> = {};
    let params = optionalParams;
    if (params.length) {
      fields.context = params[params.length - 1];
      params = params.slice(0, -1);
    }
    if (message instanceof Error) {
      fields.err = message;
      // pino would take err.message as the line's text, unmasked
      this.pino[level](fields, ...((params.length ? params.map(masked) : [redactCredentials(message.message)]) as [string?]));
    } else if (message !== null && typeof message === 'object') {
      // a URL's password never reaches a line: in top-level text fields here, in `err` by its serializer
      Object.assign(fields, message);
      for (const [key, value] of Object.entries(fields)) if (typeof value === 'string') fields[key] = redactCredentials(value);
      // with no text of its own, pino would take an err's message as the line's text, unmasked
      const text = params.length ? params.map(masked) : fields.err instanceof Error ? [redactCredentials(fields.err.message)] : [];
      this.pino[level](fields, ...(text as [string?]));
    } else if (level === 'error' && typeof message === 'string' && params.length === 1 && typeof params[0] === 'string' && /\n\s*at /.test(params[0])) {
      // Nest's own exception handlers call error(message, stack, context)
      const err = new Error(message);
      err.stack = params[0];
      this.pino.error({ ...fields, err }, redactCredentials(message));
    } else {
      this.pino[level](fields, redactCredentials(String(message)), ...(params as []));
    }
  }
}

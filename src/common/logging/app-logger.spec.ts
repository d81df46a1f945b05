import { Writable } from 'node:stream';
import pino from 'pino';
import { loadConfig } from '../../config/config';
import { AppLogger } from './app-logger';
import { appLoggerOptions } from './logging';

function capture(level = 'info', options: pino.LoggerOptions = {}): { logger: AppLogger; lines: () => Array<Record<string, unknown>> } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  const logger = new AppLogger(pino({ level, base: undefined, timestamp: false, ...options }, stream));
  return { logger, lines: () => chunks.join('').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>) };
}

describe('AppLogger', () => {
  it("masks a URL's password in every kind of line: messages, merged fields, errors and their stacks", () => {
    const { logger, lines } = capture('info', appLoggerOptions(loadConfig({})));
    const url = 'http://prom:hunter2-pw@prom.internal:9090';
    logger.warn(`Prometheus at ${url} is unreachable`, 'ProbeRunner');
    logger.warn({ reason: `fetch ${url} failed`, request_id: 'r-1' }, `dependency ${url} unavailable`, 'Errors');
    const err = new Error(`connect to ${url} refused`);
    logger.error(err, 'Jobs');
    logger.error({ err, request_id: 'r-2' }, 'unhandled error', 'Errors');
    logger.error({ err, request_id: 'r-3' }, 'Errors');
    logger.error(`handler for ${url} failed`, `Error: handler for ${url} failed\n    at x (x.js:1:1)`, 'ExceptionsHandler');
    const text = JSON.stringify(lines());
    expect(text).not.toContain('hunter2-pw');
    expect(text.match(/prom:\*\*\*@/g)?.length).toBeGreaterThanOrEqual(12);
  });

  it('writes the message with the context Nest passes last', () => {
    const { logger, lines } = capture();
    logger.log('listening on 3000', 'Bootstrap');
    logger.warn('plain');
    expect(lines()).toEqual([
      { level: 30, context: 'Bootstrap', msg: 'listening on 3000' },
      { level: 40, msg: 'plain' },
    ]);
  });

  it('merges an object first argument into the line, with the message after it', () => {
    const { logger, lines } = capture();
    logger.warn({ request_id: 'r-1', code: 'DATABASE_UNAVAILABLE' }, 'dependency unavailable', 'Errors');
    expect(lines()).toEqual([{ level: 40, request_id: 'r-1', code: 'DATABASE_UNAVAILABLE', context: 'Errors', msg: 'dependency unavailable' }]);
  });

  it('logs an Error as err, and takes Nest\'s error(message, stack, context) as an error with that stack', () => {
    const { logger, lines } = capture();
    logger.error(new Error('boom'), 'Jobs');
    logger.error('handler failed', 'Error: handler failed\n    at Object.<anonymous> (x.js:1:1)', 'ExceptionsHandler');
    const [first, second] = lines();
    expect(first).toMatchObject({ level: 50, context: 'Jobs', err: { message: 'boom', type: 'Error' } });
    expect(second).toMatchObject({ level: 50, context: 'ExceptionsHandler', err: { message: 'handler failed', stack: 'Error: handler failed\n    at Object.<anonymous> (x.js:1:1)' } });
  });

  it('maps verbose to trace and drops what the level filters out', () => {
    const { logger, lines } = capture('debug');
    logger.verbose('noisy', 'X');
    logger.debug('kept', 'X');
    logger.fatal('the end', 'X');
    expect(lines()).toEqual([
      { level: 20, context: 'X', msg: 'kept' },
      { level: 60, context: 'X', msg: 'the end' },
    ]);
  });
});

import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Logger } from 'pino';

/**
 * One JSON line per request, written when the response is done: the request id, method and path,
 * the status and the milliseconds taken — `info`, `warn` for a 4xx or a client that went away
 * before the answer, `error` for a 5xx. Headers are never logged (they carry API keys). One
 * listener and one log call per request: no per-request child logger.
 */
export function accessLog(logger: Logger): RequestHandler {
  return (req: Request, res: Response, next: NextFunction): void => {
    const start = Date.now();
    res.once('close', () => {
      const status = res.statusCode;
      const finished = res.writableFinished;
      const level = status >= 500 ? 'error' : status >= 400 || !finished ? 'warn' : 'info';
      if (!logger.isLevelEnabled(level)) return;
      logger[level](
        { request_id: (req as Request & { id?: string }).id, req: { method: req.method, url: req.originalUrl }, res: { status }, responseTime: Date.now() - start },
        !finished ? 'request aborted' : status >= 500 ? 'request errored' : 'request completed',
      );
    });
    next();
  };
}

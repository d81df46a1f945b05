import type { NextFunction, Request, RequestHandler, Response } from 'express';

/**
 * Runs synchronous middlewares one after the other as one router layer: every request pays for
 * each layer it passes, so the ones every request takes are folded into one. A middleware that
 * answers the request itself (and never calls next) stops the chain.
 */
export function chain(...middlewares: RequestHandler[]): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    let i = 0;
    const step = (err?: unknown): void => {
      if (err !== undefined && err !== null) return next(err);
      const middleware = middlewares[i++];
      if (!middleware) return next();
      middleware(req, res, step);
    };
    step();
  };
}

/**
 * A middleware that only sets fixed response headers (helmet's, configured once at boot) run once
 * against a recorder, then replayed: the same headers, without re-deciding them on every request.
 * Refuses a middleware that does anything else with the request or response.
 */
export function precomputedHeaders(middleware: RequestHandler): RequestHandler {
  const headers: Array<[string, string | number | readonly string[]]> = [];
  const removed: string[] = [];
  let called = false;
  const recorder = new Proxy(
    {
      setHeader: (name: string, value: string | number | readonly string[]) => headers.push([name, value]),
      removeHeader: (name: string) => removed.push(name),
    },
    {
      get(target, key) {
        if (key in target) return target[key as keyof typeof target];
        throw new Error(`precomputedHeaders: the middleware used res.${String(key)}`);
      },
    },
  );
  const request = new Proxy({}, { get: (_t, key) => { throw new Error(`precomputedHeaders: the middleware read req.${String(key)}`); } });
  middleware(request as Request, recorder as unknown as Response, (err?: unknown) => {
    if (err) throw err;
    called = true;
  });
  if (!called) throw new Error('precomputedHeaders: the middleware did not call next synchronously');
  return (_req: Request, res: Response, next: NextFunction) => {
    for (const name of removed) res.removeHeader(name);
    for (const [name, value] of headers) res.setHeader(name, value);
    next();
  };
}

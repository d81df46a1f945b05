import type { NextFunction, Request, RequestHandler, Response } from 'express';

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

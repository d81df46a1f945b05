import type { NextFunction, Request, RequestHandler, Response } from 'express';
import helmet from 'helmet';
import { chain, precomputedHeaders } from './chain';

function recordingResponse() {
  const headers = new Map<string, unknown>();
  const res = {
    setHeader: (name: string, value: unknown) => headers.set(name.toLowerCase(), value),
    removeHeader: (name: string) => headers.delete(name.toLowerCase()),
  };
  return { headers, res: res as unknown as Response };
}

describe('chain', () => {
  it('runs the middlewares in order as one, passes errors on, and stops where one answers', () => {
    const seen: string[] = [];
    const mw = (name: string, act?: (next: NextFunction) => void): RequestHandler => (_req, _res, next) => {
      seen.push(name);
      if (act) act(next);
      else next();
    };
    const next = jest.fn();
    chain(mw('a'), mw('b'), mw('c'))({} as Request, {} as Response, next);
    expect(seen).toEqual(['a', 'b', 'c']);
    expect(next).toHaveBeenCalledWith();

    seen.length = 0;
    const failed = jest.fn();
    chain(mw('a', (n) => n(new Error('boom'))), mw('b'))({} as Request, {} as Response, failed);
    expect(seen).toEqual(['a']);
    expect(failed.mock.calls[0][0]).toEqual(new Error('boom'));

    seen.length = 0;
    const answered = jest.fn();
    chain(mw('a', () => undefined), mw('b'))({} as Request, {} as Response, answered);
    expect(seen).toEqual(['a']);
    expect(answered).not.toHaveBeenCalled();
  });
});

describe('precomputedHeaders', () => {
  it('sets exactly the headers helmet sets', () => {
    const options = { contentSecurityPolicy: { useDefaults: true, directives: { 'frame-ancestors': ["'none'"] } }, crossOriginEmbedderPolicy: false };
    const direct = recordingResponse();
    helmet(options)({} as Request, direct.res, () => undefined);
    const replayed = recordingResponse();
    const next = jest.fn();
    precomputedHeaders(helmet(options))({} as Request, replayed.res, next);
    expect(next).toHaveBeenCalled();
    expect(replayed.headers.size).toBeGreaterThan(8);
    expect([...replayed.headers]).toEqual([...direct.headers]);
  });

  it('refuses a middleware whose headers depend on the request', () => {
    const byRequest: RequestHandler = (req, res, next) => {
      res.setHeader('X-Path', req.path);
      next();
    };
    expect(() => precomputedHeaders(byRequest)).toThrow(/read req.path/);
    expect(() => precomputedHeaders((_req, res) => void res.status(204))).toThrow(/res.status/);
  });
});

import type { Request, RequestHandler, Response } from 'express';
import helmet from 'helmet';
import { precomputedHeaders } from './precomputed-headers';

function recordingResponse() {
  const headers = new Map<string, unknown>();
  const res = {
    setHeader: (name: string, value: unknown) => headers.set(name.toLowerCase(), value),
    removeHeader: (name: string) => headers.delete(name.toLowerCase()),
  };
  return { headers, res: res as unknown as Response };
}

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

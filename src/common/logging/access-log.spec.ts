import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import express from 'express';
import pino from 'pino';
import request from 'supertest';
import { accessLog } from './access-log';

function app(level = 'info') {
  const lines: Array<Record<string, unknown>> = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(JSON.parse(String(chunk)) as Record<string, unknown>);
      done();
    },
  });
  const a = express();
  a.use((req, _res, next) => {
    (req as express.Request & { id: string }).id = 'req-1';
    next();
  });
  a.use(accessLog(pino({ level, base: undefined, timestamp: false }, stream)));
  a.get('/ok', (_req, res) => void res.json({ ok: true }));
  a.get('/missing', (_req, res) => void res.status(404).json({}));
  a.get('/broken', (_req, res) => void res.status(503).json({}));
  a.get('/slow', () => undefined);
  return { a, lines };
}

const settle = () => new Promise((r) => setTimeout(r, 20));

describe('accessLog', () => {
  it('writes one line per request: id, method, path with query, status and time, at a level by status', async () => {
    const { a, lines } = app();
    await request(a).get('/ok?limit=5').set('x-api-key', 'secret-key');
    await request(a).get('/missing');
    await request(a).get('/broken');
    await settle();
    expect(lines.map(({ responseTime, ...l }) => (expect(typeof responseTime).toBe('number'), l))).toEqual([
      { level: 30, request_id: 'req-1', req: { method: 'GET', url: '/ok?limit=5' }, res: { status: 200 }, msg: 'request completed' },
      { level: 40, request_id: 'req-1', req: { method: 'GET', url: '/missing' }, res: { status: 404 }, msg: 'request completed' },
      { level: 50, request_id: 'req-1', req: { method: 'GET', url: '/broken' }, res: { status: 503 }, msg: 'request errored' },
    ]);
    expect(JSON.stringify(lines)).not.toContain('secret-key');
  });

  it('logs a request whose client went away before the answer as aborted', async () => {
    const { a, lines } = app();
    const server = http.createServer(a).listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    const req = http.get({ port: (server.address() as AddressInfo).port, host: '127.0.0.1', path: '/slow' });
    req.on('error', () => undefined);
    await settle();
    req.destroy();
    await settle();
    server.close();
    expect(lines).toEqual([expect.objectContaining({ level: 40, req: { method: 'GET', url: '/slow' }, msg: 'request aborted' })]);
  });

  it('writes nothing below its level', async () => {
    const { a, lines } = app('warn');
    await request(a).get('/ok');
    await request(a).get('/missing');
    await settle();
    expect(lines.map((l) => l.res)).toEqual([{ status: 404 }]);
  });
});

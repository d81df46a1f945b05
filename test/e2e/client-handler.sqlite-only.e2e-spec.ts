import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import * as http from 'node:http';
import * as net from 'node:net';
import * as path from 'node:path';
import { NeuralOpsCallbackHandler, NeuralOpsClient } from '@neuralops/client';
import { linearGraph } from '../client/graphs';
import { startTestApp, TestApp } from '../support/test-app';
import { freePort } from '../support/free-port';

const ROOT = path.resolve(__dirname, '..', '..');


/** A stand-in answering POST /runs with the given behaviour per request (status, delay). */
async function fakeServer(answer: (n: number) => { status: number; delayMs?: number }) {
  const bodies: Array<Record<string, unknown>> = [];
  let n = 0;
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      const { status, delayMs = 0 } = answer(++n);
      if (status < 300) bodies.push(JSON.parse(raw));
      setTimeout(() => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(status < 300 ? { id: 'x' } : { error: { code: 'UNAVAILABLE', message: 'try later' }, request_id: 'req-1' }));
      }, delayMs).unref();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`;
  return { url, bodies, requests: () => n, close: () => new Promise<void>((r) => server.close(() => r())) };
}

async function timedInvoke(handler: NeuralOpsCallbackHandler, runId = randomUUID()) {
  const t0 = Date.now();
  const result = await linearGraph().invoke({ value: 1 }, { callbacks: [handler], runId });
  return { result, ms: Date.now() - t0, runId };
}

describe('[sqlite] NeuralOpsCallbackHandler never breaks the graph', () => {
  let app: TestApp | undefined;
  afterAll(() => app?.close());

  it('server down, then up: the graph completes normally and the run arrives after recovery', async () => {
    const port = await freePort();
    const warnings: string[] = [];
    const handler = new NeuralOpsCallbackHandler({
      baseUrl: `http://127.0.0.1:${port}`,
      apiKey: 'test-admin-key-0123456789abcdef',
      retryBaseMs: 100,
      retryMaxMs: 300,
      maxAttempts: 200,
      onWarning: (m) => warnings.push(m),
    });
    const { result, ms, runId } = await timedInvoke(handler);
    expect(result).toEqual({ value: 20, trail: ['fetch', 'parse', 'store'] });
    expect(ms).toBeLessThan(1_000);
    expect(handler.stats).toMatchObject({ pending: 1, delivered: 0 });

    app = await startTestApp({ env: { SCHEDULER_ENABLED: 'false', EMBEDDINGS_ENABLED: 'false' } });
    await app.app.listen(port, '127.0.0.1');
    expect(await handler.flush(20_000)).toEqual({ delivered: 1, failed: 0, dropped: 0, pending: 0 });
    expect(handler.stats).toEqual({ pending: 0, delivered: 1, failed: 0, dropped: 0 });
    expect(warnings).toEqual([expect.stringContaining('retrying in the background')]);
    const client = new NeuralOpsClient({ baseUrl: `http://127.0.0.1:${port}`, apiKey: app.admin.key });
    const [stored] = (await client.listRuns({ run_id: runId })).items;
    expect(stored).toMatchObject({ wpk_id: 'linear-graph', status: 'completed' });
    expect((await client.getRun(stored.id)).node_logs!.map((l) => l.node)).toEqual(['fetch', 'parse', 'store']);
  });

  it('a server answering 503 twice: retried with backoff, delivered once; the running post goes first', async () => {
    const fake = await fakeServer((n) => ({ status: n <= 2 ? 503 : 201 }));
    const handler = new NeuralOpsCallbackHandler({ baseUrl: fake.url, postRunning: true, retryBaseMs: 50, onWarning: () => undefined });
    const { ms } = await timedInvoke(handler);
    expect(ms).toBeLessThan(1_000);
    await handler.flush(10_000);
    await fake.close();
    expect(fake.bodies.map((b) => b.status)).toEqual(['running', 'completed']);
    expect(fake.requests()).toBe(4);
  });

  it('a slow server: the graph is not slowed down; delivery times out, is retried a bounded number of times, then dropped with a warning', async () => {
    const fake = await fakeServer(() => ({ status: 201, delayMs: 5_000 }));
    const warnings: string[] = [];
    const handler = new NeuralOpsCallbackHandler({ baseUrl: fake.url, timeoutMs: 150, maxAttempts: 3, retryBaseMs: 50, onWarning: (m) => warnings.push(m) });
    const { ms } = await timedInvoke(handler);
    expect(ms).toBeLessThan(1_000);
    expect(await handler.flush(10_000)).toEqual({ delivered: 0, failed: 1, dropped: 0, pending: 0 });
    expect(fake.requests()).toBe(3);
    expect(handler.stats).toEqual({ pending: 0, delivered: 0, failed: 1, dropped: 0 });
    expect(warnings.at(-1)).toMatch(/gave up delivering .* after 3 attempt\(s\): TIMEOUT/);
    await fake.close();
  });

  it('a bounded buffer: beyond maxBuffer the oldest waiting run is dropped with a warning', async () => {
    const port = await freePort();
    const warnings: string[] = [];
    const handler = new NeuralOpsCallbackHandler({ baseUrl: `http://127.0.0.1:${port}`, maxBuffer: 2, maxAttempts: 1_000, retryBaseMs: 1_000, onWarning: (m) => warnings.push(m) });
    for (let i = 0; i < 4; i++) await timedInvoke(handler);
    expect(handler.stats).toEqual({ pending: 2, delivered: 0, failed: 0, dropped: 2 });
    expect(await handler.flush(50)).toEqual({ delivered: 0, failed: 0, dropped: 2, pending: 2 });
    expect(warnings.filter((w) => w.includes('buffer full'))).toHaveLength(2);
  });

  it('a script exits by itself once flush() resolves, with the server down', async () => {
    const port = await freePort();
    const child = spawnSync(process.execPath, ['-r', path.join(ROOT, 'scripts/ts-register.js'), 'test/client/exit-script.ts', `http://127.0.0.1:${port}`], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(child.status).toBe(0);
    const report = JSON.parse(child.stdout.trim());
    expect(report).toMatchObject({ value: 20, flushed: { delivered: 0, failed: 1, dropped: 0, pending: 0 }, stats: { pending: 0, delivered: 0, failed: 1, dropped: 0 } });
    expect(report.invoked_ms).toBeLessThan(1_000);
    expect(child.stderr).toMatch(/gave up delivering/);
  }, 90_000);
});

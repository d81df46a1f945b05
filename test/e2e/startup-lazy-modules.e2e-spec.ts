import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { freePort } from '../support/free-port';
import { describeDb, startTestApp, TestApp } from '../support/test-app';

/**
 * A start loads neither axios, gRPC nor protobufjs: each is loaded where it is first needed (an
 * outside HTTP call, OTLP_GRPC_PORT, the first OTLP request). Each package is recorded when the app
 * first requires it; a function declaration, so it exists before the hoisted mocks run.
 */
function mockRecordLoad(name: string): unknown {
  const g = globalThis as { lazilyLoaded?: Set<string> };
  (g.lazilyLoaded ??= new Set()).add(name);
  return jest.requireActual(name);
}
jest.mock('axios', () => mockRecordLoad('axios'));
jest.mock('@grpc/grpc-js', () => mockRecordLoad('@grpc/grpc-js'));
jest.mock('protobufjs', () => mockRecordLoad('protobufjs'));

const loaded = () => [...((globalThis as { lazilyLoaded?: Set<string> }).lazilyLoaded ?? [])].sort();

describeDb('what a start loads', () => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  it('a start with embeddings on loads none of them; the first OTLP request loads protobufjs and is answered as before', async () => {
    t = await startTestApp({ env: { EMBEDDINGS_ENABLED: 'true', SCHEDULER_ENABLED: 'false' } });
    expect((await t.http().get('/health')).status).toBe(200);
    expect(loaded()).toEqual([]);
    const body = { resourceSpans: [{ resource: { attributes: [] }, scopeSpans: [{ spans: [] }] }] };
    const res = await t.http().post('/v1/traces').set(t.admin.header).set('content-type', 'application/json').send(JSON.stringify(body));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({});
    expect(loaded()).toEqual(['protobufjs']);
  });

  it('with Prometheus and Alertmanager configured, axios is loaded by the first call to them, which goes out as before', async () => {
    const asked: string[] = [];
    const upstream = http.createServer((req, res) => {
      asked.push(`${req.method} ${req.url}`);
      res.end('ready');
    });
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', () => resolve()));
    const url = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
    try {
      t = await startTestApp({ env: { PROM_URL: url, ALERTMANAGER_URL: url, SCHEDULER_ENABLED: 'false' } });
      expect(loaded()).not.toContain('axios');
      const health = await t.http().get('/health');
      expect(health.status).toBe(200);
      expect(loaded()).toContain('axios');
      expect(asked).toEqual(['GET /-/ready', 'GET /-/ready']);
      expect(Object.values(health.body.checks).filter((c) => (c as { url?: string }).url === url)).toEqual([
        expect.objectContaining({ status: 'up' }),
        expect.objectContaining({ status: 'up' }),
      ]);
    } finally {
      await new Promise<void>((resolve) => upstream.close(() => resolve()));
    }
  });

  it('OTLP_GRPC_PORT loads gRPC at start, for the server it listens with', async () => {
    expect(loaded()).not.toContain('@grpc/grpc-js');
    t = await startTestApp({ env: { OTLP_GRPC_PORT: String(await freePort()), SCHEDULER_ENABLED: 'false' } });
    expect(loaded()).toContain('@grpc/grpc-js');
  });
});

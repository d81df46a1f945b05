import * as http from 'node:http';
import { Clock } from '../../src/modules/insight/clock';
import { ProbeScheduler } from '../../src/modules/insight/scheduler/probe-scheduler';
import { recordFault } from '../support/reliability-report';
import { currentDriver, describeDb, startTestApp, TestApp } from '../support/test-app';

type Mode = 'ok' | 'hang' | 'error-body' | 'html';

/**
 * A stand-in speaking Prometheus's HTTP API, for what a real Prometheus will not do on demand:
 * hang, answer an `error` body of our choosing, or return many series. Records every request.
 */
async function fakePrometheus(seriesCount: number) {
  const requests: Array<{ path: string; form: URLSearchParams; auth?: string }> = [];
  let mode: Mode = 'ok';
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://x');
      requests.push({ path: url.pathname, form: new URLSearchParams(body), auth: req.headers.authorization });
      if (url.pathname === '/-/ready') return res.end('ready');
      if (mode === 'hang') return; // never answers
      res.setHeader('Content-Type', 'application/json');
      if (mode === 'error-body') {
        res.statusCode = 503;
        return res.end(JSON.stringify({ status: 'error', errorType: 'timeout', error: 'query timed out in expression evaluation' }));
      }
      if (mode === 'html') {
        res.statusCode = 502;
        res.setHeader('Content-Type', 'text/html');
        return res.end('<html>bad gateway</html>');
      }
      if (url.pathname === '/api/v1/query') return res.end(JSON.stringify({ status: 'success', data: { resultType: 'vector', result: [] } }));
      const form = new URLSearchParams(body);
      const start = Number(form.get('start'));
      const end = Number(form.get('end'));
      const step = parseInt(form.get('step') ?? '60', 10);
      const result = Array.from({ length: seriesCount }, (_, s) => {
        const values: Array<[number, string]> = [];
        for (let ts = start, i = 0; ts <= end; ts += step, i++) values.push([ts, String(50 + ((i * 13 + s * 7) % 10) + (ts === end ? 500 : 0))]);
        return { metric: { __name__: 'm', pod: `pod-${String(s).padStart(2, '0')}` }, values };
      });
      res.end(JSON.stringify({ status: 'success', data: { resultType: 'matrix', result } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
    requests,
    setMode: (m: Mode) => (mode = m),
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

describeDb('insight: Prometheus source behaviour against a stand-in', () => {
  let t: TestApp;
  let prom: Awaited<ReturnType<typeof fakePrometheus>>;

  beforeAll(async () => {
    prom = await fakePrometheus(5);
    t = await startTestApp({ env: { PROM_URL: prom.url, PROM_BEARER_TOKEN: 'tok-123', PROM_TIMEOUT_MS: '1500', SCHEDULER_ENABLED: 'false', PROBE_MAX_SERIES: '3' } });
  });
  afterAll(async () => {
    await t?.close();
    await prom?.close();
  });

  it('asks query_range with an aligned range and a step that keeps every series under 11,000 points, with the bearer token', async () => {
    prom.setMode('ok');
    prom.requests.length = 0;
    const res = await t.http().post('/probe').set(t.admin.header).send({ query: 'm', lookback: '30d', step: '15s', detector: 'zscore', threshold: 4, store: false });
    expect(res.status).toBe(200);
    const req = prom.requests.find((r) => r.path === '/api/v1/query_range')!;
    expect(req.auth).toBe('Bearer tok-123');
    const step = parseInt(req.form.get('step')!, 10);
    expect(req.form.get('step')).toBe('236s');
    const start = Number(req.form.get('start'));
    const end = Number(req.form.get('end'));
    expect(start % step).toBe(0);
    expect(end % step).toBe(0);
    expect((end - start) / step + 1).toBeLessThanOrEqual(11_000);
    expect(res.body.step).toBe('236s');
  });

  it('a timeout, an error body and a non-JSON answer are 503s with the reason, never data', async () => {
    prom.setMode('hang');
    const hang = await t.http().post('/probe').set(t.admin.header).send({ query: 'm' });
    expect(hang.status).toBe(503);
    expect(hang.body.error).toMatchObject({ code: 'PROBE_SOURCE_UNREACHABLE', message: `Prometheus at ${prom.url} is unreachable: did not answer within 1500 ms` });
    prom.setMode('error-body');
    const err = await t.http().post('/probe').set(t.admin.header).send({ query: 'm' });
    expect(err.status).toBe(503);
    expect(err.body.error.message).toBe('Prometheus: query timed out in expression evaluation (timeout)');
    prom.setMode('html');
    const html = await t.http().post('/probe').set(t.admin.header).send({ query: 'm' });
    expect(html.status).toBe(503);
    expect(html.body.error.message).toBe(`Prometheus at ${prom.url} answered HTTP 502 without a result`);
    recordFault(`prometheus-garbage-${currentDriver()}`, {
      fault: `Prometheus slow or answering garbage (${currentDriver()})`,
      injected: 'a local stand-in that stalls past PROM_TIMEOUT_MS, answers a Prometheus error body, or answers HTML with HTTP 502',
      load: 'POST /probe per mode (and a scheduled run against the stalling server in the next test: fails within its timeout, backs off, writes nothing)',
      figures: { stall: `${hang.status} ${hang.body.error.code}`, 'error body': `${err.status} with Prometheus's message`, 'non-JSON': `${html.status} naming the HTTP status`, 'invented data': 'none' },
      outcome: 'pass',
    });
    prom.setMode('ok');
  });

  it('each label set is its own stream; /metrics exports at most PROBE_MAX_SERIES series per probe', async () => {
    const created = await t.http().post('/probes').set(t.admin.header).send({ name: 'pods', query: 'm', detector: 'zscore', detector_params: { window: 10 }, threshold: 5 });
    expect(created.status).toBe(201);
    const run = await t.http().post(`/probes/${created.body.id}/run`).set(t.admin.header);
    expect(run.body.run.error).toBeNull();
    expect(run.body.run.points_scored).toBe(5 * 61);
    const signals = (await t.http().get('/signals').query({ probe_id: created.body.id, state: 'firing' }).set(t.admin.header)).body.items;
    expect(signals).toHaveLength(5);
    expect(new Set(signals.map((s: { series: string }) => s.series)).size).toBe(5);
    // keyset pages over (observed_at, id), newest first
    const page1 = (await t.http().get('/signals').query({ probe_id: created.body.id, limit: 2 }).set(t.admin.header)).body;
    expect(page1.items).toHaveLength(2);
    expect(page1.limit).toBe(2);
    const page2 = (await t.http().get('/signals').query({ probe_id: created.body.id, limit: 2, cursor: page1.next_cursor }).set(t.admin.header)).body;
    const page3 = (await t.http().get('/signals').query({ probe_id: created.body.id, limit: 2, cursor: page2.next_cursor }).set(t.admin.header)).body;
    expect(page3.next_cursor).toBeNull();
    const ids = [...page1.items, ...page2.items, ...page3.items].map((i: { id: string }) => i.id);
    expect(new Set(ids).size).toBe(5);
    expect((await t.http().get('/signals').query({ min_score: 1e9 }).set(t.admin.header)).body.items).toHaveLength(0);
    expect((await t.http().get('/signals').query({ cursor: 'nope!' }).set(t.admin.header)).body.error.details[0].field).toBe('cursor');
    const metrics = (await t.http().get('/metrics')).text;
    const scores = metrics.split('\n').filter((l) => l.startsWith('neuralops_anomaly_score{'));
    expect(scores).toHaveLength(3);
    expect(scores[0]).toMatch(/^neuralops_anomaly_score\{probe="pods",series="__name__=\\"m\\",pod=\\"pod-00\\""\} \d/);
    expect(metrics.split('\n').filter((l) => l.startsWith('neuralops_signal_firing{')).map((l) => l.split(' ')[1])).toEqual(['1', '1', '1']);
  });

  it('the OpenAPI document describes the insight routes', async () => {
    const doc = (await t.http().get('/docs-json')).body;
    for (const route of ['/probe', '/probes', '/probes/{id}', '/probes/{id}/run', '/signals', '/signals/{id}', '/signals/{id}/runs']) expect(doc.paths[route]).toBeDefined();
    expect(doc.components.schemas.AdhocResultDto).toBeDefined();
  });

  it('a hanging Prometheus: the scheduled run fails within its timeout, backs off, and writes nothing', async () => {
    prom.setMode('hang');
    const probe = (await t.http().get('/probes').set(t.admin.header)).body.items.find((p: { name: string }) => p.name === 'pods');
    const before = (await t.http().get('/signals').set(t.admin.header)).body.items.length;
    const clock = t.app.get(Clock);
    const spy = jest.spyOn(clock, 'now').mockImplementation(() => new Date(Date.now() + 61_000));
    try {
      const tick = await t.app.get(ProbeScheduler).tick();
      expect(tick.outcomes).toHaveLength(1);
      expect(tick.outcomes[0].error).toMatch(/did not answer within 1500 ms/);
    } finally {
      spy.mockRestore();
      prom.setMode('ok');
    }
    const after = (await t.http().get(`/probes/${probe.id}`).set(t.admin.header)).body;
    expect(after.consecutive_failures).toBe(1);
    expect(after.last_error).toMatch(/did not answer within 1500 ms/);
    expect((await t.http().get('/signals').set(t.admin.header)).body.items).toHaveLength(before);
  });
});

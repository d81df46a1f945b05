import * as http from 'node:http';
import { AddressInfo } from 'node:net';
import { Database } from '../../src/database/database.service';
import { Clock } from '../../src/modules/insight/clock';
import { DeliveryWorker } from '../../src/modules/insight/delivery/delivery.worker';
import { ProbeScheduler } from '../../src/modules/insight/scheduler/probe-scheduler';
import { ProbesService } from '../../src/modules/insight/probes.service';
import { SignalsService } from '../../src/modules/insight/signals.service';
import { runsWithJump } from '../support/run-fixtures';
import { describeDb, startTestApp, TestApp } from '../support/test-app';

const MIN = 60_000;
const HOUR = 60 * MIN;

/** A webhook receiver that answers 503 until told it is up. */
async function receiver() {
  let up = false;
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.statusCode = up ? 204 : 503;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    setUp: (v: boolean) => (up = v),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A port nothing listens on: a Prometheus that is down. */
async function closedPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** The routes the console reads: metrics, 24 h stats, signal filters, deliveries and series, probe samples, the key's identity. */
describeDb('the API the console reads', () => {
  let t: TestApp;
  let hook: Awaited<ReturnType<typeof receiver>>;
  let admin: Record<string, string>;
  let clockOffset = 0;
  const keys: Record<'ingest' | 'read' | 'admin', { key: string; id: string; prefix: string }> = {} as never;

  beforeAll(async () => {
    hook = await receiver();
    t = await startTestApp({
      env: { SCHEDULER_ENABLED: 'false', WEBHOOK_URL: hook.url, WEBHOOK_SECRET: 'webhook-secret-0123456789', PROM_URL: `http://127.0.0.1:${await closedPort()}` },
    });
    admin = t.admin.header;
    jest.spyOn(t.app.get(Clock), 'now').mockImplementation(() => new Date(Date.now() + clockOffset));
    for (const role of ['ingest', 'read', 'admin'] as const) {
      const res = await t.http().post('/api-keys').set(admin).send({ name: `console-${role}`, role });
      expect(res.status).toBe(201);
      keys[role] = { key: res.body.key, id: res.body.id, prefix: res.body.prefix };
    }
  });
  afterAll(async () => {
    await t?.close();
    await hook?.close();
  });

  const as = (role: 'ingest' | 'read' | 'admin') => ({ 'X-API-Key': keys[role].key });
  const ingest = async (runs: object[]) => {
    const res = await t.http().post('/runs/batch').set(admin).send({ runs });
    expect(res.status).toBe(200);
    expect(res.body.failed).toBe(0);
  };

  describe('GET /auth/me', () => {
    it('answers the calling key, whatever its role', async () => {
      for (const role of ['ingest', 'read', 'admin'] as const) {
        const res = await t.http().get('/auth/me').set(as(role));
        expect(res.status).toBe(200);
        expect(res.body).toEqual({ id: keys[role].id, name: `console-${role}`, role, prefix: keys[role].prefix });
      }
    });
    it('401 without a key or with a revoked one', async () => {
      expect((await t.http().get('/auth/me')).status).toBe(401);
      const extra = await t.http().post('/api-keys').set(admin).send({ name: 'gone', role: 'read' });
      await t.http().delete(`/api-keys/${extra.body.id}`).set(admin).expect(204);
      const res = await t.http().get('/auth/me').set('X-API-Key', extra.body.key);
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('UNAUTHENTICATED');
    });
  });

  describe('GET /workflows/:id/metrics', () => {
    beforeAll(async () => {
      const at = (hm: string) => `2026-01-10T${hm}Z`;
      await ingest([
        // started 5 min before it was recorded: happened when it started
        { wpk_id: 'cm-wf', run_id: 'a', status: 'completed', duration_ms: 100, started_at: at('10:05:00'), created_at: at('10:10:00') },
        { wpk_id: 'cm-wf', run_id: 'b', status: 'failed', duration_ms: 300, created_at: at('10:20:00') },
        // a start an hour after it was recorded is not trusted: created_at counts
        { wpk_id: 'cm-wf', run_id: 'c', status: 'running', started_at: at('11:30:00'), created_at: at('10:30:00') },
        { wpk_id: 'cm-wf', run_id: 'd', status: 'completed', duration_ms: 500, started_at: at('11:03:00'), created_at: at('11:50:00') },
        { wpk_id: 'cm-wf', run_id: 'e', status: 'completed', duration_ms: 700, started_at: at('11:58:00'), created_at: at('12:01:00') },
        // up to 5 min later than created_at is within the skew
        { wpk_id: 'cm-wf', run_id: 'f', status: 'cancelled', duration_ms: 50, started_at: at('12:24:59'), created_at: at('12:20:00') },
      ]);
    });

    it('buckets runs by when they happened, with counts by status, failure ratio and nearest-rank p50/p95', async () => {
      const res = await t.http().get('/workflows/cm-wf/metrics').query({ from: '2026-01-10T10:30:00Z', to: '2026-01-10T13:00:00Z', step: '1h' }).set(as('read'));
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        step: '1h',
        from: '2026-01-10T10:00:00.000Z',
        to: '2026-01-10T13:00:00.000Z',
        buckets: [
          { at: '2026-01-10T10:00:00.000Z', runs: 3, completed: 1, failed: 1, running: 1, failure_ratio: 0.5, duration_p50_ms: 100, duration_p95_ms: 300, total_tokens: 0, cost_usd: null },
          { at: '2026-01-10T11:00:00.000Z', runs: 2, completed: 2, failed: 0, running: 0, failure_ratio: 0, duration_p50_ms: 500, duration_p95_ms: 700, total_tokens: 0, cost_usd: null },
          { at: '2026-01-10T12:00:00.000Z', runs: 1, completed: 0, failed: 0, running: 0, failure_ratio: 0, duration_p50_ms: 50, duration_p95_ms: 50, total_tokens: 0, cost_usd: null },
        ],
      });
    });

    it('lists empty buckets with zeros, and picks a step when none is given', async () => {
      const empty = await t.http().get('/workflows/cm-wf/metrics').query({ from: '2026-01-11T00:00:00Z', to: '2026-01-11T00:30:00Z', step: '10m' }).set(as('read'));
      expect(empty.body.buckets).toEqual(
        ['00:00', '00:10', '00:20'].map((hm) => ({ at: `2026-01-11T${hm}:00.000Z`, runs: 0, completed: 0, failed: 0, running: 0, failure_ratio: null, duration_p50_ms: null, duration_p95_ms: null, total_tokens: 0, cost_usd: null })),
      );
      const auto = await t.http().get('/workflows/cm-wf/metrics').query({ from: '2026-01-10T00:00:00Z', to: '2026-01-11T00:00:00Z' }).set(as('read'));
      expect(auto.body.step).toBe('15m');
      expect(auto.body.buckets).toHaveLength(96);
      expect(auto.body.buckets.reduce((n: number, b: { runs: number }) => n + b.runs, 0)).toBe(6);
      const day = await t.http().get('/workflows/cm-wf/metrics').set(as('read'));
      expect(day.status).toBe(200);
      expect(day.body.step).toBe('15m');
    });

    it('400 naming step beyond 2000 buckets or when malformed, from when the range is empty; 404 for an unknown workflow', async () => {
      const many = await t.http().get('/workflows/cm-wf/metrics').query({ from: '2026-01-01T00:00:00Z', to: '2026-01-03T00:00:00Z', step: '1m' }).set(as('read'));
      expect(many.status).toBe(400);
      expect(many.body.error.details).toEqual([{ field: 'step', message: expect.stringMatching(/2880 buckets.*at most 2000/) }]);
      for (const step of ['1x', '0m', '1.5h', '1h30m']) {
        const bad = await t.http().get('/workflows/cm-wf/metrics').query({ step }).set(as('read'));
        expect({ step, status: bad.status, field: bad.body.error.details[0].field }).toEqual({ step, status: 400, field: 'step' });
      }
      const backwards = await t.http().get('/workflows/cm-wf/metrics').query({ from: '2026-01-02T00:00:00Z', to: '2026-01-01T00:00:00Z' }).set(as('read'));
      expect(backwards.body.error.details[0].field).toBe('from');
      const bad = await t.http().get('/workflows/cm-wf/metrics').query({ from: 'yesterday' }).set(as('read'));
      expect(bad.body.error.details[0].field).toBe('from');
      expect((await t.http().get('/workflows/nope/metrics').set(as('read'))).status).toBe(404);
      expect((await t.http().get('/workflows/cm-wf/metrics').set(as('ingest'))).status).toBe(403);
    });
  });

  describe('GET /workflows?include=stats_24h', () => {
    it("adds each workflow's last 24 h: runs, failures, p95 and hourly counts summing to runs", async () => {
      const now = Date.now();
      const ago = (ms: number) => new Date(now - ms).toISOString();
      await ingest([
        { wpk_id: 'cm-day', run_id: '1', status: 'failed', duration_ms: 1000, created_at: ago(30 * MIN) },
        { wpk_id: 'cm-day', run_id: '2', status: 'completed', duration_ms: 2000, created_at: ago(2 * HOUR + 30 * MIN) },
        { wpk_id: 'cm-day', run_id: '3', status: 'completed', duration_ms: 3000, created_at: ago(23 * HOUR + 30 * MIN) },
        { wpk_id: 'cm-day', run_id: 'old', status: 'failed', duration_ms: 9000, created_at: ago(25 * HOUR) },
      ]);
      await t.http().post('/workflows').set(admin).send({ id: 'cm-day-idle', name: 'idle' }).expect(201);
      const res = await t.http().get('/workflows').query({ q: 'cm-day', include: 'stats_24h' }).set(as('read'));
      expect(res.status).toBe(200);
      const [day, idle] = res.body.items;
      const hourly = new Array(24).fill(0);
      hourly[0] = 1;
      hourly[21] = 1;
      hourly[23] = 1;
      expect(day).toMatchObject({ id: 'cm-day', runs_total: 4, stats_24h: { runs: 3, failed: 1, duration_p95_ms: 3000, hourly } });
      expect(idle).toMatchObject({ id: 'cm-day-idle', stats_24h: { runs: 0, failed: 0, duration_p95_ms: null, hourly: new Array(24).fill(0) } });
      const plain = await t.http().get('/workflows').query({ q: 'cm-day' }).set(as('read'));
      expect(plain.body.items[0]).not.toHaveProperty('stats_24h');
      expect((await t.http().get('/workflows').query({ include: 'everything' }).set(as('read'))).body.error.details[0].field).toBe('include');
    });
  });

  describe('GET /workflows/:id/runs?tag', () => {
    it('filters by tag as GET /runs does', async () => {
      await ingest([
        { wpk_id: 'cm-tags', run_id: 'p', status: 'completed', tags: ['prod', 'eu'] },
        { wpk_id: 'cm-tags', run_id: 'd', status: 'completed', tags: ['dev'] },
      ]);
      const res = await t.http().get('/workflows/cm-tags/runs').query({ tag: 'prod' }).set(as('read'));
      expect(res.status).toBe(200);
      expect(res.body.items.map((r: { run_id: string }) => r.run_id)).toEqual(['p']);
      expect((await t.http().get('/workflows/cm-tags/runs').query({ tag: 'none' }).set(as('read'))).body.items).toEqual([]);
      expect((await t.http().get('/workflows/cm-tags/runs').query({ tag: '' }).set(as('read'))).status).toBe(400);
    });
  });

  describe('signals for the console', () => {
    let probeId: string;
    let signal: Record<string, unknown> & { id: string; observed_at: string; last_anomalous_at: string; peak_at: string };

    beforeAll(async () => {
      await ingest(runsWithJump('cm-sig', Date.now(), 90, 3));
      const created = await t.http().post('/probes').set(admin).send({
        name: 'cm-p95', source: 'runs', query: 'runs_duration_p95_ms', wpk_id: 'cm-sig', lookback: '2h', detector: 'robust', detector_params: { window: 30 },
      });
      expect(created.status).toBe(201);
      probeId = created.body.id;
      const tick = await t.app.get(ProbeScheduler).tick();
      expect(tick.outcomes.map((o) => o.error)).toEqual([null]);
      const list = await t.http().get('/signals').query({ probe_id: probeId }).set(as('read'));
      expect(list.body.items).toHaveLength(1);
      signal = list.body.items[0];
    });

    it('carry probe_name and peak_at; a renamed probe renames its signals', async () => {
      expect(signal).toMatchObject({ probe_id: probeId, probe_name: 'cm-p95', state: 'firing' });
      const peak = Date.parse(signal.peak_at);
      expect(peak).toBeGreaterThanOrEqual(Date.parse(signal.observed_at));
      expect(peak).toBeLessThanOrEqual(Date.parse(signal.last_anomalous_at));
      await t.http().patch(`/probes/${probeId}`).set(admin).send({ name: 'cm-p95-renamed' }).expect(200);
      expect((await t.http().get(`/signals/${signal.id}`).set(as('read'))).body.probe_name).toBe('cm-p95-renamed');
    });

    it('filter by workflow and by an overlap window', async () => {
      const signals = t.app.get(SignalsService);
      const db = t.app.get(Database);
      const ctx = { probeId: null, probeName: null, metric: 'runs_count', labels: { wpk_id: 'cm-window' }, seriesKey: 'wpk_id="cm-window"', detector: 'zscore', unit: 'sigma', threshold: 2, stepS: 60, wpkId: 'cm-window', baselineSpanMs: HOUR };
      const t0 = Date.parse('2026-01-10T10:00:00Z');
      // one episode 10:00–10:30 resolved, one from 12:00 still firing
      await db.write(async (tx) => {
        await signals.recordEpisode(ctx, { startMs: t0, peakMs: t0 + 10 * MIN, value: 9, score: 5, baseline: 1, lastAnomalousMs: t0 + 20 * MIN, resolvedMs: t0 + 30 * MIN }, tx);
        await signals.recordEpisode(ctx, { startMs: t0 + 2 * HOUR, peakMs: t0 + 2 * HOUR, value: 9, score: 5, baseline: 1, lastAnomalousMs: t0 + 2 * HOUR, resolvedMs: null }, tx);
      });
      const ids = async (query: Record<string, string>) =>
        (await t.http().get('/signals').query({ wpk_id: 'cm-window', ...query }).set(as('read'))).body.items.map((s: { observed_at: string }) => s.observed_at.slice(11, 16));
      expect(await ids({})).toEqual(['12:00', '10:00']);
      expect(await ids({ active_from: '2026-01-10T10:29:00Z', active_to: '2026-01-10T11:00:00Z' })).toEqual(['10:00']);
      expect(await ids({ active_from: '2026-01-10T10:31:00Z', active_to: '2026-01-10T11:59:00Z' })).toEqual([]);
      expect(await ids({ active_from: '2026-01-10T11:00:00Z' })).toEqual(['12:00']);
      expect(await ids({ active_to: '2026-01-10T09:59:00Z' })).toEqual([]);
      expect(await ids({ active_from: '2026-01-12T00:00:00Z', active_to: '2026-01-12T01:00:00Z' })).toEqual(['12:00']);
      expect((await t.http().get('/signals').query({ wpk_id: 'cm-sig' }).set(as('read'))).body.items.map((s: { id: string }) => s.id)).toEqual([signal.id]);
      expect((await t.http().get('/signals').query({ active_from: 'soon' }).set(as('read'))).body.error.details[0].field).toBe('active_from');
    });

    it('GET /signals/:id carries each delivery: pending, retrying with the error, delivered', async () => {
      const before = (await t.http().get(`/signals/${signal.id}`).set(as('read'))).body;
      // the tick tried the webhook once, while it was down
      expect(before.deliveries).toEqual([
        { channel: 'webhook', event: 'firing', state: 'retrying', attempts: 1, last_error: expect.stringMatching(/503/), delivered_at: null, next_attempt_at: expect.any(String) },
      ]);
      hook.setUp(true);
      clockOffset += 10 * MIN;
      await t.app.get(DeliveryWorker).flush();
      const after = (await t.http().get(`/signals/${signal.id}`).set(as('read'))).body;
      expect(after.deliveries).toEqual([{ channel: 'webhook', event: 'firing', state: 'delivered', attempts: 2, last_error: null, delivered_at: expect.any(String), next_attempt_at: null }]);
      const list = (await t.http().get('/signals').query({ wpk_id: 'cm-sig' }).set(as('read'))).body.items[0];
      expect(list).not.toHaveProperty('deliveries');
    });

    it("GET /signals/:id/series re-scores the episode's series with the probe's spec, margin included", async () => {
      const res = await t.http().get(`/signals/${signal.id}/series`).set(as('read'));
      expect(res.status).toBe(200);
      const body = res.body;
      expect(body).toMatchObject({
        metric: 'runs_duration_p95_ms', series: 'wpk_id="cm-sig"', detector: 'robust', unit: 'sigma', threshold: 3.5, step: '1m', rescored: true,
        episode: { start: signal.observed_at, peak: signal.peak_at, end: null },
      });
      const times = body.samples.map((s: { at: string }) => Date.parse(s.at));
      expect(times.every((at: number, i: number) => i === 0 || at - times[i - 1] === MIN)).toBe(true);
      expect(times[0]).toBe(Date.parse(body.from));
      expect(Date.parse(body.from)).toBeLessThanOrEqual(Date.parse(signal.observed_at) - 20 * MIN);
      // the warm-up came before the window: every sample shown is scored
      expect(body.samples.every((s: { score: number | null }) => typeof s.score === 'number')).toBe(true);
      const peak = body.samples.find((s: { at: string }) => s.at === signal.peak_at);
      expect(peak.value).toBeGreaterThan(8000);
      expect(peak.score).toBeGreaterThanOrEqual(3.5);
      expect(body.samples.filter((s: { score: number }) => s.score >= 3.5).length).toBeGreaterThanOrEqual(1);
    });

    it('409 SERIES_UNAVAILABLE for an ad-hoc or a deleted probe, 503 when its source is down, 404 for no signal', async () => {
      const adhoc = await t.http().post('/probe').set(admin).send({ source: 'runs', query: 'runs_duration_p95_ms', wpk_id: 'cm-sig', lookback: '2h', detector: 'robust', detector_params: { window: 30 } });
      const adhocId = adhoc.body.anomalies[0].signal_id;
      const fromAdhoc = await t.http().get(`/signals/${adhocId}/series`).set(as('read'));
      expect([fromAdhoc.status, fromAdhoc.body.error.code]).toEqual([409, 'SERIES_UNAVAILABLE']);

      const other = await t.http().post('/probes').set(admin).send({ name: 'cm-doomed', source: 'runs', query: 'runs_duration_p95_ms', wpk_id: 'cm-sig', lookback: '2h', detector: 'robust', detector_params: { window: 20 } });
      await t.app.get(ProbeScheduler).tick();
      const doomed = (await t.http().get('/signals').query({ probe_id: other.body.id }).set(as('read'))).body.items[0];
      expect((await t.http().get(`/signals/${doomed.id}/series`).set(as('read'))).status).toBe(200);
      await t.http().delete(`/probes/${other.body.id}`).set(admin).expect(204);
      const deleted = await t.http().get(`/signals/${doomed.id}/series`).set(as('read'));
      expect([deleted.status, deleted.body.error.code]).toEqual([409, 'SERIES_UNAVAILABLE']);
      expect((await t.http().get(`/signals/${doomed.id}`).set(as('read'))).body.probe_name).toBe('cm-doomed');

      // a Prometheus probe whose Prometheus is down (the definition is trusted, as from PROBES_FILE)
      const prom = await t.app.get(ProbesService).create({ name: 'cm-prom', source: 'prometheus', query: 'up' }, { validateRemotely: false });
      const now = Date.now();
      const { id } = await t.app.get(Database).write((tx) =>
        t.app.get(SignalsService).recordEpisode(
          { probeId: prom.id, probeName: prom.name, metric: 'up', labels: { job: 'api' }, seriesKey: 'job="api"', detector: prom.detector, unit: 'sigma', threshold: prom.threshold, stepS: 60, wpkId: null, baselineSpanMs: HOUR },
          { startMs: now - 10 * MIN, peakMs: now - 9 * MIN, value: 0, score: 9, baseline: 1, lastAnomalousMs: now - 8 * MIN, resolvedMs: null },
          tx,
        ),
      );
      const down = await t.http().get(`/signals/${id}/series`).set(as('read'));
      expect([down.status, down.body.error.code]).toEqual([503, 'PROBE_SOURCE_UNREACHABLE']);
      expect(down.headers['retry-after']).toBeDefined();

      expect((await t.http().get('/signals/00000000-0000-0000-0000-000000000000/series').set(as('read'))).status).toBe(404);
      expect((await t.http().get(`/signals/${signal.id}/series`).set(as('ingest'))).status).toBe(403);
    });
  });

  describe('POST /probe with samples', () => {
    it('adds every scored sample to each series, score null during warm-up, storing nothing', async () => {
      await ingest(runsWithJump('cm-preview', Date.now(), 40, 2));
      const before = (await t.http().get('/signals').query({ wpk_id: 'cm-preview' }).set(admin)).body.items.length;
      const body = { source: 'runs', query: 'runs_count', wpk_id: 'cm-preview', lookback: '1h', step: '60s', detector: 'zscore', detector_params: { window: 10 }, store: false };
      const res = await t.http().post('/probe').set(admin).send({ ...body, samples: true });
      expect(res.status).toBe(200);
      const [series] = res.body.series;
      expect(series.samples).toHaveLength(series.scored);
      expect(series.points).toBe(series.scored);
      expect(series.samples.slice(0, 10).every((s: { score: unknown }) => s.score === null)).toBe(true);
      expect(series.samples.slice(10).every((s: { score: unknown }) => typeof s.score === 'number')).toBe(true);
      expect(series.samples.filter((s: { value: number }) => s.value === 1)).toHaveLength(40);
      expect(series.samples[series.samples.length - 1]).toEqual({ ...series.latest });
      expect((await t.http().get('/signals').query({ wpk_id: 'cm-preview' }).set(admin)).body.items).toHaveLength(before);
      const without = await t.http().post('/probe').set(admin).send(body);
      expect(without.body.series[0]).not.toHaveProperty('samples');
      expect((await t.http().post('/probe').set(admin).send({ ...body, samples: 'yes' })).body.error.details[0].field).toBe('samples');
    });
  });
});

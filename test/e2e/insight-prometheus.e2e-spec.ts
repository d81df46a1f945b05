import { Database } from '../../src/database/database.service';
import { Clock } from '../../src/modules/insight/clock';
import { DeliveryWorker } from '../../src/modules/insight/delivery/delivery.worker';
import { ProbeScheduler } from '../../src/modules/insight/scheduler/probe-scheduler';
import { describeWithPrometheus, eventually, RunningAlertmanager, RunningPrometheus, startAlertmanager, startPrometheus } from '../support/prometheus';
import { recordFault } from '../support/reliability-report';
import { currentDriver, describeDb, startTestApp, TestApp } from '../support/test-app';

const STEP_S = 60;
const HOURS = 6;
const METRIC = 'neuralops_test_latency_ms';

/**
 * Two series a minute apart for the last 6 hours (whole minutes, the last one a minute ago) with
 * a bounded wobble: svc="a" spikes in its last two samples (still anomalous now), svc="b" spikes
 * once two hours ago (an episode long over).
 */
function dataset(nowMs: number) {
  const lastS = Math.floor(nowMs / 1000 / STEP_S) * STEP_S - STEP_S;
  const n = (HOURS * 3600) / STEP_S;
  const midIndex = n - 120;
  const lines = [`# HELP ${METRIC} test latency`, `# TYPE ${METRIC} gauge`];
  for (let i = 0; i < n; i++) {
    const ts = lastS - (n - 1 - i) * STEP_S;
    const base = 100 + 5 * Math.sin(i * 0.7) + (i % 3);
    lines.push(`${METRIC}{svc="a"} ${i >= n - 2 ? 1000 : base} ${ts}`);
    lines.push(`${METRIC}{svc="b"} ${i === midIndex ? 1000 : base} ${ts}`);
  }
  return { text: `${lines.join('\n')}\n# EOF\n`, spikeA: (lastS - STEP_S) * 1000, spikeB: (lastS - (n - 1 - midIndex) * STEP_S) * 1000 };
}

const PROBE = { query: METRIC, detector: 'zscore', detector_params: { window: 30 }, threshold: 6, lookback: '6h', step: '60s' };

describeWithPrometheus(
  'insight against a real Prometheus and Alertmanager',
  () => {
    let prom: RunningPrometheus;
    let am: RunningAlertmanager;
    let t: TestApp;
    let auth: Record<string, string>;
    let data: ReturnType<typeof dataset>;

    beforeAll(async () => {
      data = dataset(Date.now());
      prom = await startPrometheus({ openMetrics: data.text });
      am = await startAlertmanager();
      t = await startTestApp({ env: { PROM_URL: prom.url, ALERTMANAGER_URL: am.url, SCHEDULER_ENABLED: 'false', PROM_TIMEOUT_MS: '3000', PUBLIC_URL: 'https://neuralops.test' } });
      auth = t.admin.header;
    }, 90_000);
    afterAll(async () => {
      await t?.close();
      await prom?.close();
      await am?.close();
    });

    it('POST /probe finds each spike and nothing else', async () => {
      const res = await t.http().post('/probe').set(auth).send({ ...PROBE, store: false });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ source: 'prometheus', detector: 'zscore', threshold: 6, step: '60s', stored: false });
      expect(res.body.series.map((s: { series: string }) => s.series)).toEqual([`__name__="${METRIC}",svc="a"`, `__name__="${METRIC}",svc="b"`]);
      const anomalies = res.body.anomalies.map((a: { labels: { svc: string }; observed_at: string; state: string; value: number }) => [a.labels.svc, a.observed_at, a.state, a.value]);
      expect(anomalies).toEqual([
        ['a', new Date(data.spikeA).toISOString(), 'firing', 1000],
        ['b', new Date(data.spikeB).toISOString(), 'resolved', 1000],
      ]);
      expect(res.body.anomalies[0].hint).toMatch(new RegExp(`^${METRIC}\\{svc="a"\\} rose to 1000, [\\d.]+σ above its 30 min baseline of 10\\d$`));
    });

    it('a query Prometheus rejects is a 400 PROBE_QUERY_INVALID with its message, on POST /probe and POST /probes', async () => {
      const adhoc = await t.http().post('/probe').set(auth).send({ query: 'rate((' });
      expect(adhoc.status).toBe(400);
      expect(adhoc.body.error.code).toBe('PROBE_QUERY_INVALID');
      expect(adhoc.body.error.message).toMatch(/parse error/);
      const stored = await t.http().post('/probes').set(auth).send({ name: 'broken', query: 'sum by (' });
      expect(stored.status).toBe(400);
      expect(stored.body.error.code).toBe('PROBE_QUERY_INVALID');
      const ok = await t.http().post('/probes').set(auth).send({ name: 'fine', query: 'up', enabled: false });
      expect(ok.status).toBe(201);
      const patched = await t.http().patch(`/probes/${ok.body.id}`).set(auth).send({ query: 'rate(up[5m' });
      expect(patched.status).toBe(400);
      expect(patched.body.error).toMatchObject({ code: 'PROBE_QUERY_INVALID', message: expect.stringMatching(/^Prometheus: .*parse error/) });
      expect((await t.http().get(`/probes/${ok.body.id}`).set(auth)).body.query).toBe('up');
      await t.http().delete(`/probes/${ok.body.id}`).set(auth);
    });

    it('a scheduled probe writes one signal per episode, once; the live one reaches Alertmanager', async () => {
      const created = await t.http().post('/probes').set(auth).send({ name: 'latency', ...PROBE });
      expect(created.status).toBe(201);
      expect(created.body.source).toBe('prometheus');
      const id = created.body.id;
      const scheduler = t.app.get(ProbeScheduler);
      const first = await scheduler.tick();
      expect(first.outcomes.map((o) => o.error)).toEqual([null]);

      const list = async () => (await t.http().get('/signals').query({ probe_id: id }).set(auth)).body.items as Array<Record<string, any>>;
      const signals = await list();
      expect(signals.map((s) => [s.labels.svc, s.state, s.observed_at]).sort()).toEqual([
        ['a', 'firing', new Date(data.spikeA).toISOString()],
        ['b', 'resolved', new Date(data.spikeB).toISOString()],
      ]);

      // later polls over the same data add nothing
      const clock = t.app.get(Clock);
      const spy = jest.spyOn(clock, 'now').mockImplementation(() => new Date(Date.now() + 61_000));
      try {
        expect((await scheduler.tick()).outcomes.map((o) => o.error)).toEqual([null]);
      } finally {
        spy.mockRestore();
      }
      expect(await list()).toHaveLength(2);

      const firing = signals.find((s) => s.state === 'firing')!;
      const alerts = await eventually(async () => {
        const all = await am.alerts();
        return all.length ? all : undefined;
      }, 10_000, 'an alert in Alertmanager');
      expect(alerts).toHaveLength(1);
      expect(alerts[0].labels).toEqual({ alertname: 'latency', probe: 'latency', probe_id: id, severity: 'warning', svc: 'a', metric_name: METRIC });
      expect(alerts[0].annotations.console_url).toBe(`https://neuralops.test/ui/signals/${firing.id}`);
      expect(alerts[0].annotations.hint).toBe(firing.hint);
      expect(alerts[0].generatorURL).toBe(`https://neuralops.test/ui/signals/${firing.id}`);
      expect(alerts[0].status.state).toBe('active');
      expect(new Date(alerts[0].endsAt).getTime()).toBeGreaterThan(Date.now() + 4 * 60_000);
      // the minutely re-send keeps it alive (Alertmanager dedupes by labels: still one alert)
      expect(await t.app.get(DeliveryWorker).resendFiring()).toBe(1);
      expect(await am.alerts()).toHaveLength(1);
    });

    it('Prometheus stopped mid-test: the run records its error, writes no signal, and the probe recovers', async () => {
      const probe = (await t.http().get('/probes').set(auth)).body.items.find((p: { name: string }) => p.name === 'latency');
      const before = (await t.http().get('/signals').set(auth)).body.items.length;
      await prom.stop();
      try {
        const failed = await t.http().post(`/probes/${probe.id}/run`).set(auth);
        expect(failed.status).toBe(200);
        expect(failed.body.run.error).toMatch(/^Prometheus at http:\/\/127\.0\.0\.1:\d+ is unreachable: /);
        expect(failed.body.probe).toMatchObject({ consecutive_failures: 1, last_error: failed.body.run.error });
        // backed off: due again only after twice the interval
        expect(new Date(failed.body.probe.next_run_at).getTime() - new Date(failed.body.probe.last_run_at).getTime()).toBe(120_000);
        const adhoc = await t.http().post('/probe').set(auth).send(PROBE);
        expect(adhoc.status).toBe(503);
        const create = await t.http().post('/probes').set(auth).send({ name: 'while-down', query: 'up' });
        expect(create.status).toBe(503);
        expect(create.body.error.code).toBe('PROBE_SOURCE_UNREACHABLE');
        expect(create.headers['retry-after']).toBeDefined();
        expect(adhoc.body.error.code).toBe('PROBE_SOURCE_UNREACHABLE');
        const health = await t.http().get('/health');
        expect(health.status).toBe(200);
        expect(health.body.checks.prometheus.status).toBe('down');
        expect((await t.http().get('/signals').set(auth)).body.items).toHaveLength(before);
      } finally {
        await prom.restart();
      }
      const ok = await t.http().post(`/probes/${probe.id}/run`).set(auth);
      expect(ok.body.run.error).toBeNull();
      expect(ok.body.probe).toMatchObject({ consecutive_failures: 0, last_error: null });
      expect((await t.http().get('/signals').set(auth)).body.items).toHaveLength(before);
      const detail = await t.http().get(`/probes/${probe.id}`).set(auth);
      const runs = detail.body.recent_runs as Array<{ error: string | null }>;
      expect(runs).toHaveLength(4);
      expect(runs.filter((r) => r.error !== null)).toHaveLength(1);
      expect((await t.http().get('/health')).body.checks).toMatchObject({ prometheus: { status: 'up' }, alertmanager: { status: 'up' } });
      recordFault(`prometheus-stopped-${currentDriver()}`, {
        fault: `Prometheus stopped mid-test (${currentDriver()})`,
        injected: 'the test\'s own Prometheus process stopped, then restarted on the same port and data',
        load: 'a stored probe run now, POST /probe and POST /probes while it is down, then a run after recovery',
        figures: { 'probe run while down': 'error recorded, consecutive_failures 1', 'next run backed off to (s)': 120, 'POST /probe and POST /probes while down': '503 PROBE_SOURCE_UNREACHABLE with Retry-After', 'signals written while down': 0, '/health while down': '200, prometheus: down', 'run after restart': 'no error, consecutive_failures 0' },
        outcome: 'pass',
      });
    });

    it("Prometheus scrapes the app's /metrics: anomaly score and firing gauges by probe and series", async () => {
      await t.app.listen(0, '127.0.0.1');
      const port = (t.app.getHttpServer().address() as { port: number }).port;
      const scraper = await startPrometheus({ scrapeTargets: [`127.0.0.1:${port}`] });
      try {
        const result = await eventually(async () => {
          const res = await fetch(`${scraper.url}/api/v1/query?query=${encodeURIComponent('neuralops_signal_firing')}`);
          const body = (await res.json()) as { data: { result: Array<{ metric: Record<string, string>; value: [number, string] }> } };
          return body.data.result.length >= 2 ? body.data.result : undefined;
        }, 30_000, 'neuralops_signal_firing in Prometheus');
        const byService = Object.fromEntries(result.map((r) => [r.metric.series, [r.metric.probe, r.value[1]]]));
        expect(byService).toEqual({
          [`__name__="${METRIC}",svc="a"`]: ['latency', '1'],
          [`__name__="${METRIC}",svc="b"`]: ['latency', '0'],
        });
        const score = await fetch(`${scraper.url}/api/v1/query?query=${encodeURIComponent('neuralops_anomaly_score{probe="latency"}')}`);
        const scores = ((await score.json()) as { data: { result: Array<{ metric: Record<string, string> }> } }).data.result;
        expect(scores).toHaveLength(2);
        expect(Object.keys(scores[0].metric).sort()).toEqual(['__name__', 'instance', 'job', 'probe', 'series']);
      } finally {
        await scraper.close();
      }
    });

    it('the live episode resolves once its series calms down; Alertmanager is told once', async () => {
      const probe = (await t.http().get('/probes').set(auth)).body.items.find((p: { name: string }) => p.name === 'latency');
      const clock = t.app.get(Clock);
      const spy = jest.spyOn(clock, 'now').mockImplementation(() => new Date(Date.now() + 10 * 60_000));
      try {
        const run = await t.http().post(`/probes/${probe.id}/run`).set(auth);
        expect(run.body.run.error).toBeNull();
        expect(await t.app.get(DeliveryWorker).flush()).toEqual({ delivered: 1, failed: 0, superseded: 0 });
      } finally {
        spy.mockRestore();
      }
      const signals = (await t.http().get('/signals').query({ probe_id: probe.id }).set(auth)).body.items as Array<Record<string, any>>;
      expect(signals).toHaveLength(2);
      expect(signals.map((s) => s.state)).toEqual(['resolved', 'resolved']);
      const a = signals.find((s) => s.labels.svc === 'a')!;
      // the spike was the last anomalous point; the series stayed below threshold for the 300 s cooldown
      expect(new Date(a.resolved_at).getTime()).toBe(data.spikeA + 300_000);
      // Alertmanager accepted the resolution (endsAt = resolved_at). Here the moved clock puts
      // resolved_at a few minutes ahead of real time, so Alertmanager keeps the later endsAt it had.
      const rows = await t.app.get(Database).query<{ channel: string; event: string; delivered_at: unknown }>(
        `SELECT channel, event, delivered_at FROM insight_deliveries WHERE signal_id = '${a.id}' ORDER BY created_at`,
      );
      expect(rows.map((r) => [r.channel, r.event, r.delivered_at !== null])).toEqual([
        ['alertmanager', 'firing', true],
        ['alertmanager', 'resolved', true],
      ]);
    });
  },
  describeDb,
);

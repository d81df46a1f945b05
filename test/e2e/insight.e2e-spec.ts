import { SignalsService } from '../../src/modules/insight/signals.service';
import { ProbeScheduler } from '../../src/modules/insight/scheduler/probe-scheduler';
import { Clock } from '../../src/modules/insight/clock';
import { DEFAULT_DETECTOR, getDetector } from '../../src/modules/insight/detectors';
import { describeDb, startTestApp, TestApp } from '../support/test-app';

const MIN = 60_000;

/** Runs one a minute for `minutes` minutes ending at the last whole minute before `now`; the last `jump` minutes slow. */
function runsWithJump(wpk: string, now: number, minutes: number, jump: number, baseMs = 1000, slowMs = 8200) {
  const end = Math.floor(now / MIN) * MIN - MIN;
  const runs = [];
  for (let i = 0; i < minutes; i++) {
    const at = end - (minutes - 1 - i) * MIN + 5_000;
    const slow = i >= minutes - jump;
    // two runs per bucket; a little deterministic noise so the baseline has a spread
    for (const k of [0, 1]) {
      runs.push({
        wpk_id: wpk,
        run_id: `${wpk}-${i}-${k}`,
        status: slow && k === 1 ? 'failed' : 'completed',
        duration_ms: slow ? slowMs + k * 100 : baseMs + ((i * 37 + k * 53) % 100),
        created_at: new Date(at + k * 1000).toISOString(),
        error: slow && k === 1 ? 'upstream timeout' : undefined,
      });
    }
  }
  return runs;
}

describeDb('insight over HTTP (run-metrics source)', () => {
  let t: TestApp;
  let auth: Record<string, string>;
  beforeAll(async () => {
    t = await startTestApp({ env: { SCHEDULER_ENABLED: 'false' } });
    auth = t.admin.header;
  });
  afterAll(() => t.close());

  const ingest = async (runs: object[]) => {
    const res = await t.http().post('/runs/batch').set(auth).send({ runs });
    expect(res.status).toBe(200);
    expect(res.body.failed).toBe(0);
  };

  it('POST /probe finds a duration jump, stores one signal, and a repeat adds none', async () => {
    await ingest(runsWithJump('wf-jump', Date.now(), 90, 2));
    const body = { source: 'runs', query: 'runs_duration_p95_ms', wpk_id: 'wf-jump', lookback: '2h', step: '60s', detector: 'robust', detector_params: { window: 30 } };
    const res = await t.http().post('/probe').set(auth).send(body);
    expect(res.status).toBe(200);
    expect(res.body.detector).toBe('robust');
    expect(res.body.series).toHaveLength(1);
    expect(res.body.series[0].labels).toEqual({ wpk_id: 'wf-jump' });
    expect(res.body.anomalies).toHaveLength(1);
    const a = res.body.anomalies[0];
    expect(a.state).toBe('firing');
    expect(a.value).toBeGreaterThan(8000);
    expect(a.hint).toMatch(/^p95 duration of workflow wf-jump rose to 8\.\d s, [\d.]+σ above its 30 min baseline of 1(\.\d)? s$/);
    expect(a.signal_id).toMatch(/^[0-9a-f-]{36}$/);

    const again = await t.http().post('/probe').set(auth).send(body);
    expect(again.body.anomalies[0].signal_id).toBe(a.signal_id);
    const list = await t.http().get('/signals').query({ metric: 'runs_duration_p95_ms' }).set(auth);
    expect(list.status).toBe(200);
    expect(list.body.items).toHaveLength(1);
    expect(list.body.items[0]).toMatchObject({ id: a.signal_id, probe_id: null, state: 'firing', labels: { wpk_id: 'wf-jump' }, series: 'wpk_id="wf-jump"' });

    const linked = await t.http().get(`/signals/${a.signal_id}/runs`).set(auth);
    expect(linked.status).toBe(200);
    expect(linked.body.wpk_id).toBe('wf-jump');
    expect(linked.body.items.length).toBeGreaterThanOrEqual(4);
    expect(linked.body.items[0].status).toBe('failed');
    expect(linked.body.items.every((r: { wpk_id: string }) => r.wpk_id === 'wf-jump')).toBe(true);
  });

  it('store:false only looks; the seed call {query, threshold} means zscore at that threshold', async () => {
    const res = await t.http().post('/probe').set(auth).send({ source: 'runs', query: 'runs_count', threshold: 2.5, store: false });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ detector: 'zscore', threshold: 2.5, stored: false, lookback: '1h', step: '60s' });
    expect(res.body.anomalies.every((a: { signal_id: unknown }) => a.signal_id === null)).toBe(true);
  });

  it('rejects bad input with field names, unknown run metrics with PROBE_QUERY_INVALID', async () => {
    const bad = await t.http().post('/probe').set(auth).send({ source: 'runs', query: 'runs_count', lookback: 'soon', step: '1.5s', detector: 'nope' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('VALIDATION_FAILED');
    expect(bad.body.error.details.map((d: { field: string }) => d.field).sort()).toEqual(['detector', 'lookback', 'step']);
    const det = await t.http().post('/probe').set(auth).send({ source: 'runs', query: 'runs_count', detector: 'nope' });
    expect(det.body.error.details[0].field).toBe('detector');
    const params = await t.http().post('/probe').set(auth).send({ source: 'runs', query: 'runs_count', detector: 'zscore', detector_params: { window: 1 } });
    expect(params.body.error.details[0].field).toBe('detector_params.window');
    const q = await t.http().post('/probe').set(auth).send({ source: 'runs', query: 'cpu_usage' });
    expect(q.status).toBe(400);
    expect(q.body.error.code).toBe('PROBE_QUERY_INVALID');
    const prom = await t.http().post('/probe').set(auth).send({ source: 'prometheus', query: 'up' });
    expect(prom.status).toBe(400);
    expect(prom.body.error.details[0].field).toBe('source');
  });

  it('probes: CRUD, defaults, run state, one signal per episode across scheduled runs', async () => {
    await ingest(runsWithJump('wf-sched', Date.now(), 90, 3));
    const created = await t.http().post('/probes').set(auth).send({ name: 'sched-p95', query: 'runs_duration_p95_ms', wpk_id: 'wf-sched', lookback: '2h', detector: 'robust', detector_params: { window: 30 } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name: 'sched-p95', source: 'runs', detector: 'robust', threshold: 3.5, lookback: '2h', step: '1m', interval_s: 60, cron: null,
      cooldown_s: 300, min_consecutive: 1, enabled: true, wpk_id: 'wf-sched', last_run_at: null, consecutive_failures: 0,
    });
    const id = created.body.id;
    expect((await t.http().post('/probes').set(auth).send({ name: 'sched-p95', query: 'runs_count' })).status).toBe(409);

    const scheduler = t.app.get(ProbeScheduler);
    const first = await scheduler.tick();
    expect(first.outcomes).toHaveLength(1);
    expect(first.outcomes[0].error).toBeNull();
    // not due again until the interval passes
    expect((await scheduler.tick()).outcomes).toHaveLength(0);

    const signals = await t.http().get('/signals').query({ probe_id: id }).set(auth);
    expect(signals.body.items).toHaveLength(1);
    expect(signals.body.items[0]).toMatchObject({ state: 'firing', detector: 'robust', threshold: 3.5, step_s: 60 });

    // a later run scores only newer points: nothing new, still one signal
    const clock = t.app.get(Clock);
    const spy = jest.spyOn(clock, 'now').mockImplementation(() => new Date(Date.now() + 61_000));
    try {
      const second = await scheduler.tick();
      expect(second.outcomes).toHaveLength(1);
    } finally {
      spy.mockRestore();
    }
    expect((await t.http().get('/signals').query({ probe_id: id }).set(auth)).body.items).toHaveLength(1);

    const detail = await t.http().get(`/probes/${id}`).set(auth);
    expect(detail.status).toBe(200);
    expect(detail.body.recent_runs.length).toBe(2);
    expect(detail.body.recent_runs[1].signals).toBe(1);
    expect(detail.body.last_error).toBeNull();
    expect(detail.body.next_run_at).not.toBeNull();

    const now = await t.http().post(`/probes/${id}/run`).set(auth);
    expect(now.status).toBe(200);
    expect(now.body.run.error).toBeNull();

    const metrics = await t.http().get('/metrics');
    expect(metrics.text).toMatch(/neuralops_anomaly_score\{probe="sched-p95",series="wpk_id=\\"wf-sched\\""\} [\d.e+-]+/);
    expect(metrics.text).toMatch(/neuralops_signal_firing\{probe="sched-p95",series="wpk_id=\\"wf-sched\\""\} 1/);

    const patched = await t.http().patch(`/probes/${id}`).set(auth).send({ enabled: false });
    expect(patched.body.enabled).toBe(false);
    expect((await t.http().get('/probes').set(auth)).body.items.map((p: { name: string }) => p.name)).toContain('sched-p95');
    expect((await t.http().delete(`/probes/${id}`).set(auth)).status).toBe(204);
    expect((await t.http().get(`/probes/${id}`).set(auth)).body.error.code).toBe('PROBE_NOT_FOUND');
  });

  it('runs delivered late count when they happened; buckets a scheduled probe already scored are not re-scored', async () => {
    const end = Math.floor(Date.now() / MIN) * MIN;
    // 90 runs delivered together now, one started in each of the last 90 minutes
    await ingest(Array.from({ length: 90 }, (_, i) => ({
      wpk_id: 'wf-late', run_id: `l${i}`, status: 'completed', duration_ms: 1000 + ((i * 37) % 100), started_at: new Date(end - (90 - i) * MIN + 5_000).toISOString(),
    })));
    const spec = { source: 'runs', query: 'runs_duration_mean_ms', wpk_id: 'wf-late', lookback: '2h', step: '60s', detector: 'zscore', threshold: 6 };
    const look = await t.http().post('/probe').set(auth).send({ ...spec, store: false });
    expect(look.status).toBe(200);
    expect(look.body.series[0].points).toBe(90);
    expect(look.body.anomalies).toEqual([]);

    const probe = (await t.http().post('/probes').set(auth).send({ name: 'late-mean', ...spec })).body;
    const scheduler = t.app.get(ProbeScheduler);
    const first = await scheduler.tick();
    expect(first.outcomes.find((o) => o.run_id)?.points_scored).toBeGreaterThan(60);
    // 20 slow runs of 30 minutes ago arrive now, into a bucket the probe has scored
    await ingest(Array.from({ length: 20 }, (_, i) => ({
      wpk_id: 'wf-late', run_id: `slow${i}`, status: 'completed', duration_ms: 60_000, started_at: new Date(end - 30 * MIN + 10_000).toISOString(),
    })));
    const spy = jest.spyOn(t.app.get(Clock), 'now').mockImplementation(() => new Date(Date.now() + 61_000));
    try {
      const second = await scheduler.tick();
      expect(second.outcomes).toHaveLength(1);
      expect(second.outcomes[0].points_scored).toBeLessThanOrEqual(1);
    } finally {
      spy.mockRestore();
    }
    expect((await t.http().get('/signals').query({ probe_id: probe.id }).set(auth)).body.items).toEqual([]);
    // an ad-hoc probe scores the whole lookback afresh and sees them
    const again = await t.http().post('/probe').set(auth).send({ ...spec, store: false });
    expect(again.body.anomalies.map((a: { observed_at: string }) => a.observed_at)).toEqual([new Date(end - 30 * MIN).toISOString()]);
    expect((await t.http().delete(`/probes/${probe.id}`).set(auth)).status).toBe(204);
  });

  it('a probe needs only name and query; the rest takes the documented defaults', async () => {
    const res = await t.http().post('/probes').set(auth).send({ name: 'defaults', query: 'runs_count' });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      name: 'defaults',
      query: 'runs_count',
      source: 'runs',
      detector: DEFAULT_DETECTOR,
      detector_params: {},
      sensitivity: 'medium',
      threshold: getDetector(DEFAULT_DETECTOR).defaultThreshold,
      configured_threshold: getDetector(DEFAULT_DETECTOR).defaultThreshold,
      effective_threshold: getDetector(DEFAULT_DETECTOR).defaultThreshold,
      tuning_steps: 0,
      tuning: [],
      severity: 'warning',
      labels: {},
      lookback: '1h',
      step: '1m',
      interval_s: 60,
      cron: null,
      cooldown_s: 300,
      min_consecutive: 1,
      enabled: true,
      wpk_id: null,
      last_run_at: null,
      last_error: null,
      consecutive_failures: 0,
      next_run_at: expect.any(String),
      created_at: expect.any(String),
      updated_at: expect.any(String),
    });
    const both = await t.http().post('/probes').set(auth).send({ name: 'both', query: 'runs_count', cron: '*/5 * * * *', interval_s: 5 });
    expect(both.body.error.details.map((d: { field: string }) => d.field)).toEqual(['cron', 'interval_s']);
    const cron = await t.http().post('/probes').set(auth).send({ name: 'cron', query: 'runs_count', cron: '*/5 * * * *' });
    expect(cron.body).toMatchObject({ cron: '*/5 * * * *', interval_s: null });
    const badCron = await t.http().post('/probes').set(auth).send({ name: 'bad-cron', query: 'runs_count', cron: 'every day' });
    expect(badCron.body.error.details[0].field).toBe('cron');
    const ingestKey = await t.http().post('/api-keys').set(auth).send({ name: 'reader', role: 'read' });
    const reader = { Authorization: `Bearer ${ingestKey.body.key}` };
    expect((await t.http().get('/probes').set(reader)).status).toBe(200);
    expect((await t.http().post('/probes').set(reader).send({ name: 'x', query: 'runs_count' })).status).toBe(403);
    expect((await t.http().post('/probe').set(reader).send({ query: 'runs_count' })).status).toBe(403);
    expect((await t.http().get('/signals').set(reader)).status).toBe(200);
    for (const name of ['defaults', 'cron']) {
      const p = (await t.http().get('/probes').set(auth)).body.items.find((i: { name: string }) => i.name === name);
      await t.http().delete(`/probes/${p.id}`).set(auth);
    }
  });

  it('an ad-hoc episode nobody re-probes resolves once it has not been seen for the default cooldown', async () => {
    const firing = (await t.http().get('/signals').query({ state: 'firing' }).set(auth)).body.items.filter((s: { probe_id: string | null }) => s.probe_id === null);
    expect(firing.length).toBeGreaterThan(0);
    const signals = t.app.get(SignalsService);
    expect(await signals.resolveStaleAdhoc()).toBe(0);
    const spy = jest.spyOn(t.app.get(Clock), 'now').mockImplementation(() => new Date(Date.now() + 10 * 60_000));
    try {
      expect(await signals.resolveStaleAdhoc()).toBe(firing.length);
    } finally {
      spy.mockRestore();
    }
    const after = (await t.http().get(`/signals/${firing[0].id}`).set(auth)).body;
    expect(after.state).toBe('resolved');
  });

  it('sensitivity low/medium/high sets the threshold; a number instead makes it custom; both at once is a 400 naming both', async () => {
    const vigil = getDetector('vigil');
    const high = await t.http().post('/probes').set(auth).send({ name: 'sens-high', query: 'runs_count', sensitivity: 'high', enabled: false });
    expect(high.status).toBe(201);
    expect(high.body).toMatchObject({ detector: 'vigil', sensitivity: 'high', threshold: vigil.sensitivities.high, effective_threshold: vigil.sensitivities.high });

    const both = await t.http().post('/probes').set(auth).send({ name: 'sens-both', query: 'runs_count', sensitivity: 'low', threshold: 3 });
    expect(both.status).toBe(400);
    expect(both.body.error.code).toBe('VALIDATION_FAILED');
    expect(both.body.error.details.map((d: { field: string }) => d.field).sort()).toEqual(['sensitivity', 'threshold']);
    expect((await t.http().get('/probes').set(auth)).body.items.map((p: { name: string }) => p.name)).not.toContain('sens-both');
    const bothAdhoc = await t.http().post('/probe').set(auth).send({ source: 'runs', query: 'runs_count', sensitivity: 'low', threshold: 3 });
    expect(bothAdhoc.status).toBe(400);
    expect(bothAdhoc.body.error.details.map((d: { field: string }) => d.field).sort()).toEqual(['sensitivity', 'threshold']);
    const badLevel = await t.http().post('/probes').set(auth).send({ name: 'sens-bad', query: 'runs_count', sensitivity: 'extreme' });
    expect(badLevel.status).toBe(400);
    expect(JSON.stringify(badLevel.body.error)).toContain('sensitivity');

    // a number replaces the level; a level replaces the number; a new detector keeps the level
    const id = high.body.id;
    const custom = await t.http().patch(`/probes/${id}`).set(auth).send({ threshold: 5 });
    expect(custom.body).toMatchObject({ sensitivity: null, threshold: 5, effective_threshold: 5 });
    const low = await t.http().patch(`/probes/${id}`).set(auth).send({ sensitivity: 'low' });
    expect(low.body).toMatchObject({ sensitivity: 'low', threshold: vigil.sensitivities.low });
    const zscore = await t.http().patch(`/probes/${id}`).set(auth).send({ detector: 'zscore' });
    expect(zscore.body).toMatchObject({ detector: 'zscore', sensitivity: 'low', threshold: getDetector('zscore').sensitivities.low });
    const patchBoth = await t.http().patch(`/probes/${id}`).set(auth).send({ sensitivity: 'high', threshold: 1 });
    expect(patchBoth.status).toBe(400);
    expect((await t.http().get(`/probes/${id}`).set(auth)).body).toMatchObject({ detector: 'zscore', sensitivity: 'low' });

    // the seed's ad-hoc call keeps its meaning: a threshold without a detector is zscore in sigma
    const seed = await t.http().post('/probe').set(auth).send({ source: 'runs', query: 'runs_count', threshold: 2.5, store: false });
    expect(seed.body).toMatchObject({ detector: 'zscore', sensitivity: null, threshold: 2.5, effective_threshold: 2.5, unit: 'sigma' });
    const level = await t.http().post('/probe').set(auth).send({ source: 'runs', query: 'runs_count', sensitivity: 'high', store: false });
    expect(level.body).toMatchObject({ detector: DEFAULT_DETECTOR, sensitivity: 'high', threshold: getDetector(DEFAULT_DETECTOR).sensitivities.high });
  });

  it('GET /probes/:id says, per series, until when its detector is warming up', async () => {
    const now = Date.now();
    await ingest(runsWithJump('wf-warm', now, 90, 0));
    const created = await t.http().post('/probes').set(auth).send({ name: 'warm', source: 'runs', query: 'runs_duration_mean_ms', wpk_id: 'wf-warm', lookback: '2h' });
    expect((await t.http().post(`/probes/${created.body.id}/run`).set(auth)).body.run).toMatchObject({ error: null, points_scored: 90 });
    const detail = (await t.http().get(`/probes/${created.body.id}`).set(auth)).body;
    expect(detail.series).toEqual([
      { metric: 'runs_duration_mean_ms', series: 'wpk_id="wf-warm"', labels: { wpk_id: 'wf-warm' }, last_at: expect.any(String), last_value: expect.any(Number), last_score: 0, warming_up_until: expect.any(String) },
    ]);
    const { last_at, warming_up_until } = detail.series[0];
    // vigil waits for 200 points and a whole day: a day after the first of these 90 one-minute points
    expect(Date.parse(warming_up_until)).toBe(Date.parse(last_at) - 89 * MIN + 86_400_000);
    // a detector whose warm-up is a number of points: the point after its window
    const z = await t.http().post('/probe').set(auth).send({ source: 'runs', query: 'runs_duration_mean_ms', wpk_id: 'wf-warm', lookback: '2h', detector: 'zscore', detector_params: { window: 30 }, store: false });
    const series = z.body.series[0];
    expect(Date.parse(series.warming_up_until)).toBe(Date.parse(series.latest.at) - 59 * MIN);
    expect((await t.http().delete(`/probes/${created.body.id}`).set(auth)).status).toBe(204);
  });

  it('DELETE and PATCH of an unknown probe are 404 PROBE_NOT_FOUND; a re-enabled probe is due at once', async () => {
    const nil = '00000000-0000-0000-0000-000000000000';
    expect((await t.http().delete(`/probes/${nil}`).set(auth)).body.error.code).toBe('PROBE_NOT_FOUND');
    expect((await t.http().patch(`/probes/${nil}`).set(auth).send({ enabled: false })).body.error.code).toBe('PROBE_NOT_FOUND');
    const p = (await t.http().post('/probes').set(auth).send({ name: 'toggle', query: 'runs_count' })).body;
    const scheduler = t.app.get(ProbeScheduler);
    expect((await scheduler.tick()).outcomes).toHaveLength(1); // new: due at once
    expect((await scheduler.tick()).outcomes).toHaveLength(0); // next in 60 s
    await t.http().patch(`/probes/${p.id}`).set(auth).send({ enabled: false });
    expect((await scheduler.tick()).outcomes).toHaveLength(0);
    await t.http().patch(`/probes/${p.id}`).set(auth).send({ enabled: true });
    expect((await scheduler.tick()).outcomes).toHaveLength(1); // re-enabled: due at once
    await t.http().delete(`/probes/${p.id}`).set(auth);
  });

  it('GET /signals/:id answers 404 SIGNAL_NOT_FOUND and 400 for a bad id', async () => {
    expect((await t.http().get('/signals/00000000-0000-0000-0000-000000000000').set(auth)).body.error.code).toBe('SIGNAL_NOT_FOUND');
    expect((await t.http().get('/signals/nope').set(auth)).status).toBe(400);
  });

  it('/health lists Prometheus and Alertmanager as disabled without changing the status', async () => {
    const res = await t.http().get('/health');
    expect(res.status).toBe(200);
    expect(res.body.checks.prometheus).toMatchObject({ status: 'disabled', required: false });
    expect(res.body.checks.alertmanager).toMatchObject({ status: 'disabled', required: false });
  });
});

import { Clock } from '../../src/modules/insight/clock';
import { ProbeScheduler } from '../../src/modules/insight/scheduler/probe-scheduler';
import { describeDb, startTestApp, TestApp } from '../support/test-app';

const MIN = 60_000;
const POINTS = 240;
/** one-minute spikes: harmless recurring 4.2σ bumps, and an 8σ incident */
const BUMPS_BEFORE = [60, 100];
const BUMP_AFTER = 180;
const INCIDENT = 215;

/**
 * One run a minute for the last 4 hours whose duration alternates 990 / 1010 ms (σ = 10 over any
 * even window), with single-minute spikes of +42 ms (4.2σ) and one of +80 ms (8σ), far enough
 * apart (> 30 points) that no spike is in another's zscore window.
 */
function history(now: number): { runs: Array<Record<string, unknown>>; at: (i: number) => number } {
  const end = Math.floor(now / MIN) * MIN - MIN;
  const at = (i: number) => end - (POINTS - 1 - i) * MIN;
  const runs = Array.from({ length: POINTS }, (_, i) => {
    let duration = i % 2 ? 1010 : 990;
    if ([...BUMPS_BEFORE, BUMP_AFTER].includes(i)) duration = 1042;
    if (i === INCIDENT) duration = 1080;
    return { wpk_id: 'wf-tune', run_id: `tune-${i}`, status: 'completed', duration_ms: duration, created_at: new Date(at(i) + 5_000).toISOString() };
  });
  return { runs, at };
}

const PROBE = { source: 'runs', query: 'runs_duration_mean_ms', wpk_id: 'wf-tune', detector: 'zscore', detector_params: { window: 30 }, threshold: 3, lookback: '3h', cooldown_s: 60 };

describeDb('feedback that tunes a probe', () => {
  let t: TestApp;
  let clockOffset = 0;
  let data: ReturnType<typeof history>;

  beforeAll(async () => {
    t = await startTestApp({ env: { SCHEDULER_ENABLED: 'false' } });
    // the service's clock stands still at the moment the history was built (moved only by clockOffset):
    // on the wall clock, a minute boundary passing between building it and a tick shifted the
    // scored buckets by one
    const base = Date.now();
    jest.spyOn(t.app.get(Clock), 'now').mockImplementation(() => new Date(base + clockOffset));
    data = history(base);
    const res = await t.http().post('/runs/batch').set(t.admin.header).send({ runs: data.runs });
    expect(res.body.failed).toBe(0);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('noise labels on recurring harmless 4σ bumps stop them alerting while an 8σ incident still fires; nothing restarts', async () => {
    const admin = t.admin.header;
    // 100 minutes ago: the probes are made, and see the first two bumps; each alerts
    clockOffset = -100 * MIN;
    const tuned = (await t.http().post('/probes').set(admin).send({ name: 'tuned', ...PROBE })).body;
    const control = (await t.http().post('/probes').set(admin).send({ name: 'control', ...PROBE })).body;
    expect(tuned).toMatchObject({ threshold: 3, configured_threshold: 3, effective_threshold: 3, tuning_steps: 0, tuning: [] });

    const scheduler = t.app.get(ProbeScheduler);
    expect((await scheduler.tick()).outcomes.map((o) => o.error)).toEqual([null, null]);
    const signalsOf = async (probeId: string) =>
      ((await t.http().get('/signals').query({ probe_id: probeId }).set(admin)).body.items as Array<{ id: string; observed_at: string; score: number }>).reverse();
    const first = await signalsOf(tuned.id);
    expect(first.map((s) => s.observed_at)).toEqual(BUMPS_BEFORE.map((i) => new Date(data.at(i)).toISOString()));
    for (const s of first) expect(s.score).toBeCloseTo(4.2, 6);
    expect((await signalsOf(control.id)).map((s) => s.observed_at)).toEqual(first.map((s) => s.observed_at));

    // on call says: noise, both times
    for (const s of first) expect((await t.http().post(`/signals/${s.id}/feedback`).set(admin).send({ label: 'noise', note: 'nightly compaction' })).status).toBe(200);
    const after = (await t.http().get(`/probes/${tuned.id}`).set(admin)).body;
    expect(after).toMatchObject({ threshold: 3, configured_threshold: 3, sensitivity: null, effective_threshold: 4.6875, tuning_steps: 2 });
    const me = (await t.http().get('/auth/me').set(admin)).body.name;
    expect(after.tuning.map((e: { from: number; to: number; because: string }) => [e.from, e.to, e.because])).toEqual([
      [3, 3.75, `noise label on signal ${first[0].id} by ${me}`],
      [3.75, 4.6875, `noise label on signal ${first[1].id} by ${me}`],
    ]);
    // relabelling the same signal noise again is not another step
    await t.http().post(`/signals/${first[0].id}/feedback`).set(admin).send({ label: 'noise' });
    expect((await t.http().get(`/probes/${tuned.id}`).set(admin)).body.tuning_steps).toBe(2);

    // now: the next bump stays quiet on the tuned probe, the incident fires on both
    clockOffset = 0;
    const second = await scheduler.tick();
    expect(second.outcomes.map((o) => o.error)).toEqual([null, null]);
    // the detectors carried on from their state: only the 100 new minutes were scored
    expect(second.outcomes.map((o) => o.points_scored)).toEqual([100, 100]);
    const tunedNow = (await signalsOf(tuned.id)).slice(first.length);
    expect(tunedNow.map((s) => s.observed_at)).toEqual([new Date(data.at(INCIDENT)).toISOString()]);
    expect(tunedNow[0].score).toBeCloseTo(8, 6);
    const controlNow = (await signalsOf(control.id)).slice(first.length);
    expect(controlNow.map((s) => s.observed_at)).toEqual([BUMP_AFTER, INCIDENT].map((i) => new Date(data.at(i)).toISOString()));
    const incident = (await t.http().get(`/signals/${tunedNow[0].id}`).set(admin)).body;
    expect(incident.threshold).toBe(4.6875);

    // a useful label takes a step back; a reset undoes the rest; the stored threshold never moved
    await t.http().post(`/signals/${incident.id}/feedback`).set(admin).send({ label: 'useful' });
    expect((await t.http().get(`/probes/${tuned.id}`).set(admin)).body).toMatchObject({ effective_threshold: 3.75, tuning_steps: 1, threshold: 3 });
    const key = await t.http().post('/api-keys').set(admin).send({ name: 'viewer', role: 'read' });
    expect((await t.http().post(`/probes/${tuned.id}/tuning/reset`).set({ Authorization: `Bearer ${key.body.key}` })).status).toBe(403);
    const reset = await t.http().post(`/probes/${tuned.id}/tuning/reset`).set(admin);
    expect(reset.status).toBe(200);
    expect(reset.body).toMatchObject({ threshold: 3, configured_threshold: 3, effective_threshold: 3, tuning_steps: 0 });
    expect(reset.body.tuning.map((e: { from: number; to: number; because: string }) => [e.from, e.to, e.because]).slice(2)).toEqual([
      [4.6875, 3.75, `useful label on signal ${incident.id} by ${me}`],
      [3.75, 3, `reset by ${me}`],
    ]);
    expect((await t.http().post('/probes/00000000-0000-4000-8000-000000000000/tuning/reset').set(admin)).status).toBe(404);
    // tuning is not part of the detector's configuration: the series kept its state
    const series = (await t.http().get(`/probes/${tuned.id}`).set(admin)).body.series;
    expect(series).toHaveLength(1);
    expect(series[0].last_at).toBe(new Date(data.at(POINTS - 1)).toISOString());
  });

  it('30 days without a noise label take one step back, stored by the next run', async () => {
    const admin = t.admin.header;
    const probe = (await t.http().get('/probes').set(admin)).body.items.find((p: { name: string }) => p.name === 'control');
    const signal = ((await t.http().get('/signals').query({ probe_id: probe.id }).set(admin)).body.items as Array<{ id: string }>)[0];
    await t.http().post(`/signals/${signal.id}/feedback`).set(admin).send({ label: 'noise' });
    expect((await t.http().get(`/probes/${probe.id}`).set(admin)).body.effective_threshold).toBe(3.75);
    clockOffset = 30 * 86_400_000 + MIN;
    const shown = (await t.http().get(`/probes/${probe.id}`).set(admin)).body;
    expect(shown).toMatchObject({ effective_threshold: 3, tuning_steps: 0 });
    expect(shown.tuning[shown.tuning.length - 1]).toMatchObject({ from: 3.75, to: 3, because: '30 days without a noise label' });
    await t.http().post(`/probes/${probe.id}/run`).set(admin);
    clockOffset = 0;
    // stored: back in the present, the step back is still there
    expect((await t.http().get(`/probes/${probe.id}`).set(admin)).body).toMatchObject({ effective_threshold: 3, tuning_steps: 0 });
  });
});

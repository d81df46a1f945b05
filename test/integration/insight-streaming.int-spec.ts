import { Database } from '../../src/database/database.service';
import { Clock } from '../../src/modules/insight/clock';
import { describeDb, startTestApp, TestApp } from '../support/test-app';

const MIN = 60_000;

/** A deterministic wobble with two slow stretches. */
function duration(i: number): number {
  const wobble = ((i * 7919) % 200) - 100;
  if (i >= 70 && i < 73) return 6000 + wobble;
  if (i >= 95 && i < 97) return 9000 + wobble;
  return 1000 + wobble;
}

/**
 * A stored probe polled twice, with new runs arriving in between, scores exactly what one
 * streaming pass over all the points scores (the detector snapshot and episode tracker are
 * persisted between polls), and finds the same episodes.
 */
describeDb('insight: polling with persisted detector state equals one streaming pass', () => {
  let t: TestApp;
  let offset = 0;
  const T0 = Math.floor(Date.now() / MIN) * MIN;

  beforeAll(async () => {
    t = await startTestApp({ env: { SCHEDULER_ENABLED: 'false' } });
    jest.spyOn(t.app.get(Clock), 'now').mockImplementation(() => new Date(T0 + 30_000 + offset));
  });
  afterAll(() => t.close());

  const ingest = async (wpk: string, from: number, to: number) => {
    const runs = [];
    for (let i = from; i < to; i++) {
      runs.push({ wpk_id: wpk, run_id: `r${i}`, status: 'completed', duration_ms: duration(i), created_at: new Date(T0 - 90 * MIN + i * MIN + 1000).toISOString() });
    }
    const res = await t.http().post('/runs/batch').set(t.admin.header).send({ runs });
    expect(res.body.failed).toBe(0);
  };

  it.each([
    ['robust', { detector: 'robust', detector_params: { window: 20 } }],
    ['the product default', {}],
  ])('%s: same latest score, same episodes', async (label, detector) => {
    offset = 0;
    const wpk = `wf-${label.replace(/\W/g, '')}`;
    await ingest(wpk, 0, 90);
    const spec = { query: 'runs_duration_mean_ms', source: 'runs', wpk_id: wpk, ...detector, cooldown_s: 120 };
    const created = await t.http().post('/probes').set(t.admin.header).send({ name: `stream-${wpk}`, lookback: '2h', ...spec });
    expect(created.status).toBe(201);
    const first = await t.http().post(`/probes/${created.body.id}/run`).set(t.admin.header);
    expect(first.body.run).toMatchObject({ error: null, points_scored: 90 });

    await ingest(wpk, 90, 105);
    offset = 16 * MIN;
    const second = await t.http().post(`/probes/${created.body.id}/run`).set(t.admin.header);
    expect(second.body.run).toMatchObject({ error: null, points_scored: 15 });

    const single = await t.http().post('/probe').set(t.admin.header).send({ ...spec, lookback: '2h16m', store: false });
    expect(single.status).toBe(200);
    const series = single.body.series[0];
    expect(series.scored).toBe(105);
    const [state] = await t.app.get(Database).query<{ last_score: number; last_ts: unknown; last_value: number }>(
      `SELECT last_score, last_ts, last_value FROM insight_series_state WHERE probe_id = '${created.body.id}'`,
    );
    expect(t.app.get(Database).fromDbTime(state.last_ts)!.toISOString()).toBe(series.latest.at);
    expect(Number(state.last_value)).toBe(series.latest.value);
    expect(Number(state.last_score)).toBeCloseTo(series.latest.score, 9);

    const stored = (await t.http().get('/signals').query({ probe_id: created.body.id }).set(t.admin.header)).body.items;
    const key = (a: { observed_at: string; state: string; score: number; resolved_at: string | null }) => [a.observed_at, a.state, a.resolved_at, a.score.toFixed(6)];
    expect(stored.map(key).sort()).toEqual(single.body.anomalies.map(key).sort());
    if (label === 'robust') {
      expect(stored).toHaveLength(2);
      expect(stored.map((s: { state: string }) => s.state)).toEqual(['resolved', 'resolved']);
    }
  });
});

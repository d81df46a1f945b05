import { RunMetricsRepository } from '../../src/modules/insight/run-metrics.repository';
import { RunMetricsSource } from '../../src/modules/insight/sources/run-metrics.source';
import { describeDb, startTestApp, TestApp } from '../support/test-app';

const STEP_S = 300;

/**
 * The four run metrics, computed per bucket in SQL, give the same exact numbers on both drivers
 * (percentile_cont on PostgreSQL, its interpolation by hand on SQLite).
 */
describeDb('insight run metrics per bucket in SQL', () => {
  let t: TestApp;
  let repo: RunMetricsRepository;
  const bucket = Math.floor(Date.parse('2026-01-15T10:00:00Z') / 1000 / STEP_S) * STEP_S * 1000;

  beforeAll(async () => {
    t = await startTestApp({ env: { SCHEDULER_ENABLED: 'false' } });
    repo = t.app.get(RunMetricsRepository);
    const runs = [];
    // bucket 1: 20 runs, 100..2000 ms, 3 failed, 1 still running (no duration)
    for (let i = 1; i <= 20; i++) {
      runs.push({ wpk_id: 'wf-m', run_id: `a${i}`, status: i <= 3 ? 'failed' : 'completed', duration_ms: i * 100, created_at: new Date(bucket + i * 1000).toISOString() });
    }
    runs.push({ wpk_id: 'wf-m', run_id: 'a-running', status: 'running', created_at: new Date(bucket + 30_000).toISOString() });
    // bucket 3 (bucket 2 empty): one run
    runs.push({ wpk_id: 'wf-m', run_id: 'c1', status: 'completed', duration_ms: 700, created_at: new Date(bucket + 2 * STEP_S * 1000 + 5_000).toISOString() });
    // another workflow, and a run outside the range
    runs.push({ wpk_id: 'wf-other', run_id: 'o1', status: 'failed', duration_ms: 50, created_at: new Date(bucket + 10_000).toISOString() });
    runs.push({ wpk_id: 'wf-m', run_id: 'late', status: 'completed', duration_ms: 99_999, created_at: new Date(bucket + 3 * STEP_S * 1000).toISOString() });
    const res = await t.http().post('/runs/batch').set(t.admin.header).send({ runs });
    expect(res.body.failed).toBe(0);
  });
  afterAll(() => t.close());

  const q = (metric: Parameters<RunMetricsRepository['buckets']>[0], wpk: string | null) => repo.buckets(metric, bucket, bucket + 3 * STEP_S * 1000, STEP_S, wpk);

  it('runs_count per workflow and bucket', async () => {
    expect(await q('runs_count', null)).toEqual([
      { wpk_id: 'wf-m', bucket_s: bucket / 1000, value: 21 },
      { wpk_id: 'wf-m', bucket_s: bucket / 1000 + 2 * STEP_S, value: 1 },
      { wpk_id: 'wf-other', bucket_s: bucket / 1000, value: 1 },
    ]);
  });

  it('failure ratio over finished runs, mean and p95 duration', async () => {
    expect((await q('runs_failure_ratio', 'wf-m')).map((r) => r.value)).toEqual([0.15, 0]);
    expect((await q('runs_duration_mean_ms', 'wf-m')).map((r) => r.value)).toEqual([1050, 700]);
    const p95 = await q('runs_duration_p95_ms', 'wf-m');
    expect(p95.map((r) => r.value)).toEqual([1905, 700]);
  });

  it('the runs source fills empty buckets with 0 runs, and only for runs_count', async () => {
    const source = t.app.get(RunMetricsSource);
    const range = { startMs: bucket, endMs: bucket + 3 * STEP_S * 1000, stepMs: STEP_S * 1000, points: 4 };
    const counts = await source.query('runs_count', range, 'wf-m');
    expect(counts).toEqual([{ metric: 'runs_count', labels: { wpk_id: 'wf-m' }, points: [[bucket, 21], [bucket + 300_000, 0], [bucket + 600_000, 1]] }]);
    const p95 = await source.query('runs_duration_p95_ms', range, 'wf-m');
    expect(p95[0].points).toEqual([[bucket, 1905], [bucket + 600_000, 700]]);
  });
});

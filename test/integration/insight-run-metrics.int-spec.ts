import { Database } from '../../src/database/database.service';
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

/**
 * Runs count in the bucket of when they happened: started_at, else created_at, and created_at when
 * started_at lies more than 5 minutes after it (a clock that ran ahead). Runs delivered late
 * (retries after an outage, batches, imports) land where they belong, not in the minute they arrived.
 */
describeDb('insight run metrics bucket runs by when they happened', () => {
  let t: TestApp;
  let repo: RunMetricsRepository;
  let db: Database;
  const MIN = 60_000;
  const base = Date.parse('2026-02-01T12:00:00Z');

  beforeAll(async () => {
    t = await startTestApp({ env: { SCHEDULER_ENABLED: 'false' } });
    repo = t.app.get(RunMetricsRepository);
    db = t.app.get(Database);
    const created_at = new Date(base).toISOString();
    const runs: Array<Record<string, unknown>> = [];
    // 90 runs delivered together at `base`, started one a minute over the 90 minutes before
    for (let i = 1; i <= 90; i++) {
      runs.push({ wpk_id: 'wf-late', run_id: `l${i}`, status: 'completed', duration_ms: 1000 + i, started_at: new Date(base - i * MIN).toISOString(), created_at });
    }
    runs.push(
      // started 4 minutes after it was created: counts at started_at
      { wpk_id: 'wf-skew', run_id: 'ahead-4m', status: 'completed', duration_ms: 4, started_at: new Date(base + 4 * MIN).toISOString(), created_at },
      // started 6 minutes after it was created: a clock ahead, counts at created_at
      { wpk_id: 'wf-skew', run_id: 'ahead-6m', status: 'completed', duration_ms: 6, started_at: new Date(base + 6 * MIN).toISOString(), created_at },
      // no started_at: created_at
      { wpk_id: 'wf-skew', run_id: 'no-start', status: 'completed', duration_ms: 8, created_at },
    );
    const res = await t.http().post('/runs/batch').set(t.admin.header).send({ runs });
    expect(res.body.failed).toBe(0);
  });
  afterAll(() => t.close());

  it('90 runs posted at once with started_at over the last 90 minutes give 90 one-minute points', async () => {
    const source = t.app.get(RunMetricsSource);
    const range = { startMs: base - 120 * MIN, endMs: base, stepMs: MIN, points: 120 };
    const [mean] = await source.query('runs_duration_mean_ms', range, 'wf-late');
    expect(mean.points).toHaveLength(90);
    expect(mean.points[0]).toEqual([base - 90 * MIN, 1090]);
    expect(mean.points[89]).toEqual([base - MIN, 1001]);
    const [count] = await source.query('runs_count', range, 'wf-late');
    expect(count.points.filter(([, v]) => v > 0)).toHaveLength(90);
    expect(count.points.every(([, v]) => v <= 1)).toBe(true);
  });

  it('a started_at more than 5 minutes after created_at counts at created_at', async () => {
    const rows = await repo.buckets('runs_duration_mean_ms', base, base + 10 * MIN, 60, 'wf-skew');
    expect(rows).toEqual([
      { wpk_id: 'wf-skew', bucket_s: base / 1000, value: 7 },
      { wpk_id: 'wf-skew', bucket_s: base / 1000 + 4 * 60, value: 4 },
    ]);
  });

  it("a signal's linked runs are chosen by the same time", async () => {
    const linked = await repo.linkedRuns('wf-late', new Date(base - 30 * MIN), new Date(base - 20 * MIN), 50);
    expect(linked.map((r) => r.run_id).sort()).toEqual(Array.from({ length: 11 }, (_, i) => `l${20 + i}`).sort());
    const skew = await repo.linkedRuns('wf-skew', new Date(base + 3 * MIN), new Date(base + 10 * MIN), 50);
    expect(skew.map((r) => r.run_id)).toEqual(['ahead-4m']);
  });

  it('reads the runs of a range through an index, for one workflow and for all', async () => {
    const statements: Array<[string, unknown[]]> = [];
    const spy = jest.spyOn(db, 'query').mockImplementation(async (sql: string, params: unknown[] = []) => {
      statements.push([sql, params]);
      return [];
    });
    try {
      await repo.buckets('runs_duration_p95_ms', base - 60 * MIN, base, 60, 'wf-late');
      await repo.buckets('runs_count', base - 60 * MIN, base, 60, null);
      await repo.linkedRuns('wf-late', new Date(base - 30 * MIN), new Date(base), 50);
      await repo.linkedRuns(null, new Date(base - 30 * MIN), new Date(base), 50);
    } finally {
      spy.mockRestore();
    }
    expect(statements).toHaveLength(4);
    for (const [sql, params] of statements) {
      const plan = await db.write(async (tx) => {
        // the tables here are small: make the planner show whether it can use an index at all
        if (db.isPostgres) await db.query('SET LOCAL enable_seqscan = off', [], tx);
        const rows = await db.query(`${db.isPostgres ? 'EXPLAIN' : 'EXPLAIN QUERY PLAN'} ${sql}`, params, tx);
        return rows.map((r) => Object.values(r).join(' ')).join('\n');
      });
      expect(plan).toMatch(/ix_workflow_runs_(wpk_)?happened/);
    }
  });
});

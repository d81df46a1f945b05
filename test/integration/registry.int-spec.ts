import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { InitialSchema1764374400000 } from '../../migrations/1764374400000-InitialSchema';
import { Registry1764374500000 } from '../../migrations/1764374500000-Registry';
import { Database } from '../../src/database/database.service';
import { nearestRank } from '../../src/modules/runs/domain/percentile';
import { CreateRunDto } from '../../src/modules/runs/dto/create-run.dto';
import { RunWriteHooks } from '../../src/modules/runs/run-write-hooks';
import { RunsService } from '../../src/modules/runs/runs.service';
import { compareCodePoints } from '../../src/modules/registry/domain/latest-run';
import { newWorkflow } from '../../src/modules/registry/domain/workflow';
import { WorkflowsRepository } from '../../src/modules/registry/workflows.repository';
import { WorkflowsService } from '../../src/modules/registry/workflows.service';
import { createScratchDatabase } from '../support/pg';
import { RunsRetentionJob } from '../../src/modules/runs/runs-retention.job';
import { emptyMigrationDatabase } from '../support/migration-db';
import { currentDriver, describeDb, startTestApp, TestApp } from '../support/test-app';

const run = (wpk_id: string, run_id: string, extra: Partial<CreateRunDto> = {}): CreateRunDto =>
  ({ wpk_id, run_id, status: 'completed', ...extra }) as CreateRunDto;
const daysAgo = (d: number) => new Date(Date.now() - d * 86_400_000).toISOString();

describeDb('registry against the real database', () => {
  let t: TestApp;
  let runs: RunsService;
  let workflows: WorkflowsService;
  let repository: WorkflowsRepository;
  let db: Database;
  beforeAll(async () => {
    // no background writer may run while a test counts the database writes a call makes: the
    // embedding worker and the scheduler stay idle, and the boot's retention sweep is waited for
    t = await startTestApp({ env: { RUN_RETENTION_DAYS: '7', EMBEDDING_WORKER_INTERVAL_MS: '3600000', SCHEDULER_ENABLED: 'false' } });
    await t.app.get(RunsRetentionJob).sweep();
    runs = t.app.get(RunsService);
    workflows = t.app.get(WorkflowsService);
    repository = t.app.get(WorkflowsRepository);
    db = t.app.get(Database);
  });
  afterAll(() => t.close());

  it('retention removes expired runs from the counters and moves the latest run back', async () => {
    await runs.record(run('wf-ret', 'old-latest', { created_at: daysAgo(30), started_at: '2099-01-01T00:00:00Z', status: 'failed' }));
    await runs.record(run('wf-ret', 'old', { created_at: daysAgo(20), status: 'failed' }));
    await runs.record(run('wf-ret', 'recent-1', { started_at: daysAgo(2), status: 'failed', error: 'still here' }));
    await runs.record(run('wf-ret', 'recent-2', { started_at: daysAgo(3) }));
    await runs.record(run('wf-ret-gone', 'only', { created_at: daysAgo(10), status: 'failed' }));
    expect(await workflows.get('wf-ret')).toMatchObject({ runs_total: 4, runs_failed: 3, last_run_id: 'old-latest' });

    expect(await runs.purgeExpired()).toBe(3);

    expect(await workflows.get('wf-ret')).toMatchObject({ runs_total: 2, runs_failed: 1, last_run_id: 'recent-1', last_status: 'failed', last_error: 'still here' });
    expect(await workflows.get('wf-ret-gone')).toMatchObject({
      runs_total: 0,
      runs_failed: 0,
      last_run_id: null,
      last_status: null,
      last_run_at: null,
      last_duration_ms: null,
      last_error: null,
    });
  });

  it('work deferred by a transaction that fails is dropped, not applied by the next one', async () => {
    const hooks = t.app.get(RunWriteHooks);
    await runs.record(run('wf-discard', 'r1'));
    const ghost = { ...(await runs.findByRunId('wf-discard', 'r1'))!, run_id: 'ghost', status: 'failed' as const, started_at: new Date('2099-01-01T00:00:00Z') };
    await expect(
      db.write((tx) =>
        hooks.inTransaction(tx, async () => {
          await hooks.afterWrite(tx, { previous: undefined, current: ghost });
          throw new Error('the run write failed');
        }),
      ),
    ).rejects.toThrow('the run write failed');
    await runs.record(run('wf-discard', 'r2'));
    expect(await workflows.get('wf-discard')).toMatchObject({ runs_total: 2, runs_failed: 0 });
    expect((await workflows.get('wf-discard')).last_run_id).not.toBe('ghost');
  });

  it('batches that touch the same workflows in opposite orders, concurrently, neither deadlock nor miscount', async () => {
    const pairs = Array.from({ length: 25 }, (_, i) => [
      runs.recordBatch([run('wf-lock-a', `a${i}`, { status: 'failed' }), run('wf-lock-b', `b${i}`), run('wf-lock-a', 'shared')]),
      runs.recordBatch([run('wf-lock-b', `b${i}x`, { status: 'failed' }), run('wf-lock-a', `a${i}x`), run('wf-lock-b', 'shared')]),
    ]).flat();
    const results = await Promise.all(pairs);
    for (const r of results) expect(r.failed).toBe(0);
    expect(await workflows.get('wf-lock-a')).toMatchObject({ runs_total: 51, runs_failed: 25 });
    expect(await workflows.get('wf-lock-b')).toMatchObject({ runs_total: 51, runs_failed: 25 });
  });

  it('lists workflow ids in code-point order on both drivers, paging by cursor', async () => {
    const ids = ['ord-Z', 'ord-a', 'ord-é', 'ord-\uFFFD', 'ord-\u{1F600}', 'ord-_', 'ord-1'];
    for (const id of ids) await workflows.register(id, {});
    const expected = [...ids].sort(compareCodePoints);
    expect((await repository.findPage({ q: 'ord-' }, 100)).map((w) => w.id)).toEqual(expected);
    const seen: string[] = [];
    let cursor: string | undefined;
    for (;;) {
      const page = await workflows.list({ q: 'ord-' }, 2, cursor);
      seen.push(...page.items.map((w) => w.id));
      if (!page.next_cursor) break;
      cursor = page.next_cursor;
    }
    expect(seen).toEqual(expected);
  });

  it('stats percentiles are nearest-rank, identical to the reference on this driver', async () => {
    let seed = 42;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const batch: CreateRunDto[] = [];
    for (let i = 0; i < 137; i++) {
      const duration_ms = i % 10 === 0 ? null : Math.floor(random() * 10_000);
      batch.push(run('wf-pct', `p${i}`, { duration_ms, status: i % 7 === 0 ? 'failed' : 'completed', started_at: daysAgo(random() * 6) }));
    }
    // outside the 7-day window: must not count
    batch.push(run('wf-pct', 'too-old', { duration_ms: 999_999, started_at: daysAgo(8) }));
    expect((await runs.recordBatch(batch)).created).toBe(138);
    const durations = batch.slice(0, 137).map((r) => r.duration_ms).filter((d): d is number => d !== null && d !== undefined).sort((a, b) => a - b);
    const fractions = [0, 0.01, 0.25, 0.5, 0.9, 0.95, 0.99, 1];
    const stats = await runs.windowStats('wf-pct', new Date(Date.now() - 7 * 86_400_000), fractions);
    expect(stats).toEqual({
      runs: 137,
      failures: batch.slice(0, 137).filter((r) => r.status === 'failed').length,
      completed: batch.slice(0, 137).filter((r) => r.status === 'completed').length,
      timed: durations.length,
      max_duration_ms: durations[durations.length - 1],
      percentiles: fractions.map((f) => nearestRank(durations, f)),
      // these runs report no usage
      input_tokens: 0,
      output_tokens: 0,
      total_tokens: 0,
      cost_usd: null,
    });
    expect(await workflows.stats('wf-pct', '7d')).toMatchObject({
      runs: 137,
      duration_ms: { p50: nearestRank(durations, 0.5), p95: nearestRank(durations, 0.95), max: durations[durations.length - 1] },
    });
  });

  it('new runs take one statement on PostgreSQL, and the summary and outbox match the transaction path exactly', async () => {
    const write = jest.spyOn(db, 'write');
    try {
      // a stored latest that sorts above everything the batch brings, and a run the batch repeats
      await runs.record(run('wf-one-a', 'future', { started_at: '2099-01-01T00:00:00Z' }));
      await runs.record(run('wf-one-a', 'existing', { status: 'failed', error: 'first' }));
      write.mockClear();
      const dayAgo = daysAgo(1);
      const result = await runs.recordBatch([
        run('wf-one-b', 'b1', { started_at: dayAgo, status: 'failed', error: 'b1 broke' }),
        run('wf-one-a', 'a1', { started_at: daysAgo(1) }),
        run('wf-one-b', 'b2', { started_at: daysAgo(2) }),
        run('wf-one-a', 'existing', { status: 'completed' }),
        run('wf-one-b', 'b1', { status: 'completed', error: null }),
        run('wf-one-b', 'b3', { started_at: dayAgo }),
      ]);
      expect(result.items.map((i) => i.result)).toEqual(['created', 'created', 'created', 'updated', 'updated', 'created']);
      // only the repeats needed a transaction; on SQLite everything takes one
      expect(write).toHaveBeenCalledTimes(1);
      write.mockClear();
      expect((await runs.recordBatch([run('wf-one-b', 'b4', { started_at: daysAgo(3) })])).created).toBe(1);
      expect(write).toHaveBeenCalledTimes(currentDriver() === 'postgres' ? 0 : 1);
    } finally {
      write.mockRestore();
    }
    expect(await workflows.get('wf-one-a')).toMatchObject({ runs_total: 3, runs_failed: 0, last_run_id: 'future' });
    // b1 and b3 tie on started_at: the greater run_id in code-point order wins
    expect(await workflows.get('wf-one-b')).toMatchObject({ runs_total: 4, runs_failed: 0, last_run_id: 'b3', last_status: 'completed', last_error: null });
    for (const wpk of ['wf-one-a', 'wf-one-b']) {
      const latest = await runs.findLatestForWorkflow(wpk);
      expect((await workflows.get(wpk)).last_run_id).toBe(latest!.run_id);
    }
    const queued = await db.query<{ n: number | string }>(
      `SELECT COUNT(*) AS n FROM run_embedding_state s JOIN workflow_runs r ON r.id = s.run_id WHERE r.wpk_id IN ('wf-one-a', 'wf-one-b')`,
    );
    expect(Number(queued[0].n)).toBe(7);
  });

  it('registering is idempotent and never touches the run summary', async () => {
    await runs.record(run('wf-idem', 'r1', { status: 'failed', duration_ms: 5 }));
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => workflows.register('wf-idem', { owner: `o${i}` })));
    expect(results.filter((r) => r.created)).toHaveLength(0);
    expect(await workflows.get('wf-idem')).toMatchObject({ runs_total: 1, runs_failed: 1, last_run_id: 'r1', last_duration_ms: 5 });
    const fresh = await Promise.all(Array.from({ length: 8 }, () => workflows.register('wf-idem-new', {})));
    expect(fresh.filter((r) => r.created)).toHaveLength(1);
    expect(newWorkflow('x', {}, new Date()).name).toBe('x');
  });
});

describeDb('the Registry migration', () => {
  it('registers every workflow that already has runs, with exact counters and latest run', async () => {
    const driver = currentDriver();
    const { options, cleanup } = await emptyMigrationDatabase();
    try {
      const before = await new DataSource({ ...options, migrations: [InitialSchema1764374400000] } as never).initialize();
      await before.runMigrations({ transaction: 'all' });
      const pg = driver === 'postgres';
      const time = (iso: string) => (pg ? iso : iso.replace('T', ' ').replace('Z', ''));
      const rows: Array<[string, string, string, string | null, string]> = [
        ['wf-m1', 'a', 'completed', '2026-01-01T10:00:00.000Z', '2026-01-01T09:00:00.000Z'],
        ['wf-m1', 'b', 'failed', null, '2026-01-01T11:00:00.000Z'],
        ['wf-m1', 'c', 'failed', '2026-01-01T11:00:00.000Z', '2026-01-01T08:00:00.000Z'],
        ['wf-m2', 'x', 'running', '2026-02-01T00:00:00.000Z', '2026-02-01T00:00:00.000Z'],
      ];
      for (const [wpk, runId, status, started, created] of rows) {
        const p = (i: number) => (pg ? `$${i}` : '?');
        await before.query(
          `INSERT INTO workflow_runs (id, wpk_id, run_id, status, duration_ms, error, started_at, created_at, updated_at)
           VALUES (${[1, 2, 3, 4, 5, 6, 7, 8, 9].map(p).join(', ')})`,
          [randomUUID(), wpk, runId, status, 10, status === 'failed' ? `err ${runId}` : null, started && time(started), time(created), time(created)],
        );
      }
      await before.destroy();

      const after = await new DataSource({ ...options, migrations: [InitialSchema1764374400000, Registry1764374500000] } as never).initialize();
      expect((await after.runMigrations({ transaction: 'all' })).map((m) => m.name)).toEqual(['Registry1764374500000']);
      const got = await after.query(`SELECT id, name, runs_total, runs_failed, last_run_id, last_status, last_error FROM workflows ORDER BY id`);
      await after.destroy();
      expect(got.map((r: Record<string, unknown>) => ({ ...r, runs_total: Number(r.runs_total), runs_failed: Number(r.runs_failed) }))).toEqual([
        // b and c tie on 11:00; "c" is the greater run_id
        { id: 'wf-m1', name: 'wf-m1', runs_total: 3, runs_failed: 2, last_run_id: 'c', last_status: 'failed', last_error: 'err c' },
        { id: 'wf-m2', name: 'wf-m2', runs_total: 1, runs_failed: 0, last_run_id: 'x', last_status: 'running', last_error: null },
      ]);
    } finally {
      await cleanup();
    }
  });
});

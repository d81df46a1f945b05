import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Database } from '../../src/database/database.service';
import { newRun } from '../../src/modules/runs/domain/run';
import { RunsRepository } from '../../src/modules/runs/runs.repository';
import { RunsService } from '../../src/modules/runs/runs.service';
import { currentDriver, describeDb, startTestApp, TestApp } from '../support/test-app';

describeDb('runs repository and schema', () => {
  let t: TestApp;
  let repo: RunsRepository;
  let db: Database;
  beforeAll(async () => {
    t = await startTestApp({ env: { RUN_RETENTION_DAYS: '30' } });
    repo = t.app.get(RunsRepository);
    db = t.app.get(Database);
  });
  afterAll(() => t.close());

  it('entities and migrations agree', async () => {
    const ds = t.app.get(DataSource);
    if (currentDriver() === 'postgres') {
      const pending = await ds.driver.createSchemaBuilder().log();
      expect(pending.upQueries.map((q) => q.query)).toEqual([]);
    } else {
      for (const meta of ds.entityMetadatas) {
        const cols = await ds.query(`PRAGMA table_info(${meta.tableName})`);
        expect(cols.map((c: { name: string }) => c.name).sort()).toEqual(meta.columns.map((c) => c.databaseName).sort());
      }
    }
  });

  it('has the unique key and an index serving "newest runs of one workflow"', async () => {
    const at = Date.parse('2026-01-01T00:00:00Z');
    await db.write(async (tx) => {
      for (let i = 0; i < 3000; i++) {
        const created = new Date(at + i * 1000);
        await repo.insertIfAbsent(newRun(randomUUID(), { wpk_id: `plan-wf-${i % 3}`, run_id: `p${i}`, status: 'completed', created_at: created }, created), tx);
      }
    });
    if (currentDriver() === 'postgres') {
      const rows = await db.query<{ indexdef: string }>(`SELECT indexdef FROM pg_indexes WHERE tablename = 'workflow_runs'`);
      const defs = rows.map((r) => r.indexdef).join('\n');
      expect(defs).toMatch(/UNIQUE INDEX uq_workflow_runs_wpk_run .*\(wpk_id, run_id\)/);
      expect(defs).toMatch(/ix_workflow_runs_wpk_created .*\(wpk_id, created_at, id\)/);
      const types = await db.query<{ column_name: string; data_type: string }>(
        `SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'workflow_runs'`,
      );
      const byName = Object.fromEntries(types.map((r) => [r.column_name, r.data_type]));
      expect(byName).toMatchObject({ id: 'uuid', inputs: 'jsonb', node_logs: 'jsonb', created_at: 'timestamp with time zone' });
      await db.query('ANALYZE workflow_runs');
      const plan = await db.query<{ 'QUERY PLAN': string }>(
        `EXPLAIN SELECT id FROM workflow_runs WHERE wpk_id = 'plan-wf-1' ORDER BY created_at DESC, id DESC LIMIT 21`,
      );
      expect(plan.map((p) => p['QUERY PLAN']).join('\n')).toMatch(/Index (Only )?Scan Backward using ix_workflow_runs_wpk_created on workflow_runs[\s\S]*Index Cond: \(wpk_id = /);
    } else {
      const plan = await db.query<{ detail: string }>(
        `EXPLAIN QUERY PLAN SELECT id FROM workflow_runs WHERE wpk_id = 'x' ORDER BY created_at DESC, id DESC LIMIT 21`,
      );
      expect(plan.map((p) => p.detail).join('\n')).toMatch(/USING (COVERING )?INDEX ix_workflow_runs_wpk_created/);
      expect(plan.map((p) => p.detail).join('\n')).not.toMatch(/TEMP B-TREE/);
    }
  });

  it('inserts once per (wpk_id, run_id) and round-trips every field', async () => {
    const at = new Date('2026-02-03T04:05:06.789Z');
    const run = newRun(randomUUID(), {
      wpk_id: 'repo-wf', run_id: 'r1', status: 'failed', inputs: { s: 'ünï 😀', n: 1.5, a: [null, true] }, outputs: 'plain',
      duration_ms: 42, node_logs: [{ node: 'x', extra: { y: 1 } }], error: 'E', tags: ['t'], metadata: { m: 1 },
      started_at: at, ended_at: at, created_at: at,
    }, at);
    expect(await db.write((tx) => repo.insertIfAbsent(run, tx))).toBe(true);
    expect(await db.write((tx) => repo.insertIfAbsent({ ...run, id: randomUUID() }, tx))).toBe(false);
    expect(await repo.findById(run.id)).toEqual(run);
  });

  it('pages by keyset with ties on created_at', async () => {
    const at = new Date('2026-03-01T00:00:00Z');
    await db.write(async (tx) => {
      for (let i = 0; i < 7; i++) await repo.insertIfAbsent(newRun(randomUUID(), { wpk_id: 'tie-wf', run_id: `t${i}`, status: 'completed', created_at: at }, at), tx);
    });
    const seen: string[] = [];
    let after: { at: Date; id: string } | undefined;
    for (;;) {
      const page = await repo.findPage({ wpk_id: 'tie-wf' }, { limit: 3, after });
      seen.push(...page.map((r) => r.run_id));
      if (page.length < 3) break;
      after = { at: page[2].created_at, id: page[2].id };
    }
    expect(seen.sort()).toEqual(['t0', 't1', 't2', 't3', 't4', 't5', 't6']);
    expect(await repo.count({ wpk_id: 'tie-wf' })).toBe(7);
  });

  it('retention deletes runs older than RUN_RETENTION_DAYS in batches and keeps the rest', async () => {
    const now = new Date('2026-06-01T00:00:00Z');
    const old = new Date('2026-04-01T00:00:00Z');
    const recent = new Date('2026-05-20T00:00:00Z');
    await db.write(async (tx) => {
      for (let i = 0; i < 1005; i++) await repo.insertIfAbsent(newRun(randomUUID(), { wpk_id: 'ret-wf', run_id: `old${i}`, status: 'completed', created_at: old }, old), tx);
      await repo.insertIfAbsent(newRun(randomUUID(), { wpk_id: 'ret-wf', run_id: 'recent', status: 'completed', created_at: recent }, recent), tx);
    });
    const deleted = await t.app.get(RunsService).purgeExpired(now);
    expect(deleted).toBeGreaterThanOrEqual(1005);
    expect(await repo.count({ wpk_id: 'ret-wf' })).toBe(1);
  });
});

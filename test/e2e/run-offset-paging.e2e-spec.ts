import { Database } from '../../src/database/database.service';
import { RunsRepository } from '../../src/modules/runs/runs.repository';
import { currentDriver, describeDb, startTestApp, TestApp } from '../support/test-app';

/**
 * Offset paging (`page`) is bounded: pages end by run 10,000, `total` is exact up to there and
 * flagged `total_estimated` past it, and a deeper page is refused with a 400 pointing to cursors.
 */
describeDb('offset paging of runs', () => {
  let t: TestApp;
  let auth: Record<string, string>;
  let db: Database;
  beforeAll(async () => {
    t = await startTestApp();
    auth = t.admin.header;
    db = t.app.get(Database);
    const res = await t.http().post('/runs/batch').set(auth).send({
      runs: Array.from({ length: 30 }, (_, i) => ({ wpk_id: 'wf-offset', run_id: `o${i}`, status: i % 3 ? 'completed' : 'failed', created_at: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString() })),
    });
    expect(res.status).toBe(200);
    // 10,001 more runs of another workflow, written directly: more than the bounded count reads
    if (currentDriver() === 'postgres') {
      await db.query(
        `INSERT INTO workflow_runs (id, wpk_id, run_id, status, created_at, updated_at)
         SELECT gen_random_uuid(), 'wf-many', 'm' || g, 'completed', now() - g * interval '1 second', now() FROM generate_series(1, 10001) g`,
      );
      await db.query('ANALYZE workflow_runs');
    } else {
      await db.query(
        `WITH RECURSIVE g(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM g WHERE n < 10001)
         INSERT INTO workflow_runs (id, wpk_id, run_id, status, created_at, updated_at)
         SELECT lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-a' || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))),
                'wf-many', 'm' || n, 'completed', strftime('%Y-%m-%d %H:%M:%f', 'now', '-' || n || ' seconds'), strftime('%Y-%m-%d %H:%M:%f', 'now') FROM g`,
      );
    }
  });
  afterAll(() => t.close());

  const get = (path: string, query: Record<string, string | number>) => t.http().get(path).query(query).set(auth);

  it('answers an exact total, flagged exact, and the cursor that continues after the page', async () => {
    for (const path of ['/runs', '/workflows/wf-offset/runs']) {
      const page = await get(path, { ...(path === '/runs' ? { wpk_id: 'wf-offset' } : {}), limit: 10, page: 2 });
      expect(page.status).toBe(200);
      expect(page.body).toMatchObject({ limit: 10, page: 2, total: 30, total_estimated: false });
      expect(page.body.items.map((r: { run_id: string }) => r.run_id)).toEqual(Array.from({ length: 10 }, (_, i) => `o${19 - i}`));
      const next = await get(path, { ...(path === '/runs' ? { wpk_id: 'wf-offset' } : {}), limit: 10, cursor: page.body.next_cursor });
      const third = await get(path, { ...(path === '/runs' ? { wpk_id: 'wf-offset' } : {}), limit: 10, page: 3 });
      expect(next.body.items).toEqual(third.body.items);
      expect(third.body.next_cursor).toBeNull();
    }
    const failed = await get('/runs', { wpk_id: 'wf-offset', status: 'failed', page: 1 });
    expect(failed.body).toMatchObject({ total: 10, total_estimated: false });
  });

  it('flags the total as an estimate when more than 10,000 runs match', async () => {
    const page = await get('/runs', { wpk_id: 'wf-many', limit: 20, page: 500 });
    expect(page.status).toBe(200);
    expect(page.body.items).toHaveLength(20);
    expect(page.body.total_estimated).toBe(true);
    expect(page.body.total).toBeGreaterThan(10_000);
    // run 10,000 of wf-many is the page's last; its next_cursor goes on past the offset limit
    expect(page.body.items[19].run_id).toBe('m10000');
    const deeper = await get('/runs', { wpk_id: 'wf-many', limit: 20, cursor: page.body.next_cursor });
    expect(deeper.body.items.map((r: { run_id: string }) => r.run_id)).toEqual(['m10001']);
    const all = await get('/runs', { page: 1 });
    expect(all.body).toMatchObject({ total_estimated: true });
    expect(all.body.total).toBeGreaterThanOrEqual(10_001);
  });

  it('refuses a page past run 10,000 with a 400 naming page and pointing to cursor', async () => {
    for (const [path, query] of [
      ['/runs', { limit: 20, page: 501 }],
      ['/runs', { limit: 200, page: 51, status: 'completed' }],
      ['/workflows/wf-many/runs', { limit: 20, page: 501 }],
      ['/runs', { page: 1_000_000 }],
    ] as const) {
      const res = await get(path, query);
      expect({ path, query, status: res.status }).toEqual({ path, query, status: 400 });
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      expect(res.body.error.details).toEqual([{ field: 'page', message: expect.stringMatching(/cursor/) }]);
    }
  });

  it('counts exactly up to the cap and estimates past it', async () => {
    const repo = t.app.get(RunsRepository);
    await expect(repo.countUpTo({ wpk_id: 'wf-offset' }, 30)).resolves.toEqual({ total: 30, estimated: false });
    const past = await repo.countUpTo({ wpk_id: 'wf-offset' }, 29);
    expect(past.estimated).toBe(true);
    expect(past.total).toBeGreaterThanOrEqual(30);
  });

  it('reads runs of one status newest first through the status index', async () => {
    const sql = `SELECT id FROM workflow_runs WHERE status = 'failed' ORDER BY created_at DESC, id DESC LIMIT 21 OFFSET 100`;
    if (currentDriver() === 'postgres') {
      const plan = await db.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${sql}`);
      expect(plan.map((p) => p['QUERY PLAN']).join('\n')).toMatch(/ix_workflow_runs_status_created/);
    } else {
      const plan = await db.query<{ detail: string }>(`EXPLAIN QUERY PLAN ${sql}`);
      expect(plan.map((p) => p.detail).join('\n')).toMatch(/INDEX ix_workflow_runs_status_created/);
    }
  });

  it('skips the rows before an offset page in the workflow index alone and reads only the page from the table', async () => {
    const repo = t.app.get(RunsRepository);
    const page = { limit: 50, offset: 9950 };
    const statement = (repo as unknown as { pageStatement(select: string, f: object, p: object): [string, unknown[]] }).pageStatement('id, run_id, status', { wpk_id: 'wf-many' }, page);
    if (currentDriver() === 'postgres') {
      await db.query('VACUUM workflow_runs');
      const plan = (await db.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, COSTS OFF) ${statement[0]}`, statement[1])).map((p) => p['QUERY PLAN']).join('\n');
      expect(plan).toMatch(/Index Only Scan Backward using ix_workflow_runs_wpk_created[^\n]*rows=10000 loops=1\)\n\s*Index Cond: \(wpk_id = 'wf-many'::text\)\n\s*Heap Fetches: 0/);
    } else {
      const plan = (await db.query<{ detail: string }>(`EXPLAIN QUERY PLAN ${statement[0]}`, statement[1])).map((p) => p.detail).join('\n');
      expect(plan).toMatch(/USING COVERING INDEX ix_workflow_runs_wpk_created/);
    }
    // the same runs, in the same order, as the plain statement
    const plain = await db.query<{ id: string }>(
      `SELECT id FROM workflow_runs WHERE wpk_id = 'wf-many' ORDER BY created_at DESC, id DESC LIMIT 50 OFFSET 9950`,
    );
    const runs = await repo.findPage({ wpk_id: 'wf-many' }, page as never);
    expect(runs.map((r) => r.id)).toEqual(plain.map((r) => r.id));
    expect(runs).toHaveLength(50);
  });
});

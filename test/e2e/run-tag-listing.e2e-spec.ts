import { Database } from '../../src/database/database.service';
import { RunsRepository } from '../../src/modules/runs/runs.repository';
import { RunsService } from '../../src/modules/runs/runs.service';
import { currentDriver, describeDb, startTestApp, TestApp } from '../support/test-app';

interface Seeded {
  wpk_id: string;
  run_id: string;
  status: string;
  tags: string[] | null;
  models: string[];
  created_at: string;
}

const T0 = Date.UTC(2026, 0, 1);
const TAG_SETS: Array<string[] | null> = [['prod'], ['prod', 'eu'], ['canary'], null, ['eu', 'prod', 'prod'], []];

/**
 * Runs filtered by `tag` are read from workflow_run_tags' indexes: the same runs, in the same order,
 * with the same totals as the tags column says, whatever the tag rows' maintenance went through
 * (creates, updates that change tags, batches repeating a key, purges).
 */
describeDb('runs listed by tag', () => {
  let t: TestApp;
  let auth: Record<string, string>;
  let db: Database;
  const seeded: Seeded[] = [];
  beforeAll(async () => {
    t = await startTestApp({ env: { SCHEDULER_ENABLED: 'false', RUN_RETENTION_DAYS: '3650' } });
    auth = t.admin.header;
    db = t.app.get(Database);
    for (let i = 0; i < 90; i++) {
      // every third pair shares a created_at, so the id breaks ties
      const at = new Date(T0 + Math.floor(i / 2) * 1000).toISOString();
      seeded.push({
        wpk_id: `wf-tag-${i % 3}`, run_id: `r${i}`, status: i % 4 ? 'completed' : 'failed', tags: TAG_SETS[i % TAG_SETS.length],
        models: i % 5 ? ['gpt-x'] : ['claude-y'], created_at: at,
      });
    }
    // the first half one by one (the one-statement path on PostgreSQL), the rest in a batch
    for (const run of seeded.slice(0, 45)) expect((await t.http().post('/runs').set(auth).send(run)).status).toBe(201);
    expect((await t.http().post('/runs/batch').set(auth).send({ runs: seeded.slice(45) })).body.created).toBe(45);
  });
  afterAll(() => t.close());

  const get = (path: string, query: Record<string, string | number>) => t.http().get(path).query(query).set(auth);

  /** The run_ids matching the filters, newest first, from the tags as sent (ids break ties as the API does). */
  async function expected(filters: { tag: string; wpk_id?: string; status?: string; model?: string; since?: string; until?: string }): Promise<string[]> {
    const all = (await get('/runs', { limit: 200 })).body.items as Array<{ run_id: string; id: string }>;
    const ids = new Map(all.map((r) => [r.run_id, r.id]));
    return seeded
      .filter((r) => (r.tags ?? []).includes(filters.tag))
      .filter((r) => filters.wpk_id === undefined || r.wpk_id === filters.wpk_id)
      .filter((r) => filters.status === undefined || r.status === filters.status)
      .filter((r) => filters.model === undefined || r.models.includes(filters.model))
      .filter((r) => filters.since === undefined || r.created_at >= filters.since)
      .filter((r) => filters.until === undefined || r.created_at < filters.until)
      .sort((a, b) => (a.created_at === b.created_at ? (ids.get(a.run_id)! < ids.get(b.run_id)! ? 1 : -1) : a.created_at < b.created_at ? 1 : -1))
      .map((r) => r.run_id);
  }

  it('answers the same runs, order and totals by offset page and by cursor, alone and with every other filter', async () => {
    const since = new Date(T0 + 10_000).toISOString();
    const until = new Date(T0 + 35_000).toISOString();
    const cases: Array<{ tag: string } & Record<string, string>> = [
      { tag: 'prod' }, { tag: 'eu' }, { tag: 'canary' }, { tag: 'none-such' },
      { tag: 'prod', wpk_id: 'wf-tag-1' }, { tag: 'prod', status: 'failed' }, { tag: 'eu', model: 'claude-y' },
      { tag: 'prod', since, until }, { tag: 'prod', wpk_id: 'wf-tag-2', status: 'completed', since },
    ];
    for (const filters of cases) {
      const want = await expected(filters);
      const paths = filters.wpk_id ? ['/runs', `/workflows/${filters.wpk_id}/runs`] : ['/runs'];
      for (const path of paths) {
        const query = path === '/runs' ? filters : Object.fromEntries(Object.entries(filters).filter(([k]) => k !== 'wpk_id' && k !== 'model'));
        if (path !== '/runs' && filters.model) continue;
        const byPage: string[] = [];
        for (let page = 1; page <= Math.max(1, Math.ceil(want.length / 7)); page++) {
          const res = await get(path, { ...query, limit: 7, page });
          expect({ filters, path, status: res.status }).toEqual({ filters, path, status: 200 });
          expect({ filters, path, total: res.body.total, total_estimated: res.body.total_estimated }).toEqual({ filters, path, total: want.length, total_estimated: false });
          byPage.push(...res.body.items.map((r: { run_id: string }) => r.run_id));
        }
        expect({ filters, path, runs: byPage }).toEqual({ filters, path, runs: want });
        const byCursor: string[] = [];
        let cursor: string | undefined;
        for (;;) {
          const res = await get(path, { ...query, limit: 4, ...(cursor ? { cursor } : {}) });
          byCursor.push(...res.body.items.map((r: { run_id: string }) => r.run_id));
          if (!res.body.next_cursor) break;
          cursor = res.body.next_cursor;
        }
        expect({ filters, path, runs: byCursor }).toEqual({ filters, path, runs: want });
      }
    }
  });

  it('moves a run between tag listings when an update changes its tags, and keeps it when an update leaves them', async () => {
    const inTag = async (tag: string) => ((await get('/runs', { tag, wpk_id: 'wf-move', limit: 50 })).body.items as Array<{ run_id: string }>).map((r) => r.run_id);
    expect((await t.http().post('/runs').set(auth).send({ wpk_id: 'wf-move', run_id: 'm1', status: 'running', tags: ['blue'] })).status).toBe(201);
    expect(await inTag('blue')).toEqual(['m1']);
    // an update without tags keeps them
    expect((await t.http().post('/runs').set(auth).send({ wpk_id: 'wf-move', run_id: 'm1', status: 'completed' })).status).toBe(200);
    expect(await inTag('blue')).toEqual(['m1']);
    expect((await t.http().post('/runs').set(auth).send({ wpk_id: 'wf-move', run_id: 'm1', tags: ['green', 'green'] })).status).toBe(200);
    expect(await inTag('blue')).toEqual([]);
    expect(await inTag('green')).toEqual(['m1']);
    expect((await get('/runs', { tag: 'green', wpk_id: 'wf-move', page: 1 })).body.total).toBe(1);
    expect((await t.http().post('/runs').set(auth).send({ wpk_id: 'wf-move', run_id: 'm1', tags: null })).status).toBe(200);
    expect(await inTag('green')).toEqual([]);
    // a batch repeating a key: the first item creates the run, the second changes its tags
    const batch = await t.http().post('/runs/batch').set(auth).send({
      runs: [
        { wpk_id: 'wf-move', run_id: 'm2', status: 'running', tags: ['blue'] },
        { wpk_id: 'wf-move', run_id: 'm2', status: 'completed', tags: ['red'] },
        { wpk_id: 'wf-move', run_id: 'm3', status: 'completed', tags: ['red', 'blue'] },
      ],
    });
    expect(batch.body).toMatchObject({ created: 2, updated: 1, failed: 0 });
    expect(await inTag('blue')).toEqual(['m3']);
    expect((await inTag('red')).sort()).toEqual(['m2', 'm3']);
    expect((await get('/workflows/wf-move/runs', { tag: 'red', page: 1 })).body.total).toBe(2);
  });

  it('reads a tag offset page from the tag index alone, and a workflow tag page from the workflow tag index', async () => {
    const repo = t.app.get(RunsRepository);
    const statement = (filters: object) =>
      (repo as unknown as { pageStatement(select: string, f: object, p: object): [string, unknown[]] }).pageStatement('id, run_id', filters, { limit: 8, offset: 20 });
    const [global, workflow] = [statement({ tag: 'prod' }), statement({ tag: 'prod', wpk_id: 'wf-tag-1' })];
    if (currentDriver() === 'postgres') {
      await db.query('VACUUM ANALYZE workflow_run_tags');
      const plan = async ([sql, values]: [string, unknown[]]) => (await db.query<{ 'QUERY PLAN': string }>(`EXPLAIN (COSTS OFF) ${sql}`, values)).map((p) => p['QUERY PLAN']).join('\n');
      // the planner prefers a sequential scan of a table this small; the index is what it reads once the table is large
      await db.query('SET enable_seqscan = off');
      try {
        expect(await plan(global)).toMatch(/Index Only Scan Backward using ix_workflow_run_tags_tag_created on workflow_run_tags t\n\s*Index Cond: \(tag = 'prod'::text\)/);
        expect(await plan(workflow)).toMatch(/Index Only Scan Backward using ix_workflow_run_tags_wpk_tag_created on workflow_run_tags t\n\s*Index Cond: \(\(wpk_id = 'wf-tag-1'::text\) AND \(tag = 'prod'::text\)\)/);
        // ids come off the index in page order: the one sort is of the page's rows, after the join
        expect(await plan(global)).toMatch(/Limit\n\s*->  Index Only Scan Backward using ix_workflow_run_tags_tag_created/);
      } finally {
        await db.query('RESET enable_seqscan');
      }
    } else {
      const steps = async ([sql, values]: [string, unknown[]]) => db.query<{ id: number; parent: number; detail: string }>(`EXPLAIN QUERY PLAN ${sql}`, values);
      const plan = async (statement: [string, unknown[]]) => (await steps(statement)).map((p) => p.detail).join('\n');
      expect(await plan(global)).toMatch(/SEARCH t USING COVERING INDEX ix_workflow_run_tags_tag_created \(tag=\?\)/);
      expect(await plan(workflow)).toMatch(/SEARCH t USING COVERING INDEX ix_workflow_run_tags_wpk_tag_created \(wpk_id=\? AND tag=\?\)/);
      // ids come off the index in page order: the one sort is of the page's rows, after the join
      for (const statement of [global, workflow]) {
        const rows = await steps(statement);
        const subquery = rows.find((r) => /SUBQUERY/.test(r.detail))!;
        expect(rows.filter((r) => r.parent === subquery.id).map((r) => r.detail)).toEqual([expect.stringMatching(/^SEARCH t USING COVERING INDEX/)]);
      }
    }
  });

  it('leaves no tag rows of a purged run', async () => {
    const before = (await db.query<{ n: string | number }>('SELECT COUNT(*) AS n FROM workflow_run_tags'))[0].n;
    expect(Number(before)).toBeGreaterThan(0);
    // everything seeded is older than ten years before this "now"
    expect(await t.app.get(RunsService).purgeExpired(new Date(Date.UTC(2040, 0, 1)))).toBeGreaterThan(90);
    expect((await db.query<{ n: string | number }>('SELECT COUNT(*) AS n FROM workflow_run_tags')).map((r) => Number(r.n))).toEqual([0]);
    expect((await get('/runs', { tag: 'prod', page: 1 })).body).toMatchObject({ items: [], total: 0 });
  });
});

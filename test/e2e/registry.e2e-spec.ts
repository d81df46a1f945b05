import { describeDb, startTestApp, TestApp } from '../support/test-app';

type Json = Record<string, any>;

describeDb('workflow registry over HTTP', () => {
  let t: TestApp;
  let auth: Record<string, string>;
  beforeAll(async () => {
    t = await startTestApp();
    auth = t.admin.header;
  });
  afterAll(() => t.close());

  const post = (path: string, body: unknown) => t.http().post(path).set(auth).send(body as object);
  const get = (path: string, query: Json = {}) => t.http().get(path).query(query).set(auth);
  const workflow = async (id: string): Promise<Json> => {
    const res = await get(`/workflows/${encodeURIComponent(id)}`);
    expect(res.status).toBe(200);
    return res.body;
  };

  describe('registration', () => {
    it('registers a workflow (201) as a flat object, then updates it idempotently (200)', async () => {
      const res = await post('/workflows', {
        id: 'wf-reg',
        name: 'Registered',
        description: 'does things',
        version: '1.0.0',
        owner: 'team-a',
        tags: ['prod'],
        metadata: { repo: 'x' },
      });
      expect(res.status).toBe(201);
      expect(Object.keys(res.body).sort()).toEqual(
        [
          'id', 'name', 'description', 'version', 'owner', 'tags', 'metadata', 'archived_at', 'created_at', 'updated_at',
          'last_run_id', 'last_status', 'last_run_at', 'last_duration_ms', 'last_error', 'runs_total', 'runs_failed',
        ].sort(),
      );
      expect(res.body).toMatchObject({
        id: 'wf-reg',
        name: 'Registered',
        description: 'does things',
        version: '1.0.0',
        owner: 'team-a',
        tags: ['prod'],
        metadata: { repo: 'x' },
        archived_at: null,
        last_run_id: null,
        last_status: null,
        last_run_at: null,
        last_duration_ms: null,
        last_error: null,
        runs_total: 0,
        runs_failed: 0,
      });
      const again = await post('/workflows', { id: 'wf-reg', version: '1.1.0', description: null });
      expect(again.status).toBe(200);
      expect(again.body).toMatchObject({ name: 'Registered', version: '1.1.0', description: null, owner: 'team-a', tags: ['prod'] });
      expect(again.body.created_at).toBe(res.body.created_at);
      expect(await workflow('wf-reg')).toEqual(again.body);
    });

    it('defaults the name to the id and tags to none', async () => {
      const res = await post('/workflows', { id: 'wf-bare' });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ id: 'wf-bare', name: 'wf-bare', tags: [], metadata: null, owner: null });
    });

    it('PATCH changes descriptive fields only: absent kept, null clears', async () => {
      await post('/workflows', { id: 'wf-patch', owner: 'o1', tags: ['a'], version: '1' });
      const res = await t.http().patch('/workflows/wf-patch').set(auth).send({ owner: 'o2', tags: null, version: null });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id: 'wf-patch', name: 'wf-patch', owner: 'o2', tags: [], version: null });
      expect(Date.parse(res.body.updated_at)).toBeGreaterThanOrEqual(Date.parse(res.body.created_at));
    });

    it('auto-registers the workflow of a run for an unknown wpk_id, from every write path', async () => {
      expect((await post('/runs', { wpk_id: 'wf-auto-1', run_id: 'r', status: 'completed' })).status).toBe(201);
      expect((await post('/langgraph/hooks/log_run', { wpk_id: 'wf-auto-2', run_id: 'r', status: 'failed', error: 'x' })).status).toBe(201);
      const batch = await post('/runs/batch', { runs: [{ wpk_id: 'wf-auto-3', run_id: 'r', status: 'running' }] });
      expect(batch.body.created).toBe(1);
      expect((await post('/workflows/wf-auto-4/runs/notify', { run_id: 'r', status: 'completed' })).status).toBe(201);
      expect(await workflow('wf-auto-1')).toMatchObject({ name: 'wf-auto-1', runs_total: 1, runs_failed: 0, last_run_id: 'r', last_status: 'completed' });
      expect(await workflow('wf-auto-2')).toMatchObject({ runs_total: 1, runs_failed: 1, last_status: 'failed', last_error: 'x' });
      expect(await workflow('wf-auto-3')).toMatchObject({ runs_total: 1, last_status: 'running' });
      expect(await workflow('wf-auto-4')).toMatchObject({ runs_total: 1, last_status: 'completed' });
    });

    it('ids that need escaping in a path work on every route', async () => {
      const id = 'team/agent v2?#%';
      const path = `/workflows/${encodeURIComponent(id)}`;
      expect((await post('/runs', { wpk_id: id, run_id: 'r', status: 'completed', duration_ms: 7 })).status).toBe(201);
      expect((await get(path)).body).toMatchObject({ id, runs_total: 1 });
      expect((await post(`${path}/runs/notify`, { run_id: 'r', status: 'failed' })).status).toBe(200);
      expect((await get(`${path}/runs/latest`)).body).toMatchObject({ wpk_id: id, run_id: 'r', status: 'failed' });
      expect((await get(`${path}/runs`)).body.items).toHaveLength(1);
      expect((await get(`${path}/stats`, { window: '1h' })).body).toMatchObject({ runs: 1, failures: 1 });
    });

    it('registering an auto-registered workflow keeps its run summary', async () => {
      const res = await post('/workflows', { id: 'wf-auto-1', name: 'Now described', owner: 'team-b' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ name: 'Now described', owner: 'team-b', runs_total: 1, last_run_id: 'r' });
    });
  });

  describe('latest-run summary', () => {
    const run = (run_id: string, extra: Json = {}) => post('/runs', { wpk_id: 'wf-sum', run_id, status: 'completed', ...extra });

    it('follows the greatest (started_at ?? created_at, run_id), whatever the arrival order', async () => {
      await run('b', { started_at: '2026-01-01T10:00:00Z', duration_ms: 20 });
      await run('a', { started_at: '2026-01-01T09:00:00Z' });
      expect(await workflow('wf-sum')).toMatchObject({ last_run_id: 'b', last_run_at: '2026-01-01T10:00:00.000Z', last_duration_ms: 20 });
      // same time: the greater run_id wins
      await run('c', { started_at: '2026-01-01T10:00:00Z', status: 'failed', error: 'boom' });
      expect(await workflow('wf-sum')).toMatchObject({ last_run_id: 'c', last_status: 'failed', last_error: 'boom', runs_total: 3, runs_failed: 1 });
      // no started_at: created_at counts
      await run('d', { created_at: '2026-01-01T11:00:00Z' });
      expect(await workflow('wf-sum')).toMatchObject({ last_run_id: 'd', last_run_at: '2026-01-01T11:00:00.000Z' });
    });

    it('an update of the latest run refreshes the summary; failed → completed leaves runs_failed', async () => {
      await run('d', { status: 'failed', error: 'late failure', duration_ms: 99 });
      expect(await workflow('wf-sum')).toMatchObject({ last_run_id: 'd', last_status: 'failed', last_error: 'late failure', runs_total: 4, runs_failed: 2 });
      await run('d', { status: 'completed', error: null });
      expect(await workflow('wf-sum')).toMatchObject({ last_run_id: 'd', last_status: 'completed', last_error: null, last_duration_ms: 99, runs_failed: 1 });
      await run('c', { status: 'completed' });
      expect(await workflow('wf-sum')).toMatchObject({ last_run_id: 'd', runs_total: 4, runs_failed: 0 });
    });

    it('when the latest run moves back in time, the next latest takes over', async () => {
      await run('d', { started_at: '2025-12-31T00:00:00Z' });
      expect(await workflow('wf-sum')).toMatchObject({ last_run_id: 'c', last_run_at: '2026-01-01T10:00:00.000Z' });
      const latest = await get('/workflows/wf-sum/runs/latest');
      expect(latest.status).toBe(200);
      expect(latest.body.run_id).toBe('c');
      const byId = await get(`/runs/${latest.body.id}`);
      expect(latest.body).toEqual(byId.body);
    });

    it('a batch that writes the same run twice counts it once and ends on its final state', async () => {
      const res = await post('/runs/batch', {
        runs: [
          { wpk_id: 'wf-sum', run_id: 'e', status: 'failed', started_at: '2026-02-01T00:00:00Z' },
          { wpk_id: 'wf-sum', run_id: 'e', status: 'completed', started_at: '2025-01-01T00:00:00Z' },
          { wpk_id: 'wf-other', run_id: 'e', status: 'failed' },
        ],
      });
      expect(res.body).toMatchObject({ created: 2, updated: 1 });
      expect(await workflow('wf-sum')).toMatchObject({ last_run_id: 'c', runs_total: 5, runs_failed: 0 });
      expect(await workflow('wf-other')).toMatchObject({ last_run_id: 'e', runs_total: 1, runs_failed: 1 });
    });
  });

  describe('listing', () => {
    beforeAll(async () => {
      const regs = [
        { id: 'list-alpha', name: 'Alpha Invoices', owner: 'fin', tags: ['prod', 'eu'] },
        { id: 'list-beta', name: 'Beta', owner: 'fin', tags: ['dev'] },
        { id: 'list-gamma', name: 'Gamma INVOICE check', owner: 'ops', tags: ['prod'] },
        { id: 'list-delta', name: 'Delta', owner: 'ops' },
        { id: 'list-100%_x', name: 'Percent', owner: 'odd' },
      ];
      for (const r of regs) expect((await post('/workflows', r)).status).toBe(201);
      await post('/runs', { wpk_id: 'list-beta', run_id: 'r1', status: 'failed' });
      await post('/runs', { wpk_id: 'list-gamma', run_id: 'r1', status: 'completed' });
      expect((await t.http().delete('/workflows/list-delta').set(auth)).status).toBe(200);
    });
    const ids = async (query: Json) => {
      const res = await get('/workflows', { limit: 200, ...query });
      expect(res.status).toBe(200);
      return (res.body.items as Json[]).map((w) => w.id).filter((id: string) => id.startsWith('list-'));
    };

    it('orders by id and filters by owner, tag, last_status and q', async () => {
      expect(await ids({})).toEqual(['list-100%_x', 'list-alpha', 'list-beta', 'list-gamma']);
      expect(await ids({ owner: 'fin' })).toEqual(['list-alpha', 'list-beta']);
      expect(await ids({ tag: 'prod' })).toEqual(['list-alpha', 'list-gamma']);
      expect(await ids({ last_status: 'failed' })).toEqual(['list-beta']);
      expect(await ids({ q: 'invoice' })).toEqual(['list-alpha', 'list-gamma']);
      expect(await ids({ q: 'LIST-B' })).toEqual(['list-beta']);
      expect(await ids({ q: '%_' })).toEqual(['list-100%_x']);
      expect(await ids({ q: '_' })).toEqual(['list-100%_x']);
      expect(await ids({ owner: 'fin', tag: 'prod', q: 'alpha' })).toEqual(['list-alpha']);
    });

    it('leaves archived workflows out unless include_archived', async () => {
      expect(await ids({ owner: 'ops' })).toEqual(['list-gamma']);
      expect(await ids({ owner: 'ops', include_archived: 'true' })).toEqual(['list-delta', 'list-gamma']);
      expect(await ids({ owner: 'ops', include_archived: '0' })).toEqual(['list-gamma']);
    });

    it('walks every workflow exactly once with a keyset cursor', async () => {
      const all = (await get('/workflows', { limit: 200, include_archived: 'true' })).body.items.map((w: Json) => w.id);
      const seen: string[] = [];
      let cursor: string | undefined;
      for (let pages = 0; pages < 100; pages++) {
        const res = await get('/workflows', { limit: 2, include_archived: 'true', ...(cursor ? { cursor } : {}) });
        expect(res.status).toBe(200);
        expect(res.body.limit).toBe(2);
        seen.push(...res.body.items.map((w: Json) => w.id));
        if (!res.body.next_cursor) break;
        cursor = res.body.next_cursor;
      }
      expect(seen).toEqual(all);
      expect([...seen].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)))).toEqual(seen);
    });
  });

  describe('archive', () => {
    it('DELETE archives (idempotently); runs stay and new runs are still recorded', async () => {
      await post('/runs', { wpk_id: 'wf-arch', run_id: 'r1', status: 'completed' });
      const del = await t.http().delete('/workflows/wf-arch').set(auth);
      expect(del.status).toBe(200);
      expect(del.body.archived_at).toEqual(expect.any(String));
      const again = await t.http().delete('/workflows/wf-arch').set(auth);
      expect(again.status).toBe(200);
      expect(again.body.archived_at).toBe(del.body.archived_at);
      expect((await post('/runs', { wpk_id: 'wf-arch', run_id: 'r2', status: 'failed', started_at: '2030-01-01T00:00:00Z' })).status).toBe(201);
      expect(await workflow('wf-arch')).toMatchObject({ archived_at: del.body.archived_at, runs_total: 2, runs_failed: 1, last_run_id: 'r2' });
      const runs = await get('/workflows/wf-arch/runs', { page: 1 });
      expect(runs.body.total).toBe(2);
    });

    it('registering it again restores it', async () => {
      const res = await post('/workflows', { id: 'wf-arch' });
      expect(res.status).toBe(200);
      expect(res.body.archived_at).toBeNull();
      expect(res.body.runs_total).toBe(2);
    });
  });

  describe('run history, latest run and notify', () => {
    beforeAll(async () => {
      const runs = Array.from({ length: 25 }, (_, i) => ({
        wpk_id: 'wf-hist',
        run_id: `h${String(i).padStart(2, '0')}`,
        status: i % 4 === 0 ? 'failed' : 'completed',
        created_at: new Date(Date.UTC(2025, 5, 1, 0, i)).toISOString(),
      }));
      expect((await post('/runs/batch', { runs })).body.created).toBe(25);
      await post('/runs', { wpk_id: 'wf-hist-neighbour', run_id: 'h00', status: 'completed' });
    });

    it("answers the seed's page paging exactly as GET /runs does", async () => {
      const mine = await get('/workflows/wf-hist/runs', { limit: 20, page: 2 });
      const seed = await get('/runs', { wpk_id: 'wf-hist', limit: 20, page: 2 });
      expect(mine.status).toBe(200);
      expect(mine.body).toEqual(seed.body);
      expect(mine.body).toMatchObject({ page: 2, total: 25, limit: 20, next_cursor: null });
      expect(mine.body.items.map((r: Json) => r.run_id)).toEqual(['h04', 'h03', 'h02', 'h01', 'h00']);
      const first = await get('/workflows/wf-hist/runs');
      expect(first.body.items).toHaveLength(20);
      expect(first.body.items[0].run_id).toBe('h24');
    });

    it('pages with a cursor and filters by status, since and until', async () => {
      const seen: string[] = [];
      let cursor: string | undefined;
      for (;;) {
        const res = await get('/workflows/wf-hist/runs', { limit: 7, ...(cursor ? { cursor } : {}) });
        seen.push(...res.body.items.map((r: Json) => r.run_id));
        if (!res.body.next_cursor) break;
        cursor = res.body.next_cursor;
      }
      expect(seen).toHaveLength(25);
      expect(new Set(seen).size).toBe(25);
      const failed = await get('/workflows/wf-hist/runs', { status: 'failed', limit: 200 });
      expect(failed.body.items.map((r: Json) => r.run_id)).toEqual(['h24', 'h20', 'h16', 'h12', 'h08', 'h04', 'h00']);
      const window = await get('/workflows/wf-hist/runs', { since: '2025-06-01T00:10:00Z', until: '2025-06-01T00:13:00Z' });
      expect(window.body.items.map((r: Json) => r.run_id)).toEqual(['h12', 'h11', 'h10']);
    });

    it('GET /workflows/:id/runs/latest answers the latest run in full', async () => {
      const res = await get('/workflows/wf-hist/runs/latest');
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ wpk_id: 'wf-hist', run_id: 'h24', status: 'failed' });
      expect(res.body).toHaveProperty('node_logs');
    });

    it('notify creates the run (201), then updates it (200), idempotently, refreshing the summary', async () => {
      const first = await post('/workflows/wf-notify/runs/notify', { run_id: 'n1', status: 'running' });
      expect(first.status).toBe(201);
      expect(first.body).toMatchObject({ wpk_id: 'wf-notify', run_id: 'n1', status: 'running' });
      const done = { run_id: 'n1', status: 'failed', duration_ms: 1234, outputs: { partial: true }, error: 'timeout', ended_at: '2026-01-15T10:00:01Z' };
      const second = await post('/workflows/wf-notify/runs/notify', done);
      expect(second.status).toBe(200);
      expect(second.body).toMatchObject({ id: first.body.id, status: 'failed', duration_ms: 1234, outputs: { partial: true }, error: 'timeout', ended_at: '2026-01-15T10:00:01.000Z' });
      const third = await post('/workflows/wf-notify/runs/notify', done);
      expect(third.status).toBe(200);
      expect(await workflow('wf-notify')).toMatchObject({ runs_total: 1, runs_failed: 1, last_run_id: 'n1', last_status: 'failed', last_error: 'timeout', last_duration_ms: 1234 });
      // the same run as POST /runs sees it
      const viaRuns = await post('/runs', { wpk_id: 'wf-notify', run_id: 'n1', status: 'completed', error: null });
      expect(viaRuns.status).toBe(200);
      expect(await workflow('wf-notify')).toMatchObject({ runs_total: 1, runs_failed: 0, last_status: 'completed' });
    });
  });

  describe('a failed run that completes', () => {
    const runOf = async (wpk: string, runId: string) => (await get('/runs', { wpk_id: wpk, run_id: runId })).body.items[0];

    it.each([
      ['POST /runs', (wpk: string, body: Json) => post('/runs', { wpk_id: wpk, ...body })],
      ['notify', (wpk: string, body: Json) => post(`/workflows/${wpk}/runs/notify`, body)],
      ['a batch', (wpk: string, body: Json) => post('/runs/batch', { runs: [{ wpk_id: wpk, ...body }] })],
    ])('via %s loses its error, on the run and on the workflow', async (name, write) => {
      const wpk = `wf-recover-${name.replace(/\W+/g, '-')}`;
      expect((await write(wpk, { run_id: 'r1', status: 'failed', error: 'upstream 503' })).status).toBeLessThan(300);
      expect(await workflow(wpk)).toMatchObject({ last_status: 'failed', last_error: 'upstream 503' });
      expect((await write(wpk, { run_id: 'r1', status: 'completed', duration_ms: 40 })).status).toBe(200);
      expect(await runOf(wpk, 'r1')).toMatchObject({ status: 'completed', error: null, duration_ms: 40 });
      expect(await workflow(wpk)).toMatchObject({ last_run_id: 'r1', last_status: 'completed', last_error: null, runs_failed: 0 });
    });

    it('keeps an error the completing write gives, and failed or cancelled keep theirs', async () => {
      const wpk = 'wf-recover-keep';
      await post('/runs', { wpk_id: wpk, run_id: 'r1', status: 'failed', error: 'first', started_at: '2026-01-15T10:00:00Z' });
      await post('/runs', { wpk_id: wpk, run_id: 'r1', status: 'completed', error: 'completed with a warning' });
      expect(await runOf(wpk, 'r1')).toMatchObject({ status: 'completed', error: 'completed with a warning' });
      expect(await workflow(wpk)).toMatchObject({ last_status: 'completed', last_error: 'completed with a warning' });
      await post('/runs', { wpk_id: wpk, run_id: 'r2', status: 'failed', error: 'second', started_at: '2026-01-15T11:00:00Z' });
      await post('/runs', { wpk_id: wpk, run_id: 'r2', status: 'cancelled' });
      expect(await runOf(wpk, 'r2')).toMatchObject({ status: 'cancelled', error: 'second' });
      await post('/runs', { wpk_id: wpk, run_id: 'r2', status: 'failed', duration_ms: 3 });
      expect(await runOf(wpk, 'r2')).toMatchObject({ status: 'failed', error: 'second' });
      expect(await workflow(wpk)).toMatchObject({ last_run_id: 'r2', last_status: 'failed', last_error: 'second' });
    });

    it('clears the workflow summary only when the completed run is its latest', async () => {
      const wpk = 'wf-recover-older';
      await post('/runs', { wpk_id: wpk, run_id: 'old', status: 'failed', error: 'old failure', started_at: '2026-01-15T10:00:00Z' });
      await post('/runs', { wpk_id: wpk, run_id: 'new', status: 'failed', error: 'new failure', started_at: '2026-01-15T11:00:00Z' });
      await post('/runs', { wpk_id: wpk, run_id: 'old', status: 'completed' });
      expect(await runOf(wpk, 'old')).toMatchObject({ status: 'completed', error: null });
      expect(await workflow(wpk)).toMatchObject({ last_run_id: 'new', last_status: 'failed', last_error: 'new failure', runs_failed: 1 });
    });
  });

  describe('stats', () => {
    /** runs without usage: tokens sum to 0, and no cost is invented */
    const NO_USAGE = { input_tokens: 0, output_tokens: 0, total_tokens: 0, cost_usd: null };
    const minutes = (m: number) => new Date(Date.now() - m * 60_000).toISOString();
    const hours = (h: number) => minutes(h * 60);
    const days = (d: number) => hours(d * 24);

    beforeAll(async () => {
      const r = (run_id: string, status: string, duration_ms: number | null, at: Json) => ({ wpk_id: 'wf-stats', run_id, status, duration_ms, ...at });
      const runs = [
        r('a', 'completed', 100, { started_at: minutes(10) }),
        r('b', 'failed', 300, { started_at: minutes(20) }),
        r('c', 'completed', null, { started_at: minutes(30) }),
        r('d', 'running', 200, { started_at: minutes(50) }),
        r('m', 'completed', 150, { created_at: minutes(15) }),
        r('e', 'completed', 400, { started_at: hours(2) }),
        r('f', 'completed', 50, { started_at: hours(5) }),
        r('g', 'failed', 1000, { started_at: hours(23) }),
        r('h', 'completed', 700, { started_at: days(3) }),
        r('i', 'cancelled', 250, { started_at: days(6) }),
        r('j', 'completed', 600, { started_at: days(10) }),
        r('k', 'completed', 800, { started_at: days(29) }),
        r('l', 'completed', 5000, { started_at: days(40) }),
        // started_at decides over created_at: created now, started long ago
        r('n', 'failed', 9000, { started_at: days(60) }),
      ];
      expect((await post('/runs/batch', { runs })).body.created).toBe(runs.length);
      await post('/workflows', { id: 'wf-stats-empty' });
    });

    it.each([
      ['1h', { runs: 5, failures: 1, success_rate: 3 / 5, duration_ms: { p50: 150, p95: 300, max: 300 }, usage: NO_USAGE }],
      ['24h', { runs: 8, failures: 2, success_rate: 5 / 8, duration_ms: { p50: 200, p95: 1000, max: 1000 }, usage: NO_USAGE }],
      ['7d', { runs: 10, failures: 2, success_rate: 6 / 10, duration_ms: { p50: 250, p95: 1000, max: 1000 }, usage: NO_USAGE }],
      ['30d', { runs: 12, failures: 2, success_rate: 8 / 12, duration_ms: { p50: 300, p95: 1000, max: 1000 }, usage: NO_USAGE }],
    ])('window %s matches the hand-computed fixture', async (window, expected) => {
      const res = await get('/workflows/wf-stats/stats', { window });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ window, ...expected });
    });

    it('defaults to 24h and answers zeros and nulls for a workflow without runs', async () => {
      expect((await get('/workflows/wf-stats/stats')).body.window).toBe('24h');
      const empty = await get('/workflows/wf-stats-empty/stats', { window: '30d' });
      expect(empty.body).toEqual({ window: '30d', runs: 0, failures: 0, success_rate: null, duration_ms: { p50: null, p95: null, max: null }, usage: NO_USAGE });
    });
  });

  describe('4xx', () => {
    const long = 'x'.repeat(201);

    it('unknown workflows are a 404 WORKFLOW_NOT_FOUND on every route', async () => {
      const calls = [
        get('/workflows/nope'),
        t.http().patch('/workflows/nope').set(auth).send({ owner: 'x' }),
        t.http().delete('/workflows/nope').set(auth),
        get('/workflows/nope/runs'),
        get('/workflows/nope/runs/latest'),
        get('/workflows/nope/stats'),
      ];
      for (const res of await Promise.all(calls)) {
        expect(res.status).toBe(404);
        expect(res.body.error.code).toBe('WORKFLOW_NOT_FOUND');
      }
    });

    it('an empty run page is a 200 for a registered workflow and a 404 for an unknown one, whatever the filters', async () => {
      await post('/workflows', { id: 'wf-empty-page' });
      expect((await get('/workflows/wf-empty-page/runs')).body).toEqual({ items: [], limit: 20, next_cursor: null });
      await post('/runs', { wpk_id: 'wf-empty-page', run_id: 'r1', status: 'completed' });
      const filtered = await get('/workflows/wf-empty-page/runs', { status: 'failed' });
      expect([filtered.status, filtered.body.items]).toEqual([200, []]);
      const unknown = await get('/workflows/nope-either/runs', { status: 'failed' });
      expect([unknown.status, unknown.body.error.code]).toEqual([404, 'WORKFLOW_NOT_FOUND']);
    });

    it('a workflow without runs has no latest run: 404 RUN_NOT_FOUND', async () => {
      await post('/workflows', { id: 'wf-norun' });
      const res = await get('/workflows/wf-norun/runs/latest');
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('RUN_NOT_FOUND');
    });

    it('an over-long id in the path is a 400 naming id', async () => {
      for (const res of [await get(`/workflows/${long}`), await get(`/workflows/${long}/runs`), await post(`/workflows/${long}/runs/notify`, { run_id: 'r', status: 'completed' })]) {
        expect(res.status).toBe(400);
        expect(res.body.error.details).toEqual([{ field: 'id', message: 'must be 1 to 200 characters' }]);
      }
    });

    it.each([
      ['missing id', { name: 'x' }, 'id'],
      ['empty id', { id: '' }, 'id'],
      ['over-long id', { id: long }, 'id'],
      ['id not a string', { id: 7 }, 'id'],
      ['null name', { id: 'wf-bad', name: null }, 'name'],
      ['empty name', { id: 'wf-bad', name: '' }, 'name'],
      ['tags not strings', { id: 'wf-bad', tags: [1] }, 'tags'],
      ['too many tags', { id: 'wf-bad', tags: Array.from({ length: 51 }, (_, i) => `t${i}`) }, 'tags'],
      ['metadata an array', { id: 'wf-bad', metadata: [1] }, 'metadata'],
      ['unknown field', { id: 'wf-bad', runs_total: 5 }, 'runs_total'],
      ['NUL in the id', { id: 'wf\u0000bad' }, 'id'],
    ])('POST /workflows: %s is a 400 naming %s', async (_name, body, field) => {
      const res = await post('/workflows', body);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      expect(res.body.error.details.map((d: Json) => d.field)).toContain(field);
    });

    it('nothing from the bad registrations was stored', async () => {
      expect((await get('/workflows/wf-bad')).status).toBe(404);
    });

    it('PATCH validates its body', async () => {
      await post('/workflows', { id: 'wf-patch-bad' });
      for (const [body, field] of [[{ name: null }, 'name'], [{ id: 'other' }, 'id'], [{ owner: 5 }, 'owner'], [{ tags: 'prod' }, 'tags']] as const) {
        const res = await t.http().patch('/workflows/wf-patch-bad').set(auth).send(body);
        expect(res.status).toBe(400);
        expect(res.body.error.details.map((d: Json) => d.field)).toContain(field);
      }
    });

    it('GET /workflows rejects bad parameters, naming them', async () => {
      const cases: Array<[Json, string]> = [
        [{ limit: '0' }, 'limit'],
        [{ limit: '201' }, 'limit'],
        [{ cursor: 'not a cursor!' }, 'cursor'],
        [{ cursor: Buffer.from('[1]').toString('base64url') }, 'cursor'],
        [{ last_status: 'done' }, 'last_status'],
        [{ include_archived: 'maybe' }, 'include_archived'],
        [{ q: long }, 'q'],
        [{ bogus: '1' }, 'bogus'],
      ];
      for (const [query, field] of cases) {
        const res = await get('/workflows', query);
        expect({ query, status: res.status }).toEqual({ query, status: 400 });
        expect(res.body.error.details.map((d: Json) => d.field)).toContain(field);
      }
    });

    it('GET /workflows/:id/runs rejects what GET /runs rejects, and wpk_id', async () => {
      await post('/workflows', { id: 'wf-q' });
      const cases: Array<[Json, string]> = [
        [{ page: '1', cursor: 'abc' }, 'page'],
        [{ limit: '0' }, 'limit'],
        [{ status: 'nope' }, 'status'],
        [{ since: 'yesterday' }, 'since'],
        [{ wpk_id: 'other' }, 'wpk_id'],
      ];
      for (const [query, field] of cases) {
        const res = await get('/workflows/wf-q/runs', query);
        expect({ query, status: res.status }).toEqual({ query, status: 400 });
        expect(res.body.error.details.map((d: Json) => d.field)).toContain(field);
      }
    });

    it('notify without status updates a known run and names status for an unknown one', async () => {
      expect((await post('/workflows/wf-notify-ns/runs/notify', { run_id: 'n1', status: 'running' })).status).toBe(201);
      const done = await post('/workflows/wf-notify-ns/runs/notify', { run_id: 'n1', outputs: { ok: true }, duration_ms: 12 });
      expect([done.status, done.body.status, done.body.outputs, done.body.duration_ms]).toEqual([200, 'running', { ok: true }, 12]);
      const unknown = await post('/workflows/wf-notify-ns/runs/notify', { run_id: 'n2', duration_ms: 1 });
      expect([unknown.status, unknown.body.error.details]).toEqual([400, [{ field: 'status', message: 'is required to create a run' }]]);
      expect(await workflow('wf-notify-ns')).toMatchObject({ runs_total: 1, last_run_id: 'n1', last_duration_ms: 12 });
      const nothing = await post('/workflows/wf-notify-ns-unknown/runs/notify', { run_id: 'n1' });
      expect(nothing.status).toBe(400);
      expect((await get('/workflows/wf-notify-ns-unknown')).status).toBe(404);
    });

    it.each([
      ['missing run_id', { status: 'completed' }, 'run_id'],
      ['bad status', { run_id: 'r', status: 'done' }, 'status'],
      ['negative duration', { run_id: 'r', status: 'completed', duration_ms: -1 }, 'duration_ms'],
      ['bad ended_at', { run_id: 'r', status: 'completed', ended_at: 'later' }, 'ended_at'],
      ['wpk_id in the body', { run_id: 'r', status: 'completed', wpk_id: 'other' }, 'wpk_id'],
      ['NUL in outputs', { run_id: 'r', status: 'completed', outputs: { s: '\u0000' } }, 'outputs.s'],
    ])('notify: %s is a 400 naming %s', async (_name, body, field) => {
      const res = await post('/workflows/wf-notify-bad/runs/notify', body);
      expect(res.status).toBe(400);
      expect(res.body.error.details.map((d: Json) => d.field)).toContain(field);
      expect((await get('/workflows/wf-notify-bad')).status).toBe(404);
    });

    it('stats: an unknown window is a 400 naming window', async () => {
      await post('/workflows', { id: 'wf-stats-bad' });
      const res = await get('/workflows/wf-stats-bad/stats', { window: '2h' });
      expect(res.status).toBe(400);
      expect(res.body.error.details.map((d: Json) => d.field)).toContain('window');
    });
  });

  it('documents every registry route in Swagger, with examples', async () => {
    const doc = (await t.http().get('/docs-json')).body;
    const routes: Array<[string, string]> = [
      ['/workflows', 'post'],
      ['/workflows', 'get'],
      ['/workflows/{id}', 'get'],
      ['/workflows/{id}', 'patch'],
      ['/workflows/{id}', 'delete'],
      ['/workflows/{id}/runs', 'get'],
      ['/workflows/{id}/runs/latest', 'get'],
      ['/workflows/{id}/runs/notify', 'post'],
      ['/workflows/{id}/stats', 'get'],
    ];
    for (const [path, method] of routes) {
      const op = doc.paths[path]?.[method];
      expect({ path, method, documented: Boolean(op?.summary) }).toEqual({ path, method, documented: true });
      expect(op.tags).toEqual(['registry']);
    }
    expect(doc.paths['/workflows'].post.requestBody.content['application/json'].examples.register.value.id).toBe('invoice-agent');
    expect(doc.paths['/workflows/{id}/runs/notify'].post.requestBody.content['application/json'].examples.completed.value.run_id).toEqual(expect.any(String));
    expect(doc.components.schemas.WorkflowDto.properties.last_run_id.example).toEqual(expect.any(String));
    expect(doc.components.schemas.WorkflowStatsDto).toBeDefined();
  });
});

import { describeDb, startTestApp, TestApp } from '../support/test-app';

const NIL = '00000000-0000-0000-0000-000000000000';

describeDb('runs over HTTP', () => {
  let t: TestApp;
  let auth: Record<string, string>;
  beforeAll(async () => {
    t = await startTestApp();
    auth = t.admin.header;
  });
  afterAll(() => t.close());

  const post = (body: unknown, path = '/runs') => t.http().post(path).set(auth).send(body as object);
  const count = async (wpk: string) => (await t.http().get('/runs').query({ wpk_id: wpk, page: 1 }).set(auth)).body.total as number;

  it('creates a run (201) and answers it in the API shape', async () => {
    const res = await post({
      wpk_id: 'wf-create',
      run_id: 'r1',
      status: 'completed',
      inputs: { q: 'hello' },
      outputs: [1, 2, 3],
      duration_ms: 1520,
      node_logs: [{ node: 'fetch', step: 1, custom_key: { kept: true } }],
      tags: ['prod'],
      metadata: { model: 'x' },
      started_at: '2026-01-15T10:00:00+02:00',
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      wpk_id: 'wf-create',
      run_id: 'r1',
      status: 'completed',
      inputs: { q: 'hello' },
      outputs: [1, 2, 3],
      duration_ms: 1520,
      node_logs: [{ node: 'fetch', step: 1, custom_key: { kept: true } }],
      tags: ['prod'],
      metadata: { model: 'x' },
      error: null,
      ended_at: null,
      started_at: '2026-01-15T08:00:00.000Z',
    });
    expect(res.body.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.body.created_at).toMatch(/Z$/);
    const got = await t.http().get(`/runs/${res.body.id}`).set(auth);
    expect(got.status).toBe(200);
    expect(got.body).toEqual(res.body);
  });

  it('is idempotent: the same run posted 5 times, sequentially and concurrently, is one row', async () => {
    const body = { wpk_id: 'wf-idem', run_id: 'same', status: 'completed', duration_ms: 10 };
    const first = await post(body);
    expect(first.status).toBe(201);
    for (let i = 0; i < 4; i++) expect((await post(body)).status).toBe(200);
    const concurrent = await Promise.all(Array.from({ length: 5 }, () => post({ ...body, run_id: 'conc' })));
    expect(concurrent.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 201]);
    expect(new Set(concurrent.map((r) => r.body.id)).size).toBe(1);
    expect(await count('wf-idem')).toBe(2);
  });

  it('merges a repeat: present fields replace, absent kept, node_logs replaced, created_at fixed', async () => {
    const a = await post({
      wpk_id: 'wf-merge',
      run_id: 'm1',
      status: 'running',
      inputs: { a: 1 },
      node_logs: [{ node: 'one' }, { node: 'two' }],
      tags: ['x'],
      created_at: '2026-01-01T00:00:00Z',
    });
    expect(a.status).toBe(201);
    expect(a.body.created_at).toBe('2026-01-01T00:00:00.000Z');
    const b = await post({
      wpk_id: 'wf-merge',
      run_id: 'm1',
      status: 'failed',
      error: 'boom',
      node_logs: [{ node: 'three' }],
      created_at: '2030-01-01T00:00:00Z',
    });
    expect(b.status).toBe(200);
    expect(b.body).toMatchObject({
      id: a.body.id,
      status: 'failed',
      error: 'boom',
      inputs: { a: 1 },
      tags: ['x'],
      node_logs: [{ node: 'three' }],
      created_at: '2026-01-01T00:00:00.000Z',
    });
    expect(Date.parse(b.body.updated_at)).toBeGreaterThanOrEqual(Date.parse(a.body.updated_at));
    // a stale "running" never overwrites a terminal status, but its other fields still merge
    const c = await post({ wpk_id: 'wf-merge', run_id: 'm1', status: 'running', duration_ms: 5 });
    expect(c.status).toBe(200);
    expect(c.body.status).toBe('failed');
    expect(c.body.duration_ms).toBe(5);
    // explicit null clears a field
    const d = await post({ wpk_id: 'wf-merge', run_id: 'm1', status: 'completed', error: null });
    expect(d.body).toMatchObject({ status: 'completed', error: null, duration_ms: 5 });
  });

  it('a merge need not carry status; creating a run does, naming status', async () => {
    for (const path of ['/runs', '/langgraph/hooks/log_run']) {
      const wpk = `wf-nostatus-${path.length}`;
      const created = await post({ wpk_id: wpk, run_id: 'r1', status: 'completed', outputs: { x: 1 }, duration_ms: 7 }, path);
      expect(created.status).toBe(201);
      const merged = await post({ wpk_id: wpk, run_id: 'r1', outputs: { x: 2 } }, path);
      expect([path, merged.status, merged.body]).toEqual([path, 200, expect.objectContaining({ status: 'completed', outputs: { x: 2 }, duration_ms: 7 })]);
      const unknown = await post({ wpk_id: wpk, run_id: 'r2', outputs: { x: 3 } }, path);
      expect([path, unknown.status, unknown.body.error?.code, unknown.body.error?.details]).toEqual([
        path, 400, 'VALIDATION_FAILED', [{ field: 'status', message: 'is required to create a run' }],
      ]);
      expect(await count(wpk)).toBe(1);
      const nullStatus = await post({ wpk_id: wpk, run_id: 'r1', status: null }, path);
      expect([nullStatus.status, nullStatus.body.error.details.map((d: { field: string }) => d.field)]).toEqual([400, ['status']]);
    }
  });

  it('a batch item without status updates a run an earlier item of the same batch created, and names status otherwise', async () => {
    const res = await post(
      {
        runs: [
          { wpk_id: 'wf-batch-ns', run_id: 'b0', outputs: { order: 0 } },
          { wpk_id: 'wf-batch-ns', run_id: 'b0', status: 'running' },
          { wpk_id: 'wf-batch-ns', run_id: 'b1', status: 'failed', error: 'x' },
          { wpk_id: 'wf-batch-ns', run_id: 'b1', outputs: { order: 3 } },
          { wpk_id: 'wf-batch-ns', run_id: 'b2', duration_ms: 5 },
        ],
      },
      '/runs/batch',
    );
    expect(res.status).toBe(200);
    expect(res.body.items.map((i: { result: string }) => i.result)).toEqual(['error', 'created', 'created', 'updated', 'error']);
    expect(res.body.items[0].error).toEqual({ code: 'VALIDATION_FAILED', message: 'invalid request: status', details: [{ field: 'status', message: 'is required to create a run' }] });
    expect(res.body.items[4].error.details).toEqual([{ field: 'status', message: 'is required to create a run' }]);
    const b0 = await t.http().get(`/runs/${res.body.items[1].id}`).set(auth);
    expect(b0.body).toMatchObject({ status: 'running', outputs: null });
    const b1 = await t.http().get(`/runs/${res.body.items[3].id}`).set(auth);
    expect(b1.body).toMatchObject({ status: 'failed', error: 'x', outputs: { order: 3 } });
    expect(await count('wf-batch-ns')).toBe(2);
  });

  it('documents status as required only where a run is created', async () => {
    const doc = (await t.http().get('/docs-json')).body;
    expect(doc.components.schemas.CreateRunDto.required.sort()).toEqual(['run_id', 'wpk_id']);
    expect(doc.components.schemas.NotifyRunDto.required).toEqual(['run_id']);
    expect(doc.components.schemas.CreateRunDto.properties.status.description).toMatch(/required to create a run/);
  });

  it('accepts the seed alias POST /langgraph/hooks/log_run with the same rules', async () => {
    const body = { wpk_id: 'wf-alias', run_id: 'a1', status: 'completed' };
    expect((await post(body, '/langgraph/hooks/log_run')).status).toBe(201);
    const again = await post(body, '/runs');
    expect(again.status).toBe(200);
  });

  it('answers only the reference with Prefer: return=minimal, on every run-write route', async () => {
    const minimal = (path: string, body: object, prefer = 'return=minimal') => t.http().post(path).set(auth).set('Prefer', prefer).send(body);
    const created = await minimal('/runs', { wpk_id: 'wf-prefer', run_id: 'r1', status: 'completed', inputs: { big: 'x'.repeat(500) } });
    expect(created.status).toBe(201);
    expect(created.headers['preference-applied']).toBe('return=minimal');
    expect(created.body).toEqual({ id: expect.any(String), wpk_id: 'wf-prefer', run_id: 'r1', status: 'completed' });
    // a stale `running` does not overwrite the terminal status: the answer carries the stored one
    const merged = await minimal('/runs', { wpk_id: 'wf-prefer', run_id: 'r1', status: 'running' }, 'respond-async, RETURN="Minimal"; x=1');
    expect([merged.status, merged.body]).toEqual([200, { id: created.body.id, wpk_id: 'wf-prefer', run_id: 'r1', status: 'completed' }]);
    const alias = await minimal('/langgraph/hooks/log_run', { wpk_id: 'wf-prefer', run_id: 'r2', status: 'failed' });
    expect([alias.status, Object.keys(alias.body).sort()]).toEqual([201, ['id', 'run_id', 'status', 'wpk_id']]);
    const notify = await minimal('/workflows/wf-prefer/runs/notify', { run_id: 'r3', status: 'running' });
    expect([notify.status, notify.headers['preference-applied'], notify.body.run_id, notify.body.inputs]).toEqual([201, 'return=minimal', 'r3', undefined]);
    const full = await minimal('/runs', { wpk_id: 'wf-prefer', run_id: 'r4', status: 'completed', inputs: { q: 1 } }, 'return=representation');
    expect([full.status, full.headers['preference-applied'], full.body.inputs]).toEqual([201, undefined, { q: 1 }]);
    expect((await t.http().get(`/runs/${created.body.id}`).set(auth)).body.inputs).toEqual({ big: 'x'.repeat(500) });
  });

  it('redacts configured secret keys at any depth, case-insensitively', async () => {
    const res = await post({
      wpk_id: 'wf-redact',
      run_id: 'r',
      status: 'completed',
      inputs: { API_KEY: 'sk-live', nested: [{ Password: 'p', ok: 1 }] },
      metadata: { token: 't' },
      node_logs: [{ node: 'n', inputs: { secret: 's' } }],
    });
    expect(res.body.inputs).toEqual({ API_KEY: '[REDACTED]', nested: [{ Password: '[REDACTED]', ok: 1 }] });
    expect(res.body.metadata).toEqual({ token: '[REDACTED]' });
    expect(res.body.node_logs[0].inputs).toEqual({ secret: '[REDACTED]' });
  });

  it('a batch stores each run exactly as a single POST /runs stores it, awkward JSON values included', async () => {
    const awkward = (runId: string) => [
      { run_id: `${runId}-0`, status: 'completed', inputs: 'a "quoted" string with \\ backslashes, {braces} and \u00e9\u{1F600}', outputs: 0, duration_ms: 7 },
      { run_id: `${runId}-1`, status: 'failed', error: 'line 1\nline "2"', inputs: [], outputs: null, metadata: { deep: { n: 1.5e-7, big: 12345678901234567890, list: [true, false, null] } } },
      { run_id: `${runId}-2`, status: 'running', inputs: { 'key with "quotes"': '{"looks":"like json"}' }, tags: ['prod', 'a,b', '{x}', 'prod'], started_at: '2026-01-15T10:00:00.123+05:30' },
      {
        run_id: `${runId}-3`, status: 'completed', duration_ms: 1500,
        node_logs: [
          { node: 'fe"tch', duration_ms: 12, status: 'completed', output: { s: '\\"' } },
          { node: 'parse, {x}', duration_ms: 0, status: 'failed', error: 'bad "input"' },
          { node: 'NULL', step: 3 },
        ],
      },
    ].map((r) => ({ wpk_id: 'wf-batch-shape', ...r }));
    const singles = [];
    for (const run of awkward('one')) singles.push(await post(run));
    const batch = await post({ runs: awkward('many') }, '/runs/batch');
    expect(batch.status).toBe(200);
    expect(batch.body).toMatchObject({ created: 4, failed: 0 });
    const strip = (run: Record<string, unknown>) => {
      const { id: _id, run_id: _run, created_at: _c, updated_at: _u, ...rest } = run;
      return rest;
    };
    for (let i = 0; i < singles.length; i++) {
      expect(singles[i].status).toBe(201);
      const fromBatch = await t.http().get(`/runs/${batch.body.items[i].id}`).set(auth);
      const single = await t.http().get(`/runs/${singles[i].body.id}`).set(auth);
      expect(fromBatch.body.run_id).toBe(`many-${i}`);
      expect(strip(fromBatch.body)).toEqual(strip(single.body));
    }
    // the node rows and tag rows the batch wrote match those of the single posts
    const insights = (await t.http().get('/workflows/wf-batch-shape/insights').set(auth)).body;
    const slow = Object.fromEntries(insights.slowest_nodes.map((n: { node: string; executions: number }) => [n.node, n.executions]));
    expect(slow).toEqual({ 'fe"tch': 2, 'parse, {x}': 2 });
    const failing = Object.fromEntries(insights.failing_nodes.map((n: { node: string; failures: number }) => [n.node, n.failures]));
    expect(failing).toEqual({ 'parse, {x}': 2 });
    const byTag = async (tag: string) => (await t.http().get('/runs').query({ wpk_id: 'wf-batch-shape', tag, page: 1 }).set(auth)).body.total;
    expect(await byTag('a,b')).toBe(2);
    expect(await byTag('{x}')).toBe(2);
    expect(await byTag('prod')).toBe(2);
  });

  it('stores a batch with mixed good and bad items on their own', async () => {
    const res = await post(
      {
        runs: [
          { wpk_id: 'wf-batch', run_id: 'b1', status: 'completed' },
          { wpk_id: 'wf-batch', run_id: 'b2', status: 'bogus' },
          { wpk_id: 'wf-batch', run_id: 'b3', status: 'failed', extra: 1 },
          'not an object',
          { wpk_id: 'wf-batch', run_id: 'b1', status: 'failed', error: 'later' },
          { wpk_id: 'wf-batch', run_id: 'b4', status: 'completed', inputs: { s: 'a\u0000b' } },
          { wpk_id: 'wf-batch', run_id: 'b5', status: 'completed', node_logs: [{ step: 1 }] },
        ],
      },
      '/runs/batch',
    );
    expect(res.status).toBe(200);
    expect(res.body.items.map((i: { result: string }) => i.result)).toEqual([
      'created',
      'error',
      'error',
      'error',
      'updated',
      'error',
      'error',
    ]);
    expect(res.body).toMatchObject({ created: 1, updated: 1, failed: 5 });
    expect(res.body.items[1].error.details[0].field).toBe('status');
    expect(res.body.items[2].error.details[0].field).toBe('extra');
    expect(res.body.items[5].error.details[0].field).toBe('inputs.s');
    expect(res.body.items[6].error.details[0].field).toBe('node_logs[0].node');
    expect(res.body.items[0].id).toBe(res.body.items[4].id);
    expect(await count('wf-batch')).toBe(1);
    const stored = await t.http().get(`/runs/${res.body.items[0].id}`).set(auth);
    expect(stored.body).toMatchObject({ status: 'failed', error: 'later' });
  });

  it('validates the batch envelope as a whole', async () => {
    for (const body of [{}, { runs: [] }, { runs: 'x' }, { runs: Array.from({ length: 1001 }, () => ({})) }, { runs: [], x: 1 }]) {
      const res = await post(body, '/runs/batch');
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
    }
  });

  it('GET /runs/:id: nil UUID is a 404 RUN_NOT_FOUND, a non-UUID a 400 naming id', async () => {
    const nil = await t.http().get(`/runs/${NIL}`).set(auth);
    expect(nil.status).toBe(404);
    expect(nil.body.error.code).toBe('RUN_NOT_FOUND');
    const bad = await t.http().get('/runs/not-a-uuid').set(auth);
    expect(bad.status).toBe(400);
    expect(bad.body.error.details).toEqual([{ field: 'id', message: 'must be a UUID' }]);
  });

  describe('listing', () => {
    beforeAll(async () => {
      const runs = [];
      for (let i = 0; i < 30; i++) {
        runs.push({
          wpk_id: i % 3 === 0 ? 'wf-list-a' : 'wf-list-b',
          run_id: `l${i}`,
          status: i % 5 === 0 ? 'failed' : 'completed',
          tags: i % 2 === 0 ? ['even'] : ['odd'],
          created_at: new Date(Date.UTC(2025, 0, 1, 0, i)).toISOString(),
        });
      }
      const res = await post({ runs }, '/runs/batch');
      expect(res.body.created).toBe(30);
    });

    it('filters by wpk_id, status, tag, since/until and run_id', async () => {
      const q = async (query: Record<string, string | number>) =>
        (await t.http().get('/runs').query({ limit: 200, ...query }).set(auth)).body.items as Array<Record<string, unknown>>;
      expect((await q({ wpk_id: 'wf-list-a' })).length).toBe(10);
      expect((await q({ wpk_id: 'wf-list-b', status: 'failed' })).length).toBe(4);
      expect((await q({ wpk_id: 'wf-list-a', tag: 'even' })).length).toBe(5);
      const window = await q({ since: '2025-01-01T00:10:00Z', until: '2025-01-01T00:20:00Z' });
      expect(window.map((r) => r.run_id)).toEqual(Array.from({ length: 10 }, (_, k) => `l${19 - k}`));
      const one = await q({ run_id: 'l7' });
      expect(one).toHaveLength(1);
      expect(one[0]).not.toHaveProperty('inputs');
      expect(one[0]).not.toHaveProperty('node_logs');
    });

    it('walks every run exactly once with cursors while runs keep arriving', async () => {
      const seen: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      for (;;) {
        const res = await t.http().get('/runs').query({ wpk_id: 'wf-list-b', limit: 3, ...(cursor ? { cursor } : {}) }).set(auth);
        expect(res.status).toBe(200);
        seen.push(...res.body.items.map((r: { run_id: string }) => r.run_id));
        // new runs arrive between pages
        await post({ wpk_id: 'wf-list-b', run_id: `late-${pages}`, status: 'completed' });
        pages++;
        if (!res.body.next_cursor) break;
        expect(res.body.next_cursor).toMatch(/^[A-Za-z0-9_-]+$/);
        cursor = res.body.next_cursor;
      }
      const original = seen.filter((id) => id.startsWith('l'));
      expect(new Set(seen).size).toBe(seen.length);
      expect(original.length).toBe(20);
      expect(pages).toBeGreaterThanOrEqual(7);
    });

    it("supports the seed's page paging with page and total", async () => {
      const res = await t.http().get('/runs').query({ wpk_id: 'wf-list-a', limit: 4, page: 3 }).set(auth);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ limit: 4, page: 3, total: 10, next_cursor: null });
      expect(res.body.items.map((r: { run_id: string }) => r.run_id)).toEqual(['l3', 'l0']);
    });

    it('rejects page with cursor, bad cursors, bad limits and bad dates, naming the field', async () => {
      const cases: Array<[Record<string, string>, string]> = [
        [{ page: '1', cursor: 'abc' }, 'page'],
        [{ cursor: 'not a cursor!' }, 'cursor'],
        [{ cursor: Buffer.from('["x"]').toString('base64url') }, 'cursor'],
        [{ limit: '0' }, 'limit'],
        [{ limit: '201' }, 'limit'],
        [{ limit: 'ten' }, 'limit'],
        [{ page: '0' }, 'page'],
        [{ since: 'yesterday' }, 'since'],
        [{ until: '2025-02-30T00:00:00Z' }, 'until'],
        [{ since: '2025-01-01T00:00:00' }, 'since'],
        [{ status: 'nope' }, 'status'],
        [{ bogus: '1' }, 'bogus'],
      ];
      for (const [query, field] of cases) {
        const res = await t.http().get('/runs').query(query).set(auth);
        expect({ query, status: res.status }).toEqual({ query, status: 400 });
        expect(res.body.error.code).toBe('VALIDATION_FAILED');
        expect(res.body.error.details.map((d: { field: string }) => d.field)).toContain(field);
      }
    });
  });

  describe('bad input: a 4xx naming the field, nothing stored', () => {
    const cases: Array<[string, Record<string, unknown>, string]> = [
      ['missing wpk_id', { run_id: 'x', status: 'completed' }, 'wpk_id'],
      ['empty run_id', { wpk_id: 'wf-bad', run_id: '', status: 'completed' }, 'run_id'],
      ['over-long run_id', { wpk_id: 'wf-bad', run_id: 'x'.repeat(201), status: 'completed' }, 'run_id'],
      ['unknown status', { wpk_id: 'wf-bad', run_id: 'x', status: 'done' }, 'status'],
      ['wrong type', { wpk_id: 42, run_id: 'x', status: 'completed' }, 'wpk_id'],
      ['negative duration', { wpk_id: 'wf-bad', run_id: 'x', status: 'completed', duration_ms: -1 }, 'duration_ms'],
      ['fractional duration', { wpk_id: 'wf-bad', run_id: 'x', status: 'completed', duration_ms: 1.5 }, 'duration_ms'],
      ['huge duration', { wpk_id: 'wf-bad', run_id: 'x', status: 'completed', duration_ms: 2 ** 31 }, 'duration_ms'],
      ['bad date', { wpk_id: 'wf-bad', run_id: 'x', status: 'completed', started_at: 'soon' }, 'started_at'],
      ['unknown field', { wpk_id: 'wf-bad', run_id: 'x', status: 'completed', stauts: 'x' }, 'stauts'],
      ['tags not strings', { wpk_id: 'wf-bad', run_id: 'x', status: 'completed', tags: [1] }, 'tags'],
      ['metadata not object', { wpk_id: 'wf-bad', run_id: 'x', status: 'completed', metadata: [1] }, 'metadata'],
      ['node log without node', { wpk_id: 'wf-bad', run_id: 'x', status: 'completed', node_logs: [{ node: 'a' }, { step: 1 }] }, 'node_logs[1].node'],
      ['node log bad step', { wpk_id: 'wf-bad', run_id: 'x', status: 'completed', node_logs: [{ node: 'a', step: 'one' }] }, 'node_logs[0].step'],
      ['node log long status', { wpk_id: 'wf-bad', run_id: 'x', status: 'completed', node_logs: [{ node: 'a', status: 'x'.repeat(33) }] }, 'node_logs[0].status'],
      ['NUL in a string', { wpk_id: 'wf-bad', run_id: 'x\u0000y', status: 'completed' }, 'run_id'],
      ['NUL deep in inputs', { wpk_id: 'wf-bad', run_id: 'x', status: 'completed', inputs: { a: [{ b: '\u0000' }] } }, 'inputs.a[0].b'],
      ['lone surrogate', { wpk_id: 'wf-bad', run_id: 'x', status: 'completed', outputs: { s: '\ud800' } }, 'outputs.s'],
      ['lone surrogate in a key', { wpk_id: 'wf-bad', run_id: 'x', status: 'completed', metadata: { ['\udc00']: 1 } }, 'metadata.\udc00'],
    ];
    it.each(cases)('%s', async (_name, body, field) => {
      const res = await post(body);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      expect(res.body.error.details.map((d: { field: string }) => d.field)).toContain(field);
      expect(res.body.request_id).toEqual(expect.any(String));
    });

    it('a wrong type answers only the type error, on every route that validates a body', async () => {
      const cases: Array<[string, Record<string, unknown>, string, string]> = [
        ['/runs', { wpk_id: 'wf-bad', run_id: 'x', status: 'completed', duration_ms: 'fast' }, 'duration_ms', 'duration_ms must be an integer number'],
        ['/runs', { wpk_id: 'wf-bad', run_id: 'x', status: 'completed', error: 5 }, 'error', 'error must be a string'],
        ['/runs', { wpk_id: 'wf-bad', run_id: 'x', status: 'completed', tags: [1] }, 'tags', 'each value in tags must be a string'],
        ['/runs', { wpk_id: ['wf-bad'], run_id: 'x', status: 'completed' }, 'wpk_id', 'wpk_id must be a string'],
        ['/workflows/wf-bad/runs/notify', { run_id: 'x', status: 'completed', duration_ms: 'fast' }, 'duration_ms', 'duration_ms must be an integer number'],
      ];
      for (const [path, body, field, message] of cases) {
        const res = await post(body, path);
        expect({ path, body, status: res.status, details: res.body.error?.details }).toEqual({ path, body, status: 400, details: [{ field, message }] });
      }
      const batch = await post({ runs: [{ wpk_id: 'wf-bad', run_id: 'x', status: 'completed', duration_ms: 'fast' }] }, '/runs/batch');
      expect(batch.body.items[0].error.details).toEqual([{ field: 'duration_ms', message: 'duration_ms must be an integer number' }]);
      // a value of the right type out of range still names its range
      const range = await post({ wpk_id: 'wf-bad', run_id: 'x', status: 'completed', duration_ms: -1 });
      expect(range.body.error.details).toEqual([{ field: 'duration_ms', message: 'duration_ms must not be less than 0' }]);
    });

    it('nothing from the bad requests was stored', async () => {
      expect(await count('wf-bad')).toBe(0);
    });

    it('malformed JSON is a 400 MALFORMED_JSON', async () => {
      const res = await t.http().post('/runs').set(auth).set('Content-Type', 'application/json').send('{"wpk_id": ');
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('MALFORMED_JSON');
    });

    it('a body over MAX_BODY_BYTES is a 413 PAYLOAD_TOO_LARGE; the batch route has its own limit', async () => {
      const big = { wpk_id: 'wf-bad', run_id: 'big', status: 'completed', inputs: { s: 'x'.repeat(1024 * 1024 + 10) } };
      const res = await post(big);
      expect(res.status).toBe(413);
      expect(res.body.error.code).toBe('PAYLOAD_TOO_LARGE');
      const batch = await post({ runs: [{ ...big, run_id: 'big-in-batch' }] }, '/runs/batch');
      expect(batch.status).toBe(200);
      expect(batch.body.created).toBe(1);
    });

    it('a JSON array or scalar body is a 4xx', async () => {
      const arr = await t.http().post('/runs').set(auth).set('Content-Type', 'application/json').send('[1,2]');
      expect(arr.status).toBe(400);
      const scalar = await t.http().post('/runs').set(auth).set('Content-Type', 'application/json').send('"x"');
      expect(scalar.status).toBe(400);
    });

    it('prototype keys are stored as data and do not pollute', async () => {
      const raw = '{"wpk_id":"wf-proto","run_id":"p","status":"completed","inputs":{"__proto__":{"polluted":1},"constructor":{"prototype":{"x":1}}}}';
      const res = await t.http().post('/runs').set(auth).set('Content-Type', 'application/json').send(raw);
      expect(res.status).toBe(201);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      const got = await t.http().get(`/runs/${res.body.id}`).set(auth);
      expect(Object.keys(got.body.inputs).sort()).toEqual(['__proto__', 'constructor']);
    });

    it('unknown routes are a JSON 404', async () => {
      const res = await t.http().get('/nope').set(auth);
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('ROUTE_NOT_FOUND');
    });

    it('a method a route does not serve is a JSON 405 with Allow; OPTIONS answers the Allow list', async () => {
      const del = await t.http().delete('/runs').set(auth);
      expect(del.status).toBe(405);
      expect(del.headers.allow).toBe('GET, HEAD, OPTIONS, POST');
      expect(del.body).toMatchObject({ error: { code: 'METHOD_NOT_ALLOWED', details: { allowed: ['GET', 'HEAD', 'OPTIONS', 'POST'] } }, request_id: expect.any(String) });
      const put = await t.http().put('/runs/00000000-0000-0000-0000-000000000000').set(auth).send({});
      expect([put.status, put.headers.allow]).toEqual([405, 'GET, HEAD, OPTIONS']);
      const patch = await t.http().patch('/docs-json');
      expect([patch.status, patch.headers.allow]).toEqual([405, 'GET, HEAD, OPTIONS']);
      const options = await t.http().options('/workflows/wf-x');
      expect([options.status, options.headers.allow, options.text]).toEqual([204, 'DELETE, GET, HEAD, OPTIONS, PATCH', '']);
      expect((await t.http().delete('/nope/deeper').set(auth)).status).toBe(404);
    });
  });

  describe('operations', () => {
    it('echoes a given X-Request-Id and makes one otherwise', async () => {
      const given = await t.http().get('/health').set('X-Request-Id', 'abc-123');
      expect(given.headers['x-request-id']).toBe('abc-123');
      const made = await t.http().get('/runs/not-a-uuid').set(auth);
      expect(made.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
      expect(made.body.request_id).toBe(made.headers['x-request-id']);
    });

    it('GET /health is 200 with the database up', async () => {
      const res = await t.http().get('/health');
      expect(res.status).toBe(200);
      expect(res.body.checks.database.status).toBe('up');
    });

    it('GET /metrics exports HTTP and ingest metrics with bounded labels', async () => {
      const res = await t.http().get('/metrics');
      expect(res.status).toBe(200);
      expect(res.text).toMatch(/neuralops_http_requests_total\{method="POST",route="\/runs",status="201"\} \d+/);
      expect(res.text).toMatch(/neuralops_runs_ingested_total\{status="completed",result="created"\} \d+/);
      expect(res.text).toContain('neuralops_http_request_duration_seconds_bucket');
      expect(res.text).not.toMatch(/route="\/runs\/[0-9a-f]{8}/);
    });

    it('serves Swagger UI and the OpenAPI document with the API-key schemes', async () => {
      const ui = await t.http().get('/docs');
      expect(ui.status).toBe(200);
      expect(ui.text).toContain('swagger');
      const doc = await t.http().get('/docs-json');
      expect(doc.status).toBe(200);
      expect(Object.keys(doc.body.components.securitySchemes).sort()).toEqual(['api-key', 'bearer']);
      for (const path of ['/runs', '/runs/batch', '/runs/{id}', '/langgraph/hooks/log_run', '/api-keys', '/api-keys/{id}', '/health']) {
        expect(doc.body.paths).toHaveProperty([path]);
      }
    });
  });
});

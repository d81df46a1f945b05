import { EmbeddingWorker } from '../../src/modules/similarity/embedding.worker';
import { RunsService } from '../../src/modules/runs/runs.service';
import { familyRuns } from '../support/similar-fixtures';
import { describeDb, startTestApp, TestApp } from '../support/test-app';

const NIL = '00000000-0000-0000-0000-000000000000';

describeDb('similar runs over HTTP (local embedder, embedded store)', () => {
  let t: TestApp;
  let auth: Record<string, string>;
  let worker: EmbeddingWorker;
  const ids = new Map<string, { id: string; family: string }>();

  beforeAll(async () => {
    // The timer is slowed down so each test decides when the worker runs.
    t = await startTestApp({ env: { EMBEDDING_WORKER_INTERVAL_MS: '3600000', RUN_RETENTION_DAYS: '30' } });
    auth = t.admin.header;
    worker = t.app.get(EmbeddingWorker);
    for (const { family, body } of familyRuns(5)) {
      const res = await t.http().post('/runs').set(auth).send(body);
      expect(res.status).toBe(201);
      ids.set(String(body.run_id), { id: res.body.id, family });
    }
  });
  afterAll(() => t.close());

  const similar = (id: string, query: Record<string, unknown> = {}) => t.http().get(`/runs/${id}/similar`).query(query).set(auth);
  const familyOf = (runId: string) => [...ids.values()].find((v) => v.id === runId)?.family;

  it('answers 409 EMBEDDING_PENDING until the worker has embedded the run, and shows the backlog', async () => {
    const { id } = ids.get('fam-timeout-0')!;
    const res = await similar(id);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('EMBEDDING_PENDING');
    const metrics = await t.http().get('/metrics');
    expect(metrics.text).toMatch(/^neuralops_embedding_backlog 20$/m);
    const drained = await worker.drainAll();
    expect(drained).toMatchObject({ embedded: 20, failed: 0 });
    expect((await t.http().get('/metrics')).text).toMatch(/^neuralops_embedding_backlog 0$/m);
  });

  it('ranks each run’s own family first (top 3), excludes the run itself, in the documented shape', async () => {
    for (const [runId, { id, family }] of ids) {
      const res = await similar(id, { k: 3 });
      expect(res.status).toBe(200);
      expect(res.body.items).toHaveLength(3);
      expect({ runId, families: res.body.items.map((i: { run: { id: string } }) => familyOf(i.run.id)) }).toEqual({ runId, families: [family, family, family] });
      expect(res.body.items.map((i: { run: { id: string } }) => i.run.id)).not.toContain(id);
    }
    const res = await similar(ids.get('fam-auth-1')!.id, { k: 2 });
    const first = res.body.items[0];
    expect(Object.keys(first).sort()).toEqual(['run', 'score']);
    expect(Object.keys(first.run).sort()).toEqual(['created_at', 'error', 'id', 'run_id', 'status', 'wpk_id']);
    expect(first.run).toMatchObject({ wpk_id: 'invoice-agent', status: 'failed', error: expect.stringContaining('401 Unauthorized') });
    expect(first.score).toBeGreaterThan(0.5);
    expect(first.score).toBeLessThanOrEqual(1);
    expect(res.body.items[0].score).toBeGreaterThanOrEqual(res.body.items[1].score);
  });

  it('filters by workflow, status and since before ranking', async () => {
    const { id } = ids.get('fam-timeout-0')!;
    const other = await similar(id, { k: 100, wpk_id: 'support-bot' });
    expect(other.status).toBe(200);
    expect(other.body.items).toHaveLength(10);
    expect(other.body.items.every((i: { run: { wpk_id: string } }) => i.run.wpk_id === 'support-bot')).toBe(true);
    expect((await similar(id, { status: 'completed' })).body.items).toEqual([]);
    const since = await similar(id, { k: 100, since: '2026-01-13T00:00:00Z' });
    expect(since.body.items.length).toBe(8);
    expect(since.body.items.every((i: { run: { created_at: string } }) => i.run.created_at >= '2026-01-13')).toBe(true);
  });

  it('searches free text with the same answer shape', async () => {
    const res = await t.http().post('/runs/search').set(auth).send({ query: 'quota exceeded 429 rate limit call_llm', k: 5 });
    expect(res.status).toBe(200);
    expect(res.body.items).toHaveLength(5);
    expect(res.body.items.map((i: { run: { id: string } }) => familyOf(i.run.id))).toEqual(Array(5).fill('ratelimit'));
    const filtered = await t.http().post('/runs/search').set(auth).send({ query: 'timeout', k: 3, wpk_id: 'support-bot', status: 'failed', since: '2026-01-01T00:00:00Z' });
    expect(filtered.status).toBe(200);
    expect(filtered.body.items.every((i: { run: { wpk_id: string } }) => i.run.wpk_id === 'support-bot')).toBe(true);
  });

  it('validates, naming the fields; 404 for an unknown run', async () => {
    const { id } = ids.get('fam-timeout-0')!;
    for (const k of ['0', '101', 'x']) {
      const res = await similar(id, { k });
      expect(res.status).toBe(400);
      expect(res.body.error.details.map((d: { field: string }) => d.field)).toContain('k');
    }
    const bad = await similar(id, { status: 'nope', since: 'yesterday', extra: '1' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('VALIDATION_FAILED');
    expect((await t.http().get('/runs/not-a-uuid/similar').set(auth)).body.error.details).toEqual([{ field: 'id', message: 'must be a UUID' }]);
    const unknown = await similar(NIL);
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('RUN_NOT_FOUND');
    const search = await t.http().post('/runs/search').set(auth).send({ k: 500, query: '' });
    expect(search.status).toBe(400);
    expect(search.body.error.details.map((d: { field: string }) => d.field).sort()).toEqual(['k', 'query']);
  });

  it('re-embeds a run re-posted with new content, and leaves an unchanged repeat alone', async () => {
    const same = familyRuns(5).find((r) => r.body.run_id === 'fam-schema-2')!.body;
    expect((await t.http().post('/runs').set(auth).send(same)).status).toBe(200);
    expect((await worker.drainOnce()).claimed).toBe(0);
    // The run now fails like the timeout family.
    const moved = { ...same, error: 'TimeoutError: upstream OCR service did not answer within 30s', node_logs: [{ node: 'start', status: 'completed' }, { node: 'parse_invoice', status: 'failed', error: 'TimeoutError: upstream OCR service did not answer within 30s' }] };
    expect((await t.http().post('/runs').set(auth).send(moved)).status).toBe(200);
    expect(await worker.drainAll()).toMatchObject({ embedded: 1 });
    const res = await similar(ids.get('fam-schema-2')!.id, { k: 3 });
    expect(res.body.items.map((i: { run: { id: string } }) => familyOf(i.run.id))).toEqual(['timeout', 'timeout', 'timeout']);
  });

  it('drops purged runs: their vectors go with them', async () => {
    const runs = t.app.get(RunsService);
    const old: Record<string, unknown> = { ...familyRuns(1, 'old')[0].body, created_at: '2020-01-01T00:00:00Z' };
    const created = await t.http().post('/runs').set(auth).send(old);
    await worker.drainAll();
    const probe = await t.http().post('/runs/search').set(auth).send({ query: String(old.error), k: 100 });
    expect(probe.body.items.map((i: { run: { id: string } }) => i.run.id)).toContain(created.body.id);
    // RUN_RETENTION_DAYS=30 at 2026-01-30 purges the 2020 run and keeps the January 2026 fixtures.
    const deleted = await runs.purgeExpired(new Date('2026-01-30T00:00:00Z'));
    expect(deleted).toBe(1);
    expect(await worker.drainAll()).toMatchObject({ purged: 1 });
    const after = await t.http().post('/runs/search').set(auth).send({ query: String(old.error), k: 100 });
    expect(after.body.items.map((i: { run: { id: string } }) => i.run.id)).not.toContain(created.body.id);
  });

  it('lists the embedder and the vector store in /health without changing its status', async () => {
    const res = await t.http().get('/health');
    expect(res.status).toBe(200);
    expect(res.body.checks.embedder).toMatchObject({ status: 'up', required: false, embedder: 'local', model: 'hash-ngram-v1', dimensions: 256 });
    expect(res.body.checks.vector_store).toMatchObject({ status: 'up', required: false, store: 'embedded' });
  });
});

describeDb('similar runs with the worker on its timer', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('makes a new run searchable within 5 s on the embedded default', async () => {
    const started = Date.now();
    const res = await t.http().post('/runs').set(t.admin.header).send({ wpk_id: 'wf-timer', run_id: 'r1', status: 'failed', error: 'boom' });
    expect(res.status).toBe(201);
    await t.http().post('/runs').set(t.admin.header).send({ wpk_id: 'wf-timer', run_id: 'r2', status: 'failed', error: 'boom again' });
    let status = 0;
    while (Date.now() - started < 5000) {
      const similar = await t.http().get(`/runs/${res.body.id}/similar`).set(t.admin.header);
      status = similar.status;
      if (status === 200) {
        expect(similar.body.items.map((i: { run: { run_id: string } }) => i.run.run_id)).toEqual(['r2']);
        break;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(status).toBe(200);
  });
});

describeDb('similar runs switched off', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { EMBEDDINGS_ENABLED: 'false' } });
  });
  afterAll(() => t.close());

  it('serves no similar routes, still ingests, and says so in /health', async () => {
    const res = await t.http().post('/runs').set(t.admin.header).send({ wpk_id: 'wf-off', run_id: 'r1', status: 'completed' });
    expect(res.status).toBe(201);
    expect((await t.http().get(`/runs/${res.body.id}/similar`).set(t.admin.header)).status).toBe(404);
    const health = await t.http().get('/health');
    expect(health.status).toBe(200);
    expect(health.body.checks.embedder).toMatchObject({ status: 'disabled', required: false });
    expect(health.body.checks.vector_store).toMatchObject({ status: 'disabled', required: false });
  });
});

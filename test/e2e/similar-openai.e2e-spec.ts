import { EmbeddingWorker } from '../../src/modules/similarity/embedding.worker';
import { OpenAiEmbedder } from '../../src/modules/similarity/embedders/openai.embedder';
import { FakeOpenAi } from '../support/fake-openai';
import { familyRuns } from '../support/similar-fixtures';
import { describeDb, startTestApp, TestApp } from '../support/test-app';

const later = (minutes: number) => new Date(Date.now() + minutes * 60_000);
const backlog = async (t: TestApp) => Number(/^neuralops_embedding_backlog (\d+)$/m.exec((await t.http().get('/metrics')).text)?.[1]);

describeDb('similar runs with an OpenAI-compatible embedder', () => {
  let fake: FakeOpenAi;
  let t: TestApp & { databaseUrl?: string };
  let worker: EmbeddingWorker;
  const byRunId = new Map<string, { id: string; family: string }>();
  const env = (extra: Record<string, string> = {}) => ({
    OPENAI_API_KEY: 'sk-test-not-a-real-key',
    OPENAI_BASE_URL: fake.url,
    EMBEDDING_MODEL: 'text-embedding-3-small',
    EMBEDDING_DIMENSIONS: '64',
    EMBEDDING_WORKER_INTERVAL_MS: '3600000',
    ...extra,
  });

  beforeAll(async () => {
    fake = await new FakeOpenAi().start();
    t = await startTestApp({ env: env() });
    worker = t.app.get(EmbeddingWorker);
  });
  afterAll(async () => {
    await t.close();
    await fake.close();
  });

  const post = (body: Record<string, unknown>) => t.http().post('/runs').set(t.admin.header).send(body);
  const familyOf = (id: string) => [...byRunId.values()].find((v) => v.id === id)?.family;

  it('embeds in batches through the SDK (float answers), and ranks families', async () => {
    for (const { family, body } of familyRuns(4, 'oa')) {
      const res = await post(body);
      expect(res.status).toBe(201);
      byRunId.set(String(body.run_id), { id: res.body.id, family });
    }
    expect(fake.requests).toHaveLength(0);
    expect(await worker.drainAll()).toMatchObject({ embedded: 16, failed: 0 });
    expect(fake.requests).toHaveLength(1);
    expect(fake.requests[0]).toMatchObject({ model: 'text-embedding-3-small', encoding_format: 'float', dimensions: 64, authorization: 'Bearer sk-test-not-a-real-key' });
    expect(fake.requests[0].input).toHaveLength(16);
    expect(fake.requests[0].input).toContainEqual(expect.stringMatching(/^workflow: invoice-agent\nstatus: failed\nerror: TimeoutError/));
    for (const { id, family } of byRunId.values()) {
      const res = await t.http().get(`/runs/${id}/similar`).query({ k: 3 }).set(t.admin.header);
      expect(res.status).toBe(200);
      expect(res.body.items.map((i: { run: { id: string } }) => familyOf(i.run.id))).toEqual([family, family, family]);
    }
    const search = await t.http().post('/runs/search').set(t.admin.header).send({ query: 'token expired 401 Unauthorized', k: 2 });
    expect(search.status).toBe(200);
    expect(search.body.items.map((i: { run: { id: string } }) => familyOf(i.run.id))).toEqual(['auth', 'auth']);
    const health = await t.http().get('/health');
    expect(health.body.checks.embedder).toMatchObject({ status: 'up', embedder: 'openai', model: 'text-embedding-3-small', dimensions: 64 });
    expect(JSON.stringify(health.body)).not.toContain('sk-test');
  });

  it('rides out a 429 with Retry-After inside one pass', async () => {
    fake.failNext({ status: 429, headers: { 'retry-after-ms': '20' } });
    const before = fake.requests.length;
    expect((await post({ wpk_id: 'wf-429', run_id: 'r1', status: 'failed', error: 'x' })).status).toBe(201);
    expect(await worker.drainAll()).toMatchObject({ embedded: 1, retried: 0 });
    expect(fake.requests.length - before).toBe(2);
  });

  it('keeps ingesting while the embedder is down; the backlog grows, then drains on recovery', async () => {
    fake.down(500);
    for (let i = 0; i < 3; i++) expect((await post({ wpk_id: 'wf-down', run_id: `d${i}`, status: 'failed', error: 'disk full' })).status).toBe(201);
    expect(await worker.drainOnce()).toMatchObject({ claimed: 3, embedded: 0, retried: 3, failed: 0 });
    expect(await backlog(t)).toBe(3);
    const health = await t.http().get('/health');
    expect(health.status).toBe(200);
    expect(health.body.checks.embedder).toMatchObject({ status: 'degraded', detail: expect.stringContaining('HTTP 500') });
    expect((await post({ wpk_id: 'wf-down', run_id: 'd3', status: 'failed', error: 'disk full' })).status).toBe(201);
    expect(await backlog(t)).toBe(4);
    // Outages never mark a run failed, however often they are retried.
    for (let i = 1; i <= 6; i++) await worker.drainOnce(later(i * 2));
    expect(await backlog(t)).toBe(4);
    fake.up();
    expect(await worker.drainAll(later(30))).toMatchObject({ embedded: 4, failed: 0 });
    expect(await backlog(t)).toBe(0);
    expect((await t.http().get('/health')).body.checks.embedder.status).toBe('up');
  });

  it('marks a run EMBEDDING_FAILED with the last error after repeated input errors', async () => {
    fake.refuse((text) => text.includes('poison'));
    const res = await post({ wpk_id: 'wf-poison', run_id: 'p1', status: 'failed', error: 'poison pill' });
    for (let i = 1; i <= 5; i++) await worker.drainOnce(later(10 * i));
    fake.refuse(undefined);
    const similar = await t.http().get(`/runs/${res.body.id}/similar`).set(t.admin.header);
    expect(similar.status).toBe(409);
    expect(similar.body.error.code).toBe('EMBEDDING_FAILED');
    expect(similar.body.error.message).toContain('maximum context length');
    expect(similar.body.error.details).toMatchObject({ attempts: 5, last_error: expect.stringContaining('HTTP 400') });
    expect((await t.http().get('/metrics')).text).toMatch(/^neuralops_embedding_failed_runs 1$/m);
  });

  it('retries a failed run through the API once the provider is fixed (admin only)', async () => {
    fake.refuse((text) => text.includes('brittle'));
    const a = (await post({ wpk_id: 'wf-retry', run_id: 'a', status: 'failed', error: 'brittle parser' })).body.id;
    const b = (await post({ wpk_id: 'wf-retry', run_id: 'b', status: 'failed', error: 'brittle fetcher' })).body.id;
    for (let i = 1; i <= 5; i++) await worker.drainOnce(later(10 * i));
    expect((await t.http().get(`/runs/${a}/similar`).set(t.admin.header)).body.error.code).toBe('EMBEDDING_FAILED');
    fake.refuse(undefined);

    const reader = (await t.http().post('/api-keys').set(t.admin.header).send({ name: 'retry-reader', role: 'read' })).body.key;
    const ingest = (await t.http().post('/api-keys').set(t.admin.header).send({ name: 'retry-ingest', role: 'ingest' })).body.key;
    for (const key of [reader, ingest]) {
      expect((await t.http().post(`/runs/${a}/embedding/retry`).set('X-API-Key', key)).status).toBe(403);
      expect((await t.http().post('/embeddings/retry').set('X-API-Key', key)).status).toBe(403);
    }
    expect((await t.http().post('/runs/00000000-0000-0000-0000-000000000000/embedding/retry').set(t.admin.header)).body.error.code).toBe('RUN_NOT_FOUND');

    const one = await t.http().post(`/runs/${a}/embedding/retry`).set(t.admin.header);
    expect([one.status, one.body]).toEqual([200, { run_id: a, state: 'pending', requeued: true }]);
    const again = await t.http().post(`/runs/${a}/embedding/retry`).set(t.admin.header);
    expect(again.body).toEqual({ run_id: a, state: 'pending', requeued: false });
    const pending = await t.http().get(`/runs/${a}/similar`).set(t.admin.header);
    expect(pending.body.error.code).toBe('EMBEDDING_PENDING');
    await worker.drainAll(later(60));
    expect((await t.http().get(`/runs/${a}/similar`).set(t.admin.header)).status).toBe(200);
    expect((await t.http().post(`/runs/${a}/embedding/retry`).set(t.admin.header)).body).toEqual({ run_id: a, state: 'done', requeued: false });

    // every failed run at once: b, and the poison pill of an earlier test
    const all = await t.http().post('/embeddings/retry').set(t.admin.header);
    expect([all.status, all.body]).toEqual([200, { requeued: 2 }]);
    await worker.drainAll(later(60));
    expect((await t.http().get(`/runs/${b}/similar`).set(t.admin.header)).status).toBe(200);
    expect((await t.http().get('/metrics')).text).toMatch(/^neuralops_embedding_failed_runs 0$/m);
    expect((await t.http().post('/embeddings/retry').set(t.admin.header)).body).toEqual({ requeued: 0 });
  });

  it('requeues a failed run when a write changes its document', async () => {
    fake.refuse((text) => text.includes('fragile'));
    const id = (await post({ wpk_id: 'wf-rewrite', run_id: 'r', status: 'failed', error: 'fragile step' })).body.id;
    for (let i = 1; i <= 5; i++) await worker.drainOnce(later(10 * i));
    expect((await t.http().get(`/runs/${id}/similar`).set(t.admin.header)).body.error.code).toBe('EMBEDDING_FAILED');
    // the same document again changes nothing
    await post({ wpk_id: 'wf-rewrite', run_id: 'r', status: 'failed', error: 'fragile step' });
    expect((await t.http().get(`/runs/${id}/similar`).set(t.admin.header)).body.error.code).toBe('EMBEDDING_FAILED');
    await post({ wpk_id: 'wf-rewrite', run_id: 'r', status: 'completed' });
    expect((await t.http().get(`/runs/${id}/similar`).set(t.admin.header)).body.error.code).toBe('EMBEDDING_PENDING');
    await worker.drainAll(later(60));
    expect((await t.http().get(`/runs/${id}/similar`).set(t.admin.header)).status).toBe(200);
    fake.refuse(undefined);
  });

  it('re-embeds in the background after a model change, and searches only the new model’s vectors', async () => {
    const { id } = byRunId.get('oa-timeout-0')!;
    await t.app.close();
    t = await startTestApp({ env: env({ EMBEDDING_MODEL: 'text-embedding-3-large' }), reuse: { dataDir: t.dataDir, databaseUrl: t.databaseUrl, release: t.release } });
    worker = t.app.get(EmbeddingWorker);
    const before = await t.http().get(`/runs/${id}/similar`).set(t.admin.header);
    expect(before.status).toBe(409);
    expect(before.body.error.code).toBe('EMBEDDING_PENDING');
    const search = await t.http().post('/runs/search').set(t.admin.header).send({ query: 'timeout', k: 5 });
    expect(search.body).toEqual({ items: [] });
    const requests = fake.requests.length;
    await worker.drainAll();
    expect(fake.requests.slice(requests).every((r) => r.model === 'text-embedding-3-large')).toBe(true);
    const after = await t.http().get(`/runs/${id}/similar`).query({ k: 3 }).set(t.admin.header);
    expect(after.status).toBe(200);
    expect(after.body.items.map((i: { run: { id: string } }) => familyOf(i.run.id))).toEqual(['timeout', 'timeout', 'timeout']);
  });
});

describeDb('EMBED_INPUTS_OUTPUTS=false', () => {
  it('sends no inputs or outputs to a remote embedder', async () => {
    const fake = await new FakeOpenAi().start();
    const t = await startTestApp({ env: { OPENAI_API_KEY: 'k', OPENAI_BASE_URL: fake.url, EMBED_INPUTS_OUTPUTS: 'false', EMBEDDING_DIMENSIONS: '32', EMBEDDING_WORKER_INTERVAL_MS: '3600000' } });
    try {
      await t.http().post('/runs').set(t.admin.header).send({ wpk_id: 'wf-private', run_id: 'r1', status: 'completed', inputs: { customer: 'ACME-SECRET' }, outputs: { iban: 'DE00' } });
      await t.app.get(EmbeddingWorker).drainAll();
      expect(fake.requests).toHaveLength(1);
      expect(fake.requests[0].input).toEqual(['workflow: wf-private\nstatus: completed']);
    } finally {
      await t.close();
      await fake.close();
    }
  });
});

describeDb('OpenAI-compatible model of unknown size', () => {
  it('asks once for the size (no retries), then embeds at it', async () => {
    const fake = await new FakeOpenAi({ dimensions: 48 }).start();
    try {
      const embedder = new OpenAiEmbedder({ apiKey: 'k', baseUrl: fake.url, model: 'nomic-embed-text', maxRetries: 2 });
      fake.failNext({ status: 500 });
      await expect(embedder.dimensions()).rejects.toThrow(/HTTP 500/);
      expect(fake.requests).toHaveLength(1);
      expect(await embedder.dimensions()).toBe(48);
      expect(await embedder.dimensions()).toBe(48);
      expect(fake.requests).toHaveLength(2);
      expect(fake.requests[1]).toMatchObject({ model: 'nomic-embed-text', dimensions: undefined });
      const [v] = await embedder.embed([{ text: 'hello world', sections: [] }]);
      expect(v).toHaveLength(48);
      expect(v.reduce((s, x) => s + x * x, 0)).toBeCloseTo(1, 5);
    } finally {
      await fake.close();
    }
  });
});

describeDb('OpenAI-compatible servers that ignore encoding_format or dimensions', () => {
  const doc = (text: string) => ({ text, sections: [] });

  it('a server answering float arrays whatever was asked (Ollama) gives whole vectors, of a known or an unknown size', async () => {
    const fake = await new FakeOpenAi({ ignoreEncodingFormat: true, dimensions: 64 }).start();
    try {
      for (const options of [{ model: 'nomic-embed-text' }, { model: 'nomic-embed-text', dimensions: 64 }]) {
        const embedder = new OpenAiEmbedder({ apiKey: 'k', baseUrl: fake.url, maxRetries: 0, ...options });
        expect(await embedder.dimensions()).toBe(64);
        const [a, b, c] = await embedder.embed([doc('timeout calling the OCR service'), doc('timeout calling the OCR service again'), doc('401 token expired')]);
        expect([a.length, b.length, c.length]).toEqual([64, 64, 64]);
        const dot = (x: Float32Array, y: Float32Array) => x.reduce((s, v, i) => s + v * y[i], 0);
        expect(dot(a, b)).toBeGreaterThan(dot(a, c));
        expect(dot(a, b)).toBeGreaterThan(0.5);
      }
      expect(fake.requests.every((r) => r.encoding_format === 'float')).toBe(true);
    } finally {
      await fake.close();
    }
  });

  it('fails the batch with a clear error when a vector has another size than EMBEDDING_DIMENSIONS', async () => {
    const fake = await new FakeOpenAi({ ignoreDimensions: true, dimensions: 48 }).start();
    try {
      const embedder = new OpenAiEmbedder({ apiKey: 'k', baseUrl: fake.url, model: 'nomic-embed-text', dimensions: 64, maxRetries: 0 });
      const failure = embedder.embed([doc('a'), doc('b')]);
      await expect(failure).rejects.toThrow('embeddings from nomic-embed-text have 48 dimensions, expected 64 (EMBEDDING_DIMENSIONS); is the server ignoring the requested dimensions?');
      await expect(failure).rejects.toMatchObject({ transient: false });
    } finally {
      await fake.close();
    }
  });

  it('fails the batch when vectors disagree with the first size seen', async () => {
    let size = 32;
    const fake = await new FakeOpenAi({ embed: (text) => Array.from({ length: text === 'odd' ? 24 : size }, (_, i) => (i === 0 ? 1 : 0)) }).start();
    try {
      const embedder = new OpenAiEmbedder({ apiKey: 'k', baseUrl: fake.url, model: 'some-model', maxRetries: 0 });
      await expect(embedder.embed([doc('x'), doc('odd')])).rejects.toThrow('embeddings from some-model have 24 dimensions, expected 32 (the first vector seen)');
      expect((await embedder.embed([doc('x')]))[0]).toHaveLength(32);
      size = 40;
      await expect(embedder.embed([doc('x')])).rejects.toThrow('have 40 dimensions, expected 32 (the first vector seen)');
    } finally {
      await fake.close();
    }
  });

  it('the worker marks the runs of such a batch failed with that error, and /health shows it', async () => {
    const fake = await new FakeOpenAi({ ignoreDimensions: true, dimensions: 48 }).start();
    const t = await startTestApp({ env: { OPENAI_API_KEY: 'k', OPENAI_BASE_URL: fake.url, EMBEDDING_MODEL: 'nomic-embed-text', EMBEDDING_DIMENSIONS: '64', EMBEDDING_WORKER_INTERVAL_MS: '3600000' } });
    try {
      const worker = t.app.get(EmbeddingWorker);
      const run = await t.http().post('/runs').set(t.admin.header).send({ wpk_id: 'wf-dims', run_id: 'r1', status: 'failed', error: 'x' });
      for (let i = 1; i <= 5; i++) await worker.drainOnce(later(10 * i));
      const similar = await t.http().get(`/runs/${run.body.id}/similar`).set(t.admin.header);
      expect(similar.status).toBe(409);
      expect(similar.body.error).toMatchObject({ code: 'EMBEDDING_FAILED', message: expect.stringContaining('have 48 dimensions, expected 64') });
      expect((await t.http().get('/health')).body.checks.embedder).toMatchObject({ status: 'degraded', detail: expect.stringContaining('expected 64') });
    } finally {
      await t.close();
      await fake.close();
    }
  });
});

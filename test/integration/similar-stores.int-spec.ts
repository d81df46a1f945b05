// The SDK's bulk writer pulls an ESM-only parquet stack that Jest on Node 20 cannot require; unused here.
jest.mock('@shanghaikid/parquetjs', () => ({}));

import { Database } from '../../src/database/database.service';
import { embeddingKey } from '../../src/modules/similarity/domain/embedding-state';
import { hashEmbed, HASH_DIMENSIONS } from '../../src/modules/similarity/domain/hash-embedding';
import { buildRunDocument } from '../../src/modules/similarity/domain/run-document';
import { PARALLEL_MIN_ROWS } from '../../src/modules/similarity/domain/quantised-matrix';
import { ScanPool } from '../../src/modules/similarity/domain/scan-pool';
import { RunEmbeddingsRepository } from '../../src/modules/similarity/run-embeddings.repository';
import { EmbeddedVectorStore } from '../../src/modules/similarity/stores/embedded.vector-store';
import { MilvusSchemaError, MilvusVectorStore } from '../../src/modules/similarity/stores/milvus.vector-store';
import { VectorItem, VectorStore } from '../../src/modules/similarity/stores/vector-store';
import { FakeMilvus } from '../support/fake-milvus';
import { familyRuns } from '../support/similar-fixtures';
import { describeDb, startTestApp, TestApp } from '../support/test-app';

const KEY = embeddingKey('local', 'hash-ngram-v1', HASH_DIMENSIONS);
const OTHER_KEY = embeddingKey('openai', 'other', HASH_DIMENSIONS);

/** The family fixtures as vector items with fixed ids. */
function items(): Array<VectorItem & { family: string }> {
  return familyRuns(5, 'c').map(({ family, body }, i) => ({
    family,
    runId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    wpkId: String(body.wpk_id),
    status: String(body.status),
    runCreatedAt: new Date(String(body.created_at)),
    embeddingKey: KEY,
    contentHash: `h${i}`,
    vector: hashEmbed(buildRunDocument(body as never, { includeInputsOutputs: true })),
  }));
}

describeDb('vector store contract: embedded and Milvus give the same neighbours', () => {
  let t: TestApp;
  let milvus: FakeMilvus;
  const stores: Record<string, VectorStore> = {};
  const data = items();
  const familyOf = (id: string) => data.find((d) => d.runId === id)?.family;

  beforeAll(async () => {
    milvus = await new FakeMilvus().start();
    t = await startTestApp({ env: { EMBEDDINGS_ENABLED: 'false' } });
    stores.embedded = new EmbeddedVectorStore(new RunEmbeddingsRepository(t.app.get(Database)));
    stores.milvus = new MilvusVectorStore({ address: milvus.address, token: 'root:Milvus', collection: 'contract_runs', timeoutMs: 3000 });
    for (const store of Object.values(stores)) {
      await store.prepare(HASH_DIMENSIONS);
      await store.upsert(data);
      // a vector of another model must never show up
      await store.upsert([{ ...data[0], runId: '00000000-0000-4000-8000-999999999999', embeddingKey: OTHER_KEY }]);
    }
  });
  afterAll(async () => {
    await stores.milvus?.close();
    await t.close();
    await milvus.close();
  });

  const search = (store: VectorStore, i: number, extra: Record<string, unknown> = {}) =>
    store.search(data[i].vector, 3, { embeddingKey: KEY, excludeRunId: data[i].runId, ...extra });

  it('creates the Milvus collection with scalar fields and a COSINE index, sending the token', () => {
    const c = milvus.collections.get('contract_runs')!;
    expect(c.schema.fields.map((f) => [f.name, f.data_type])).toEqual([
      ['id', 'VarChar'], ['vector', 'FloatVector'], ['wpk_id', 'VarChar'], ['status', 'VarChar'], ['created_at', 'Int64'], ['embedding_key', 'VarChar'],
    ]);
    expect(c.indexes[0].field_name).toBe('vector');
    expect(c.indexes[0].extra_params).toContainEqual({ key: 'metric_type', value: 'COSINE' });
    expect(c.loaded).toBe(true);
    expect(milvus.calls.find((m) => m.method === 'Connect')?.authorization).toBe(Buffer.from('root:Milvus').toString('base64'));
  });

  it('ranks each item’s family first, with the same neighbours and scores on both stores', async () => {
    for (let i = 0; i < data.length; i++) {
      const [a, b] = await Promise.all([search(stores.embedded, i), search(stores.milvus, i)]);
      expect(a.map((h) => familyOf(h.runId))).toEqual([data[i].family, data[i].family, data[i].family]);
      expect(b.map((h) => h.runId)).toEqual(a.map((h) => h.runId));
      b.forEach((h, j) => expect(h.score).toBeCloseTo(a[j].score, 5));
    }
  });

  it('applies the same filters', async () => {
    const filters = [
      { wpkId: 'support-bot' },
      { status: 'completed' },
      { since: new Date('2026-01-13T00:00:00Z') },
      { wpkId: 'invoice-agent', since: new Date('2026-01-12T00:00:00Z') },
    ];
    for (const f of filters) {
      const [a, b] = await Promise.all([search(stores.embedded, 0, f), search(stores.milvus, 0, f)]);
      expect({ f, ids: b.map((h) => h.runId) }).toEqual({ f, ids: a.map((h) => h.runId) });
    }
    expect((await search(stores.milvus, 0, { wpkId: 'support-bot' })).every((h) => data.find((d) => d.runId === h.runId)!.wpkId === 'support-bot')).toBe(true);
    expect(await search(stores.milvus, 0, { status: 'completed' })).toEqual([]);
  });

  it('looks many vectors up at once: the runs with one under the key, the same on both stores', async () => {
    const wanted = [data[1].runId, data[5].runId, '00000000-0000-4000-8000-999999999999', '00000000-0000-4000-8000-000000000404'];
    const round = (v: Float32Array) => Array.from(v).map((x) => Math.round(x * 1e5));
    for (const store of Object.values(stores)) {
      const got = await store.vectorsOf(wanted, KEY);
      expect([...got.keys()].sort()).toEqual([data[1].runId, data[5].runId].sort());
      expect(round(got.get(data[5].runId)!)).toEqual(round(data[5].vector));
      expect([...(await store.vectorsOf(wanted, OTHER_KEY)).keys()]).toEqual(['00000000-0000-4000-8000-999999999999']);
      expect((await store.vectorsOf([], KEY)).size).toBe(0);
    }
  });

  it('returns stored vectors, replaces on upsert and removes on delete', async () => {
    for (const store of Object.values(stores)) {
      const v = await store.vectorOf(data[3].runId, KEY);
      expect(Array.from(v!).map((x) => Math.round(x * 1e5))).toEqual(Array.from(data[3].vector).map((x) => Math.round(x * 1e5)));
      expect(await store.vectorOf(data[3].runId, OTHER_KEY)).toBeUndefined();
      await store.upsert([{ ...data[3], status: 'completed' }]);
      expect((await search(store, 0, { status: 'completed' })).map((h) => h.runId)).toEqual([data[3].runId]);
      await store.remove([data[3].runId]);
      expect(await store.vectorOf(data[3].runId, KEY)).toBeUndefined();
      expect((await search(store, 0, { status: 'completed' }))).toEqual([]);
    }
  });

  it('refuses a collection of another dimension with a clear error', async () => {
    const wrong = new MilvusVectorStore({ address: milvus.address, collection: 'contract_runs', timeoutMs: 3000 });
    try {
      await expect(wrong.prepare(64)).rejects.toThrow(MilvusSchemaError);
      await expect(wrong.prepare(64)).rejects.toThrow(/"contract_runs" holds 256-dimensional "vector" vectors but the embedder makes 64/);
    } finally {
      await wrong.close();
    }
  });
});

describeDb('embedded store: the int8 scan with re-ranking answers exactly what the float scan answers', () => {
  let t: TestApp;
  let quantised: EmbeddedVectorStore;
  let exact: EmbeddedVectorStore;
  // families, their near-duplicates (scores a hair apart) and exact copies (tied scores)
  const base = items();
  const data: VectorItem[] = [];
  for (let copy = 0; copy < 12; copy++) {
    base.forEach((item, i) => {
      const vector = item.vector.slice();
      if (copy % 3 === 1) vector[(copy * 7 + i) % vector.length] += 0.001 * copy;
      data.push({ ...item, runId: `00000000-0000-4000-8001-${String(copy * 1000 + i).padStart(12, '0')}`, status: copy % 2 ? 'failed' : 'completed', vector });
    });
  }

  beforeAll(async () => {
    t = await startTestApp({ env: { EMBEDDINGS_ENABLED: 'false' } });
    const repository = new RunEmbeddingsRepository(t.app.get(Database));
    quantised = new EmbeddedVectorStore(repository, { quantised: true });
    exact = new EmbeddedVectorStore(repository, { quantised: false });
    await quantised.upsert(data);
  });
  afterAll(async () => {
    await t.close();
  });

  it('gives the same neighbours, scores and order, with and without filters', async () => {
    const filters = [{}, { status: 'failed' }, { wpkId: 'support-bot' }, { since: new Date('2026-01-12T00:00:00Z') }];
    for (let i = 0; i < data.length; i += 7) {
      for (const f of filters) {
        for (const k of [1, 10, 40]) {
          const filter = { embeddingKey: KEY, excludeRunId: data[i].runId, ...f };
          const [a, b] = await Promise.all([quantised.search(data[i].vector, k, filter), exact.search(data[i].vector, k, filter)]);
          expect({ i, f, k, hits: a }).toEqual({ i, f, k, hits: b });
          expect(a.length).toBeGreaterThan(0);
        }
      }
    }
  });

  it('looks vectors up from the table with the float values the float matrix holds', async () => {
    const ids = data.slice(0, 30).map((d) => d.runId);
    expect(await quantised.vectorsOf(ids, KEY)).toEqual(await exact.vectorsOf(ids, KEY));
  });
});

describeDb('embedded store on the scan pool: searches racing writes answer from a whole matrix', () => {
  let t: TestApp;
  let pooled: EmbeddedVectorStore;
  const dim = 16;
  const key = embeddingKey('local', 'pool-test', dim);
  let seed = 99;
  const rand = () => (seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  const unit = () => {
    const v = Float32Array.from({ length: dim }, () => rand() * 2 - 1);
    const n = Math.hypot(...v);
    return v.map((x) => x / n);
  };
  const item = (i: number): VectorItem => ({
    runId: `00000000-0000-4000-8002-${String(i).padStart(12, '0')}`,
    wpkId: i % 3 ? 'a' : 'b',
    status: 'completed',
    runCreatedAt: new Date('2026-01-10T00:00:00Z'),
    embeddingKey: key,
    contentHash: `p${i}`,
    vector: unit(),
  });
  const vectors = new Map<string, Float32Array>();
  const initial = Array.from({ length: PARALLEL_MIN_ROWS + 500 }, (_, i) => item(i));

  beforeAll(async () => {
    t = await startTestApp({ env: { EMBEDDINGS_ENABLED: 'false' } });
    pooled = new EmbeddedVectorStore(new RunEmbeddingsRepository(t.app.get(Database)), { quantised: true });
    for (let i = 0; i < initial.length; i += 2_000) await pooled.upsert(initial.slice(i, i + 2_000));
    for (const it of initial) vectors.set(it.runId, it.vector);
  }, 120_000);
  afterAll(async () => {
    await pooled.close();
    await t.close();
  });

  it('scores every hit exactly, with writes and removals landing while the threads scan', async () => {
    const dot = (a: Float32Array, b: Float32Array) => a.reduce((s, x, i) => s + x * b[i], 0);
    await pooled.search(unit(), 5, { embeddingKey: key }); // loads the matrix
    const added = Array.from({ length: 300 }, (_, i) => item(initial.length + i));
    for (const it of added) vectors.set(it.runId, it.vector);
    const queries = Array.from({ length: 40 }, () => unit());
    const results = await Promise.all([
      ...queries.map((q, i) => {
        const wpkId = i % 2 ? undefined : 'a';
        return pooled.search(q, 10, { embeddingKey: key, wpkId }).then((hits) => ({ q, wpkId, hits }));
      }),
      ...Array.from({ length: 10 }, (_, b) => pooled.upsert(added.slice(b * 30, b * 30 + 30)).then(() => null)),
      pooled.remove(initial.slice(0, 200).map((it) => it.runId)).then(() => null),
    ]);
    const removed = new Set(initial.slice(0, 200).map((it) => it.runId));
    for (const r of results) {
      if (r === null) continue;
      // a run removed between the scan and the read of its float vector drops out of that answer (the removal
      // lands in one turn, so the matrix scanned held all the removed runs or none of them)
      const top = initial
        .filter((it) => r.wpkId === undefined || it.wpkId === r.wpkId)
        .map((it) => ({ id: it.runId, score: dot(r.q, it.vector) }))
        .sort((a, b) => b.score - a.score);
      const mayDrop = top.filter((h, i) => i < 10 && removed.has(h.id)).length;
      expect(r.hits.length).toBeGreaterThanOrEqual(10 - mayDrop);
      expect(r.hits.length).toBeLessThanOrEqual(10);
      expect(new Set(r.hits.map((h) => h.runId)).size).toBe(r.hits.length);
      for (const h of r.hits) expect(h.score).toBeCloseTo(dot(r.q, vectors.get(h.runId)!), 5);
      for (let i = 1; i < r.hits.length; i++) expect(r.hits[i - 1].score).toBeGreaterThanOrEqual(r.hits[i].score);
    }
    // afterwards: exactly what a fresh float scan of the table answers
    const exact = new EmbeddedVectorStore(new RunEmbeddingsRepository(t.app.get(Database)), { quantised: false });
    for (const q of queries.slice(0, 10)) {
      expect(await pooled.search(q, 10, { embeddingKey: key })).toEqual(await exact.search(q, 10, { embeddingKey: key }));
    }
    expect(await pooled.describe()).toMatchObject({ status: 'up', loaded_vectors: initial.length + added.length - 200, scan_threads: ScanPool.defaultThreads() });
  }, 60_000);

  it('holds writes back until the scan in flight has finished, so the threads never read a matrix being changed', async () => {
    type Pool = { scan: (...args: unknown[]) => Promise<void> };
    const pool = (pooled as unknown as { matrix: { pool: Pool } }).matrix.pool;
    const scan = pool.scan.bind(pool);
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    let scanning!: () => void;
    const started = new Promise<void>((resolve) => (scanning = resolve));
    pool.scan = async (...args: unknown[]) => {
      scanning();
      await gate;
      return scan(...args);
    };
    try {
      const q = unit();
      const searched = pooled.search(q, 10, { embeddingKey: key });
      await started;
      const late = item(initial.length + 1_000);
      vectors.set(late.runId, late.vector);
      let written = false;
      const writing = pooled.upsert([{ ...late, vector: q }]).then(() => (written = true));
      await new Promise((resolve) => setTimeout(resolve, 200)); // the row is in the table by now; the matrix must wait
      expect(written).toBe(false);
      open();
      await Promise.all([searched, writing]);
      expect((await pooled.search(q, 1, { embeddingKey: key }))[0].runId).toBe(late.runId);
    } finally {
      open();
      pool.scan = scan;
    }
  });
});

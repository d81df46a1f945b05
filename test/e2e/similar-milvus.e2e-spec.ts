// The SDK's bulk writer pulls an ESM-only parquet stack that Jest on Node 20 cannot require; unused here.
jest.mock('@shanghaikid/parquetjs', () => ({}));

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createApp } from '../../src/bootstrap';
import { configFromProcessEnv } from '../../src/config/env';
import { RunsService } from '../../src/modules/runs/runs.service';
import { EmbeddingWorker } from '../../src/modules/similarity/embedding.worker';
import { FakeMilvus } from '../support/fake-milvus';
import { familyRuns } from '../support/similar-fixtures';
import { createScratchDatabase } from '../support/pg';
import { currentDriver, describeDb, startTestApp, TestApp, TEST_ADMIN_KEY } from '../support/test-app';

const later = (minutes: number) => new Date(Date.now() + minutes * 60_000);
const backlog = async (t: TestApp) => Number(/^neuralops_embedding_backlog (\d+)$/m.exec((await t.http().get('/metrics')).text)?.[1]);

describeDb('similar runs in Milvus', () => {
  let milvus: FakeMilvus;
  let t: TestApp;
  let worker: EmbeddingWorker;
  const byRunId = new Map<string, { id: string; family: string }>();

  beforeAll(async () => {
    milvus = await new FakeMilvus().start();
    t = await startTestApp({
      env: { MILVUS_ADDRESS: milvus.address, MILVUS_TOKEN: 'root:Milvus', MILVUS_COLLECTION: 'e2e_runs', MILVUS_TIMEOUT_MS: '1500', EMBEDDING_WORKER_INTERVAL_MS: '3600000', RUN_RETENTION_DAYS: '30' },
    });
    worker = t.app.get(EmbeddingWorker);
  });
  afterAll(async () => {
    await t.close();
    await milvus.close();
  });

  const post = (body: Record<string, unknown>) => t.http().post('/runs').set(t.admin.header).send(body);
  const familyOf = (id: string) => [...byRunId.values()].find((v) => v.id === id)?.family;

  it('creates the collection at boot and answers nearest runs from Milvus', async () => {
    expect(milvus.collections.get('e2e_runs')?.loaded).toBe(true);
    for (const { family, body } of familyRuns(4, 'mv')) {
      const res = await post(body);
      expect(res.status).toBe(201);
      byRunId.set(String(body.run_id), { id: res.body.id, family });
    }
    expect(await worker.drainAll()).toMatchObject({ embedded: 16 });
    expect(milvus.collections.get('e2e_runs')!.rows.size).toBe(16);
    const searches = milvus.count('Search');
    for (const { id, family } of byRunId.values()) {
      const res = await t.http().get(`/runs/${id}/similar`).query({ k: 3, wpk_id: family === 'timeout' || family === 'auth' ? 'invoice-agent' : 'support-bot' }).set(t.admin.header);
      expect(res.status).toBe(200);
      expect(res.body.items.map((i: { run: { id: string } }) => familyOf(i.run.id))).toEqual([family, family, family]);
      expect(res.body.items.map((i: { run: { id: string } }) => i.run.id)).not.toContain(id);
    }
    expect(milvus.count('Search') - searches).toBe(16);
    const search = await t.http().post('/runs/search').set(t.admin.header).send({ query: 'ValidationError field total expected number', k: 3, status: 'failed' });
    expect(search.body.items.map((i: { run: { id: string } }) => familyOf(i.run.id))).toEqual(['schema', 'schema', 'schema']);
    const health = await t.http().get('/health');
    expect(health.body.checks.vector_store).toMatchObject({ status: 'up', store: 'milvus', collection: 'e2e_runs' });
    expect(JSON.stringify(health.body)).not.toContain('root:Milvus');
  });

  it('deletes the vectors of purged runs from Milvus', async () => {
    const old = await post({ wpk_id: 'wf-old', run_id: 'old', status: 'failed', error: 'ancient', created_at: '2020-01-01T00:00:00Z' });
    await worker.drainAll();
    expect(milvus.collections.get('e2e_runs')!.rows.has(old.body.id)).toBe(true);
    expect(await t.app.get(RunsService).purgeExpired(new Date('2026-01-30T00:00:00Z'))).toBe(1);
    expect(await worker.drainAll()).toMatchObject({ purged: 1 });
    expect(milvus.collections.get('e2e_runs')!.rows.has(old.body.id)).toBe(false);
    expect(milvus.collections.get('e2e_runs')!.rows.size).toBe(16);
  });

  it('keeps ingesting while Milvus is down; the backlog grows and drains on recovery', async () => {
    milvus.down();
    for (let i = 0; i < 3; i++) expect((await post({ wpk_id: 'wf-mdown', run_id: `m${i}`, status: 'failed', error: 'boom' })).status).toBe(201);
    expect(await worker.drainOnce()).toMatchObject({ claimed: 3, embedded: 0, retried: 3 });
    expect(await backlog(t)).toBe(3);
    const health = await t.http().get('/health');
    expect(health.status).toBe(200);
    expect(health.body.checks.vector_store).toMatchObject({ status: 'down', required: false, detail: expect.stringContaining(`Milvus at ${milvus.address}`) });
    const similar = await t.http().get(`/runs/${byRunId.get('mv-auth-0')!.id}/similar`).set(t.admin.header);
    expect(similar.status).toBe(503);
    expect(similar.headers['retry-after']).toBe('5');
    expect(similar.body.error.code).toBe('VECTOR_STORE_UNAVAILABLE');
    milvus.up();
    expect(await worker.drainAll(later(5))).toMatchObject({ embedded: 3 });
    expect(await backlog(t)).toBe(0);
    expect(milvus.collections.get('e2e_runs')!.rows.size).toBe(19);
  });
});

describeDb('Milvus at boot', () => {
  it('boots and ingests with Milvus unreachable, then catches up', async () => {
    const milvus = await new FakeMilvus().start();
    milvus.down();
    const t = await startTestApp({ env: { MILVUS_ADDRESS: milvus.address, MILVUS_COLLECTION: 'late_runs', MILVUS_TIMEOUT_MS: '1500', EMBEDDING_WORKER_INTERVAL_MS: '3600000' } });
    try {
      expect((await t.http().post('/runs').set(t.admin.header).send({ wpk_id: 'wf-late', run_id: 'r1', status: 'completed' })).status).toBe(201);
      expect((await t.http().get('/health')).body.checks.vector_store.status).toBe('down');
      milvus.up();
      expect(await t.app.get(EmbeddingWorker).drainAll()).toMatchObject({ embedded: 1 });
      expect(milvus.collections.get('late_runs')!.rows.size).toBe(1);
    } finally {
      await t.close();
      await milvus.close();
    }
  });

  it('refuses to start when the collection holds vectors of another dimension', async () => {
    const milvus = await new FakeMilvus().start();
    const first = await startTestApp({ env: { MILVUS_ADDRESS: milvus.address, MILVUS_COLLECTION: 'dim_runs', MILVUS_TIMEOUT_MS: '1500' } });
    await first.close();
    const scratch = currentDriver() === 'postgres' ? await createScratchDatabase() : undefined;
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'neuralops-dim-'));
    try {
      const config = configFromProcessEnv({
        DATA_DIR: dataDir,
        DATABASE_URL: scratch?.url,
        ADMIN_API_KEY: TEST_ADMIN_KEY,
        MILVUS_ADDRESS: milvus.address,
        MILVUS_COLLECTION: 'dim_runs',
        MILVUS_TIMEOUT_MS: '1500',
        OPENAI_API_KEY: 'k',
        OPENAI_BASE_URL: 'http://127.0.0.1:9/v1',
        EMBEDDING_DIMENSIONS: '64',
      });
      const app = await createApp(config);
      await expect(app.init()).rejects.toThrow(/Milvus collection "dim_runs" holds 256-dimensional "vector" vectors but the embedder makes 64/);
      await app.close().catch(() => undefined);
    } finally {
      await milvus.close();
      await scratch?.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

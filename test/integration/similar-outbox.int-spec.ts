import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { Database } from '../../src/database/database.service';
import { newRun } from '../../src/modules/runs/domain/run';
import { embeddingKey } from '../../src/modules/similarity/domain/embedding-state';
import { hashEmbed } from '../../src/modules/similarity/domain/hash-embedding';
import { queryDocument } from '../../src/modules/similarity/domain/run-document';
import { EmbeddingOutboxHook } from '../../src/modules/similarity/embedding-outbox.hook';
import { Embedder } from '../../src/modules/similarity/embedders/embedder';
import { RunEmbeddingStateRepository } from '../../src/modules/similarity/run-embedding-state.repository';
import { RunEmbeddingsRepository } from '../../src/modules/similarity/run-embeddings.repository';
import { EmbeddedVectorStore } from '../../src/modules/similarity/stores/embedded.vector-store';
import { VectorStore } from '../../src/modules/similarity/stores/vector-store';
import { describeDb, startTestApp, TestApp } from '../support/test-app';

describeDb('embedding outbox and embedded store (repositories)', () => {
  let t: TestApp;
  let db: Database;
  let states: RunEmbeddingStateRepository;
  beforeAll(async () => {
    t = await startTestApp({ env: { EMBEDDING_WORKER_INTERVAL_MS: '3600000' } });
    db = t.app.get(Database);
    states = t.app.get(RunEmbeddingStateRepository);
  });
  afterAll(() => t.close());

  it('run writes touch neither the embedder nor the vector store', async () => {
    const embed = jest.spyOn(t.app.get(Embedder), 'embed');
    const upsert = jest.spyOn(t.app.get(VectorStore), 'upsert');
    const res = await t.http().post('/runs/batch').set(t.admin.header).send({ runs: [1, 2, 3].map((i) => ({ wpk_id: 'wf-io', run_id: `r${i}`, status: 'failed', error: 'x' })) });
    expect(res.body.created).toBe(3);
    expect(embed).not.toHaveBeenCalled();
    expect(upsert).not.toHaveBeenCalled();
    expect((await states.findByRunId(res.body.items[0].id))?.state).toBe('pending');
  });

  it('costs one statement per run write, and leaves an unchanged document alone', async () => {
    const hook = t.app.get(EmbeddingOutboxHook);
    const run = newRun(randomUUID(), { wpk_id: 'wf-stmt', run_id: 'r1', status: 'failed', error: 'e' }, new Date());
    const statements: string[] = [];
    const counting = (tx: EntityManager) => ({ query: (sql: string, params?: unknown[]) => (statements.push(sql), tx.query(sql, params)) }) as unknown as EntityManager;
    await db.write((tx) => hook.afterRunWrite(counting(tx), { previous: undefined, current: run }));
    expect(statements).toHaveLength(1);
    const first = await states.findByRunId(run.id);
    await states.markDone(run.id, first!.content_hash, 'k', new Date());
    await db.write((tx) => hook.afterRunWrite(counting(tx), { previous: run, current: { ...run, updated_at: new Date() } }));
    expect(statements).toHaveLength(2);
    expect((await states.findByRunId(run.id))?.state).toBe('done');
    await db.write((tx) => hook.afterRunWrite(counting(tx), { previous: run, current: { ...run, error: 'changed' } }));
    expect(statements).toHaveLength(3);
    const changed = await states.findByRunId(run.id);
    expect(changed).toMatchObject({ state: 'pending', attempts: 0 });
    expect(changed!.content_hash).not.toBe(first!.content_hash);
  });

  it('commits or rolls back with the run write', async () => {
    const hook = t.app.get(EmbeddingOutboxHook);
    const run = newRun(randomUUID(), { wpk_id: 'wf-rollback', run_id: 'r1', status: 'completed' }, new Date());
    await expect(
      db.write(async (tx) => {
        await hook.afterRunWrite(tx, { previous: undefined, current: run });
        throw new Error('the run write failed');
      }),
    ).rejects.toThrow('the run write failed');
    expect(await states.findByRunId(run.id)).toBeUndefined();
  });

  it('hands each due row to one claimer only, and hides it for the lease', async () => {
    const now = new Date(Date.now() + 3_600_000);
    const ids: string[] = Array.from({ length: 6 }, () => randomUUID());
    for (const id of ids) await states.enqueueOutsideTransaction(id, 'h', new Date());
    const lease = new Date(now.getTime() + 60_000);
    const [a, b] = await Promise.all([states.claimDue(now, 50, lease), states.claimDue(now, 50, lease)]);
    const claimed = [...a, ...b].map((r) => r.run_id).filter((id) => ids.includes(id));
    expect(claimed.sort()).toEqual([...ids].sort());
    expect(new Set(claimed).size).toBe(ids.length);
    expect((await states.claimDue(now, 50, lease)).filter((r) => ids.includes(r.run_id))).toEqual([]);
    const afterLease = await states.claimDue(new Date(lease.getTime() + 1), 50, new Date(lease.getTime() + 60_000));
    expect(afterLease.filter((r) => ids.includes(r.run_id))).toHaveLength(6);
  });

  it('lets one replica see another’s vectors (catch-up before each search)', async () => {
    const repository = t.app.get(RunEmbeddingsRepository);
    const a = new EmbeddedVectorStore(repository);
    const b = new EmbeddedVectorStore(repository);
    const key = embeddingKey('test', 'replicas', 256);
    const item = (text: string) => ({
      runId: randomUUID(), wpkId: 'wf-rep', status: 'failed', runCreatedAt: new Date(), embeddingKey: key, contentHash: text, vector: hashEmbed(queryDocument(text)),
    });
    const first = item('disk full on worker node');
    await a.upsert([first]);
    const query = hashEmbed(queryDocument('disk full'));
    expect((await b.search(query, 5, { embeddingKey: key })).map((h) => h.runId)).toEqual([first.runId]);
    const second = item('disk full again on worker node');
    await a.upsert([second]);
    expect((await b.search(query, 5, { embeddingKey: key })).map((h) => h.runId).sort()).toEqual([first.runId, second.runId].sort());
    expect(await b.vectorOf(second.runId, key)).toEqual(second.vector);
    // a run re-embedded by the other replica: the catch-up reads only what changed, and sees it
    await new Promise((r) => setTimeout(r, 5));
    const changed = { ...first, contentHash: 'changed', vector: hashEmbed(queryDocument('certificate expired')) };
    await a.upsert([changed]);
    expect(await b.vectorOf(first.runId, key)).toEqual(changed.vector);
    const read = jest.spyOn(repository, 'findByRunIds');
    await b.search(query, 5, { embeddingKey: key });
    expect(read).not.toHaveBeenCalled(); // nothing new since the last catch-up: no vector is read again
    read.mockRestore();
  });
});

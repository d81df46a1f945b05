import * as fs from 'node:fs';
import { configFromProcessEnv } from '../../src/config/env';
import { runBackfill } from '../../src/modules/similarity/embeddings-backfill';
import { EmbeddingWorker } from '../../src/modules/similarity/embedding.worker';
import { familyRuns } from '../support/similar-fixtures';
import { describeDb, startTestApp, TEST_ADMIN_KEY } from '../support/test-app';

describeDb('embeddings backfill', () => {
  it('embeds runs stored while the feature was off, after which they answer similar runs', async () => {
    const off = await startTestApp({ env: { EMBEDDINGS_ENABLED: 'false' } });
    const ids: string[] = [];
    try {
      for (const { body } of familyRuns(3, 'bf')) ids.push((await off.http().post('/runs').set(off.admin.header).send(body)).body.id);
      await off.app.close();
      const reuse = { dataDir: off.dataDir, databaseUrl: off.databaseUrl };

      const on = await startTestApp({ env: { EMBEDDING_WORKER_INTERVAL_MS: '3600000' }, reuse });
      const before = await on.http().get(`/runs/${ids[0]}/similar`).set(on.admin.header);
      expect(before.status).toBe(409);
      expect(before.body.error).toMatchObject({ code: 'EMBEDDING_PENDING', message: expect.stringContaining('npm run embeddings:backfill') });
      // one such run can be queued through the API too
      const retry = await on.http().post(`/runs/${ids[11]}/embedding/retry`).set(on.admin.header);
      expect(retry.body).toEqual({ run_id: ids[11], state: 'pending', requeued: true });
      await on.app.get(EmbeddingWorker).drainAll();
      expect((await on.http().get(`/runs/${ids[11]}/similar`).set(on.admin.header)).status).toBe(200);
      await on.app.close();

      const lines: string[] = [];
      const env = { DATA_DIR: reuse.dataDir, DATABASE_URL: reuse.databaseUrl, ADMIN_API_KEY: TEST_ADMIN_KEY, EMBEDDING_BATCH_SIZE: '5' };
      expect(await runBackfill(configFromProcessEnv(env), (l) => lines.push(l))).toEqual({ visited: 12, embedded: 11, failed: 0, remaining: 0 });
      expect(lines[0]).toBe('queued: 12 runs checked');
      // A second run finds nothing new to do.
      expect(await runBackfill(configFromProcessEnv(env))).toEqual({ visited: 12, embedded: 0, failed: 0, remaining: 0 });

      const again = await startTestApp({ env: { EMBEDDING_WORKER_INTERVAL_MS: '3600000' }, reuse });
      try {
        const after = await again.http().get(`/runs/${ids[0]}/similar`).query({ k: 2 }).set(again.admin.header);
        expect(after.status).toBe(200);
        expect(after.body.items.map((i: { run: { id: string } }) => i.run.id).sort()).toEqual([ids[1], ids[2]].sort());
      } finally {
        await again.app.close();
      }
    } finally {
      await off.dropDatabase?.();
      fs.rmSync(off.dataDir, { recursive: true, force: true });
    }
  });
});

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DataSource } from 'typeorm';
import { TcpProxy } from '../support/tcp-proxy';
import { createScratchDatabase } from '../support/pg';
import { currentDriver, describeDb, startTestApp, TestApp } from '../support/test-app';

describeDb('database outage', () => {
  if (currentDriver() === 'postgres') {
    let t: TestApp;
    let proxy: TcpProxy;
    let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;
    beforeAll(async () => {
      scratch = await createScratchDatabase();
      const target = new URL(scratch.url);
      proxy = new TcpProxy(target.hostname, Number(target.port || 5432));
      await proxy.start();
      target.host = `127.0.0.1:${proxy.port}`;
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'neuralops-outage-'));
      t = await startTestApp({ env: {}, reuse: { dataDir, databaseUrl: target.toString(), release: async () => fs.rmSync(dataDir, { recursive: true, force: true }) } });
    });
    afterAll(async () => {
      await proxy.start(proxy.port);
      await t.close();
      await proxy.stop();
      await scratch.drop();
    });

    it('answers 503 DATABASE_UNAVAILABLE with Retry-After within a second, and recovers without a restart', async () => {
      const run = { wpk_id: 'outage', run_id: 'before', status: 'completed' };
      expect((await t.http().post('/runs').set(t.admin.header).send(run)).status).toBe(201);
      await proxy.stop();
      const started = Date.now();
      const during = await t.http().post('/runs').set(t.admin.header).send({ ...run, run_id: 'during' });
      expect(Date.now() - started).toBeLessThan(2500);
      expect(during.status).toBe(503);
      expect(during.body.error.code).toBe('DATABASE_UNAVAILABLE');
      expect(during.headers['retry-after']).toBe('1');
      const health = await t.http().get('/health');
      expect(health.status).toBe(503);
      expect(health.body.checks.database.status).toBe('down');
      // reads also fail cleanly (a cached key still authenticates)
      expect((await t.http().get('/runs').set(t.admin.header)).status).toBe(503);

      await proxy.start(proxy.port);
      let recovered = false;
      for (let i = 0; i < 50 && !recovered; i++) {
        recovered = (await t.http().get('/health')).status === 200;
        if (!recovered) await new Promise((r) => setTimeout(r, 100));
      }
      expect(recovered).toBe(true);
      const after = await t.http().post('/runs').set(t.admin.header).send({ ...run, run_id: 'during' });
      expect(after.status).toBe(201);
    });

    it('waits for a database slow to accept connections instead of answering 503', async () => {
      // a busy host can take more than a second to start a backend; that is not an outage
      proxy.connectDelayMs = 1500;
      try {
        proxy.resetConnections();
        await new Promise((r) => setTimeout(r, 200));
        const res = await t.http().post('/runs').set(t.admin.header).send({ wpk_id: 'outage', run_id: 'slow-connect', status: 'completed' });
        expect(res.status).toBe(201);
      } finally {
        proxy.connectDelayMs = 0;
      }
    });
  } else {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp();
    });
    afterAll(() => t.close());

    it('answers 503 when the SQLite file cannot be written, and recovers when it can', async () => {
      if (process.getuid?.() === 0) {
        // root ignores file permissions; make the database read-only from inside instead
        await t.app.get(DataSource).query('PRAGMA query_only = ON');
      } else {
        fs.chmodSync(t.config.database.sqlitePath, 0o444);
      }
      const res = await t.http().post('/runs').set(t.admin.header).send({ wpk_id: 'ro', run_id: '1', status: 'completed' });
      expect(res.status).toBe(503);
      expect(res.body.error.code).toBe('DATABASE_UNAVAILABLE');
      expect(res.headers['retry-after']).toBe('1');
      await t.app.get(DataSource).query('PRAGMA query_only = OFF');
      fs.chmodSync(t.config.database.sqlitePath, 0o644);
      const again = await t.http().post('/runs').set(t.admin.header).send({ wpk_id: 'ro', run_id: '1', status: 'completed' });
      expect(again.status).toBe(201);
    });
  }
});

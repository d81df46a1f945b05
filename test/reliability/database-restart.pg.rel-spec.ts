import { Client } from 'pg';
import { PgCluster } from '../support/pg-cluster';
import { recordFault } from '../support/reliability-report';
import { startTestApp, TestApp } from '../support/test-app';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const problem = PgCluster.available();
if (problem && process.env.CI === 'true') throw new Error(`reliability tests need a throwaway PostgreSQL: ${problem}`);
const maybe = problem ? describe.skip : describe;
if (problem) console.warn(`SKIPPED database restart tests: ${problem}`);

interface Outcome {
  acked: Set<string>;
  unavailable: Set<string>;
  others: Array<{ run: string; status: number }>;
  worst503Ms: number;
  requests: number;
}

/** Clients post unique runs continuously; every answer is classified. */
function load(t: TestApp, clients: number, prefix: string) {
  const outcome: Outcome = { acked: new Set(), unavailable: new Set(), others: [], worst503Ms: 0, requests: 0 };
  let stop = false;
  let n = 0;
  const worker = async () => {
    while (!stop) {
      const run = `${prefix}-${n++}`;
      const started = Date.now();
      const res = await t.http().post('/runs').set(t.admin.header).send({ wpk_id: 'restart', run_id: run, status: 'completed', duration_ms: 5 });
      outcome.requests++;
      if (res.status === 201 || res.status === 200) outcome.acked.add(run);
      else if (res.status === 503 && res.body?.error?.code === 'DATABASE_UNAVAILABLE' && res.headers['retry-after']) {
        outcome.unavailable.add(run);
        outcome.worst503Ms = Math.max(outcome.worst503Ms, Date.now() - started);
        await new Promise((r) => setTimeout(r, 50));
      } else outcome.others.push({ run, status: res.status });
    }
  };
  const done = Promise.all(Array.from({ length: clients }, worker));
  return { outcome, stop: async () => { stop = true; await done; } };
}

maybe('database restart under load (throwaway PostgreSQL cluster)', () => {
  let cluster: PgCluster;
  let t: TestApp;
  beforeAll(async () => {
    cluster = await PgCluster.create();
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'neuralops-rel-'));
    t = await startTestApp({ reuse: { dataDir, databaseUrl: cluster.url, release: async () => fs.rmSync(dataDir, { recursive: true, force: true }) } });
  });
  afterAll(async () => {
    await t?.close();
    cluster?.destroy();
  });

  for (const mode of ['fast', 'immediate'] as const) {
    it(`${mode} shutdown: 503s within a second, no 500, recovery without restart, every acknowledged run stored once`, async () => {
      const clients = load(t, 8, mode);
      await new Promise((r) => setTimeout(r, 1500));
      cluster.stop(mode);
      const downAt = Date.now();
      await new Promise((r) => setTimeout(r, 500));
      const health = await t.http().get('/health');
      expect(health.status).toBe(503);
      expect(health.body.checks.database.status).toBe('down');
      await new Promise((r) => setTimeout(r, 1500));
      cluster.start();
      const upAt = Date.now();
      let recoveredAt = 0;
      while (!recoveredAt && Date.now() - upAt < 20_000) {
        if ((await t.http().get('/health')).status === 200) recoveredAt = Date.now();
        else await new Promise((r) => setTimeout(r, 100));
      }
      expect(recoveredAt).toBeGreaterThan(0);
      await new Promise((r) => setTimeout(r, 1500));
      await clients.stop();
      const { outcome } = clients;

      // clients retry their 503s until stored
      let retries = 0;
      for (const run of outcome.unavailable) {
        for (;;) {
          retries++;
          const res = await t.http().post('/runs').set(t.admin.header).send({ wpk_id: 'restart', run_id: run, status: 'completed', duration_ms: 5 });
          if (res.status === 201 || res.status === 200) break;
          expect(res.status).toBe(503);
          await new Promise((r) => setTimeout(r, 100));
        }
      }

      const db = new Client({ connectionString: cluster.url });
      await db.connect();
      const rows = await db.query<{ run_id: string; n: string }>(
        `SELECT run_id, COUNT(*) AS n FROM workflow_runs WHERE wpk_id = 'restart' AND run_id LIKE $1 GROUP BY run_id`,
        [`${mode}-%`],
      );
      await db.end();
      const stored = new Map(rows.rows.map((r) => [r.run_id, Number(r.n)]));
      const lost = [...outcome.acked].filter((r) => stored.get(r) !== 1);
      const retriedMissing = [...outcome.unavailable].filter((r) => stored.get(r) !== 1);
      const duplicates = [...stored.values()].filter((n) => n > 1).length;

      recordFault(`database-restart-${mode}`, {
        fault: `PostgreSQL restart under load (${mode} shutdown)`,
        injected: `pg_ctl stop -m ${mode} on a throwaway cluster, down ~2 s, then pg_ctl start`,
        load: '8 concurrent clients posting unique runs back to back',
        figures: {
          requests: outcome.requests,
          'acknowledged (2xx)': outcome.acked.size,
          '503 DATABASE_UNAVAILABLE answers': outcome.unavailable.size,
          'other answers (5xx or unexpected)': outcome.others.length,
          'slowest 503 (ms)': outcome.worst503Ms,
          'recovery after restart (ms)': recoveredAt - upAt,
          'outage (ms)': upAt - downAt,
          'retries needed for 503d runs': retries,
          'acknowledged runs missing or duplicated': lost.length,
          'rows stored for this phase': stored.size,
          'duplicate rows': duplicates,
        },
        outcome: lost.length === 0 && retriedMissing.length === 0 && outcome.others.length === 0 && duplicates === 0 ? 'pass' : 'fail',
      });
      expect(outcome.others).toEqual([]);
      expect(outcome.acked.size).toBeGreaterThan(20);
      expect(outcome.worst503Ms).toBeLessThan(1500);
      expect(lost).toEqual([]);
      expect(retriedMissing).toEqual([]);
      expect(duplicates).toBe(0);
    });
  }
});

import { Database } from '../../src/database/database.service';
import { ProbesRepository } from '../../src/modules/insight/probes.repository';
import { ProbeScheduler } from '../../src/modules/insight/scheduler/probe-scheduler';
import { currentDriver, describeDb, startTestApp, TestApp } from '../support/test-app';
import { runsWithJump } from '../support/run-fixtures';



/**
 * Two app instances on one PostgreSQL database, as two replicas would be: every due probe runs
 * exactly once and every episode is one signal, however the ticks interleave. SQLite is a
 * single-replica deployment (one process owns the file), so the suite is PostgreSQL-only.
 */
const describeReplicas =
  currentDriver() === 'postgres' ? describeDb : (name: string, fn: () => void) => describe.skip(`[sqlite] ${name} (PostgreSQL only)`, fn);

describeReplicas('insight scheduler with two replicas on one database', () => {
  let a: TestApp & { databaseUrl?: string };
  let b: TestApp;
  const PROBES = 6;

  beforeAll(async () => {
    const env = { SCHEDULER_ENABLED: 'false', PROBE_CONCURRENCY: '2' };
    a = await startTestApp({ env });
    b = await startTestApp({ env, reuse: { dataDir: a.dataDir, databaseUrl: a.databaseUrl } });
    const runs = Array.from({ length: PROBES }, (_, i) => runsWithJump(`wf-${i}`, Date.now(), 60, 2)).flat();
    const res = await a.http().post('/runs/batch').set(a.admin.header).send({ runs });
    expect(res.body.failed).toBe(0);
    for (let i = 0; i < PROBES; i++) {
      const created = await a.http().post('/probes').set(a.admin.header).send({
        name: `p95-${i}`, query: 'runs_duration_p95_ms', wpk_id: `wf-${i}`, detector: 'robust', detector_params: { window: 20 }, source: 'runs',
      });
      expect(created.status).toBe(201);
    }
  }, 60_000);
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  it('runs each due probe exactly once and records each episode once', async () => {
    const schedulers = [a.app.get(ProbeScheduler), b.app.get(ProbeScheduler)];
    expect(schedulers[0].replica).not.toBe(schedulers[1].replica);
    let started = 0;
    for (let round = 0; round < 10; round++) {
      const results = await Promise.all([...schedulers, ...schedulers].map((s) => s.tick()));
      expect(results.flatMap((r) => r.outcomes).every((o) => o.error === null)).toBe(true);
      started += results.reduce((n, r) => n + r.started, 0);
    }
    const db = a.app.get(Database);
    expect(started).toBe(PROBES);
    const runs = await db.query<{ probe_id: string; n: string | number }>('SELECT probe_id, COUNT(*) AS n FROM probe_runs GROUP BY probe_id');
    expect(runs).toHaveLength(PROBES);
    expect(runs.every((r) => Number(r.n) === 1)).toBe(true);
    const signals = await db.query<{ probe_id: string; n: string | number }>('SELECT probe_id, COUNT(*) AS n FROM insight_signals GROUP BY probe_id');
    expect(signals).toHaveLength(PROBES);
    expect(signals.every((r) => Number(r.n) === 1)).toBe(true);
    const leases = await db.query('SELECT id FROM probes WHERE lease_owner IS NOT NULL');
    expect(leases).toHaveLength(0);
  });

  it('the lease: of many simultaneous claims of one probe from both replicas, exactly one wins', async () => {
    const list = (await a.http().get('/probes').set(a.admin.header)).body.items as Array<{ id: string }>;
    const id = list[1].id;
    const repos = [a.app.get(ProbesRepository), b.app.get(ProbesRepository)];
    const now = new Date();
    const until = new Date(now.getTime() + 60_000);
    const claims = await Promise.all(Array.from({ length: 10 }, (_, i) => repos[i % 2].claim(id, `claimer-${i}`, now, until, false)));
    expect(claims.filter((c) => c !== undefined)).toHaveLength(1);
    const winner = claims.findIndex((c) => c !== undefined);
    await repos[0].releaseLease(id, `claimer-${winner}`);
  });

  it('POST /probes/:id/run on one replica while the other ticks: still one run at a time', async () => {
    const list = (await a.http().get('/probes').set(a.admin.header)).body.items as Array<{ id: string }>;
    const id = list[0].id;
    const [x, y] = await Promise.all([
      a.http().post(`/probes/${id}/run`).set(a.admin.header),
      b.http().post(`/probes/${id}/run`).set(b.admin.header),
    ]);
    // either both ran one after the other, or the second found the first holding the lease
    expect([x.status, y.status]).toContain(200);
    expect([x.status, y.status].every((s) => s === 200 || s === 409)).toBe(true);
    const detail = await a.http().get(`/probes/${id}`).set(a.admin.header);
    expect(detail.body.recent_runs.length).toBe(1 + [x.status, y.status].filter((s) => s === 200).length);
    const signals = await a.app.get(Database).query('SELECT id FROM insight_signals');
    expect(signals).toHaveLength(PROBES);
  });
});

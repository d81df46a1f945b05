import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Database } from '../../src/database/database.service';
import { Clock } from '../../src/modules/insight/clock';
import { ProbeRunner } from '../../src/modules/insight/probe-runner.service';
import { ProbeScheduler } from '../../src/modules/insight/scheduler/probe-scheduler';
import { PgCluster } from '../support/pg-cluster';
import { recordFault } from '../support/reliability-report';
import { startTestApp, TestApp } from '../support/test-app';
import { runsWithJump } from '../support/run-fixtures';

const problem = PgCluster.available();
if (problem && process.env.CI === 'true') throw new Error(`reliability tests need a throwaway PostgreSQL: ${problem}`);
const maybe = problem ? describe.skip : describe;
if (problem) console.warn(`SKIPPED replica tests: ${problem}`);

const PROBES = 3;


maybe('two replicas, one killed mid-run (throwaway PostgreSQL cluster)', () => {
  let cluster: PgCluster;
  let a: TestApp;
  let b: TestApp;
  const releaseA: Array<() => void> = [];
  let dataDir: string | undefined;

  beforeAll(async () => {
    cluster = await PgCluster.create();
    const env = { SCHEDULER_ENABLED: 'false', PROBE_CONCURRENCY: '4', EMBEDDINGS_ENABLED: 'false' };
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'neuralops-replicas-'));
    a = await startTestApp({ env, reuse: { dataDir, databaseUrl: cluster.url } });
    b = await startTestApp({ env, reuse: { dataDir, databaseUrl: cluster.url } });
    const runs = Array.from({ length: PROBES }, (_, i) => runsWithJump(`rk-${i}`, Date.now(), 60, 2)).flat();
    expect((await a.http().post('/runs/batch').set(a.admin.header).send({ runs })).body.failed).toBe(0);
    for (let i = 0; i < PROBES; i++) {
      const res = await a.http().post('/probes').set(a.admin.header).send({
        name: `rk-p95-${i}`, query: 'runs_duration_p95_ms', wpk_id: `rk-${i}`, source: 'runs', detector: 'robust', detector_params: { window: 20 }, interval_s: 60,
      });
      expect(res.status).toBe(201);
    }
  });
  afterAll(async () => {
    releaseA.forEach((release) => release());
    await b?.app.close();
    await a?.app.close().catch(() => undefined);
    cluster?.destroy();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('the survivor takes over the dead replica’s probes once their leases lapse; each due probe runs once per interval, no signal twice', async () => {
    const db = b.app.get(Database);
    const schedA = a.app.get(ProbeScheduler);
    const schedB = b.app.get(ProbeScheduler);
    // Replica A takes the leases and then hangs forever inside its runs, as a process killed mid-run would.
    jest.spyOn(a.app.get(ProbeRunner), 'runClaimed').mockImplementation(() => new Promise((resolve) => releaseA.push(() => resolve(undefined as never))));
    void schedA.tick();
    let held = 0;
    for (let i = 0; i < 50 && held < PROBES; i++) {
      held = Number((await db.query<{ n: string }>(`SELECT COUNT(*) AS n FROM probes WHERE lease_owner = $1`, [schedA.replica]))[0].n);
      if (held < PROBES) await new Promise((r) => setTimeout(r, 100));
    }
    expect(held).toBe(PROBES);
    const leaseUntil = new Date((await db.query<{ t: Date }>(`SELECT MAX(lease_until) AS t FROM probes`))[0].t);

    // While the dead replica's leases hold, the survivor runs nothing.
    const whileHeld = await schedB.tick();
    expect(whileHeld.started).toBe(0);

    // Past the lease, the survivor runs every probe exactly once.
    const clockB = jest.spyOn(b.app.get(Clock), 'now');
    const takeoverAt = leaseUntil.getTime() + 1000;
    clockB.mockImplementation(() => new Date(takeoverAt));
    const first = await Promise.all([schedB.tick(), schedB.tick()]);
    expect(first.reduce((n, r) => n + r.started, 0)).toBe(PROBES);
    expect(first.flatMap((r) => r.outcomes).every((o) => o.error === null)).toBe(true);

    // One interval later: each probe runs once more, and the episode is not stored again.
    clockB.mockImplementation(() => new Date(takeoverAt + 61_000));
    const second = await Promise.all([schedB.tick(), schedB.tick()]);
    expect(second.reduce((n, r) => n + r.started, 0)).toBe(PROBES);

    const runs = await db.query<{ probe_id: string; n: string }>(`SELECT probe_id, COUNT(*) AS n FROM probe_runs GROUP BY probe_id`);
    const signals = await db.query<{ probe_id: string; n: string }>(`SELECT probe_id, COUNT(*) AS n FROM insight_signals GROUP BY probe_id`);
    recordFault('replica-killed', {
      fault: 'Two replicas with the scheduler on, one killed mid-run',
      injected: 'replica A claims every due probe and never finishes (hangs as a killed process would); replica B keeps ticking',
      load: `${PROBES} run-metric probes on one throwaway PostgreSQL cluster, interval 60 s`,
      figures: {
        'probes held by the dead replica': held,
        'runs by the survivor while the leases held': whileHeld.started,
        'runs by the survivor after the leases lapsed (first interval)': first.reduce((n, r) => n + r.started, 0),
        'runs in the next interval': second.reduce((n, r) => n + r.started, 0),
        'probe runs recorded per probe': runs.map((r) => Number(r.n)).join(', '),
        'signals per probe': signals.map((r) => Number(r.n)).join(', '),
      },
      outcome: 'pass',
    });
    expect(runs).toHaveLength(PROBES);
    expect(runs.every((r) => Number(r.n) === 2)).toBe(true);
    expect(signals).toHaveLength(PROBES);
    expect(signals.every((r) => Number(r.n) === 1)).toBe(true);
  });
});

import { Database } from '../../src/database/database.service';
import { Clock } from '../../src/modules/insight/clock';
import { ProbeRunner } from '../../src/modules/insight/probe-runner.service';
import { ProbeScheduler } from '../../src/modules/insight/scheduler/probe-scheduler';
import { describeDb, startTestApp, TestApp } from '../support/test-app';

/**
 * More probes due than PROBE_CONCURRENCY: a free slot takes the next due probe as soon as its run
 * ends, so the scheduler keeps up instead of starting PROBE_CONCURRENCY runs per 1 s tick (500
 * probes a minute at the default of 4 fell behind; reports/performance/6-probes.md).
 */
describeDb('insight scheduler with more due probes than PROBE_CONCURRENCY', () => {
  let t: TestApp;
  const PROBES = 9;
  const CONCURRENCY = 2;
  let running = 0;
  let peak = 0;

  beforeAll(async () => {
    t = await startTestApp({ env: { SCHEDULER_ENABLED: 'false', PROBE_CONCURRENCY: String(CONCURRENCY) } });
    for (let i = 0; i < PROBES; i++) {
      const res = await t.http().post('/probes').set(t.admin.header).send({ name: `count-${i}`, source: 'runs', query: 'runs_count', interval_s: 60 });
      expect(res.status).toBe(201);
    }
    const runner = t.app.get(ProbeRunner);
    const real = runner.runClaimed.bind(runner);
    // each run takes a little while, so runs overlap and the bound is exercised
    jest.spyOn(runner, 'runClaimed').mockImplementation(async (...args) => {
      peak = Math.max(peak, ++running);
      try {
        await new Promise((r) => setTimeout(r, 20));
        return await real(...args);
      } finally {
        running--;
      }
    });
  });
  afterAll(() => t.close());

  const runsPerProbe = async () =>
    (await t.app.get(Database).query<{ n: string | number }>('SELECT probe_id, COUNT(*) AS n FROM probe_runs GROUP BY probe_id')).map((r) => Number(r.n));

  it('one tick runs every due probe once, never more than PROBE_CONCURRENCY at a time', async () => {
    const scheduler = t.app.get(ProbeScheduler);
    const tick = await scheduler.tick();
    expect(tick.started).toBe(PROBES);
    expect(tick.outcomes.every((o) => o.error === null)).toBe(true);
    expect(peak).toBe(CONCURRENCY);
    expect((await scheduler.tick()).started).toBe(0);
    expect(await runsPerProbe()).toEqual(Array(PROBES).fill(1));
  });

  it('overlapping ticks share the bound and run each due probe once', async () => {
    peak = 0;
    const clock = jest.spyOn(t.app.get(Clock), 'now').mockImplementation(() => new Date(Date.now() + 61_000));
    try {
      const scheduler = t.app.get(ProbeScheduler);
      const ticks = await Promise.all([scheduler.tick(), scheduler.tick(), scheduler.tick()]);
      expect(ticks.reduce((n, r) => n + r.started, 0)).toBe(PROBES);
      expect(peak).toBe(CONCURRENCY);
      expect(await runsPerProbe()).toEqual(Array(PROBES).fill(2));
    } finally {
      clock.mockRestore();
    }
  });
});

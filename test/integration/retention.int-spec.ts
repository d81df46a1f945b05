import { randomUUID } from 'node:crypto';
import { Database } from '../../src/database/database.service';
import { DeliveriesRepository } from '../../src/modules/insight/deliveries.repository';
import { Signal } from '../../src/modules/insight/domain/probe';
import { ProbeRunsRepository } from '../../src/modules/insight/probe-runs.repository';
import { SignalsRepository } from '../../src/modules/insight/signals.repository';
import { SignalsRetentionJob } from '../../src/modules/insight/signals-retention.job';
import { SignalsService } from '../../src/modules/insight/signals.service';
import { WorkflowsService } from '../../src/modules/registry/workflows.service';
import { RunsRetentionJob } from '../../src/modules/runs/runs-retention.job';
import { RunsService } from '../../src/modules/runs/runs.service';
import { describeDb, startTestApp, TestApp } from '../support/test-app';

const DAY = 86_400_000;
const NOW = Date.now();
const daysAgo = (days: number) => new Date(NOW - days * DAY);

async function eventually(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * The sweeps an app starts at boot run in the background; one still running when a test seeds its
 * rows would purge some of them first and make the test's own sweep count fewer. Joining them (a
 * sweep called while one runs joins it) leaves the test's sweep the only one that sees the rows.
 */
async function bootSweepsDone(t: TestApp): Promise<void> {
  await Promise.all([t.app.get(RunsRetentionJob).sweep(), t.app.get(SignalsRetentionJob).sweep()]);
}

/** Old and recent runs, signals (resolved and firing), their deliveries and probe runs. */
async function seed(t: TestApp): Promise<void> {
  const runs = t.app.get(RunsService);
  for (const [runId, days] of [['old-1', 40], ['old-2', 35], ['recent', 2]] as const) {
    await runs.record({ wpk_id: 'wf-ret', run_id: runId, status: 'failed', error: 'x', created_at: daysAgo(days).toISOString() });
  }
  const db = t.app.get(Database);
  const signals = t.app.get(SignalsRepository);
  const deliveries = t.app.get(DeliveriesRepository);
  const probeRuns = t.app.get(ProbeRunsRepository);
  const probeId = randomUUID();
  const signal = (id: string, observedDays: number, resolvedDays: number | null): Signal => ({
    id, probe_id: probeId, probe_name: 'retention-probe', metric: 'runs_count', labels: { wpk_id: 'wf-ret' }, series_key: `k-${id}`, value: 1, score: 9, hint: 'h', detector: 'zscore',
    threshold: 3, step_s: 60, wpk_id: 'wf-ret', observed_at: daysAgo(observedDays), last_anomalous_at: daysAgo(observedDays),
    state: resolvedDays === null ? 'firing' : 'resolved', peak_at: daysAgo(observedDays), resolved_at: resolvedDays === null ? null : daysAgo(resolvedDays), created_at: daysAgo(observedDays), updated_at: daysAgo(observedDays),
    severity: 'warning', probe_labels: {}, acknowledged_at: null, acknowledged_by: null, ack_note: null, snoozed_until: null, silenced_by: null,
  });
  await db.write(async (tx) => {
    for (const [id, observed, resolved] of [['resolved-old', 50, 45], ['resolved-12d', 13, 12], ['firing-old', 60, null], ['resolved-recent', 3, 2]] as const) {
      const s = signal(id === 'resolved-old' ? SIGNAL_IDS.old : id === 'resolved-12d' ? SIGNAL_IDS.d12 : id === 'firing-old' ? SIGNAL_IDS.firing : SIGNAL_IDS.recent, observed, resolved);
      await signals.insertIfAbsent(s, `episode-${id}`, tx);
      await deliveries.enqueue({ id: randomUUID(), signal_id: s.id, channel: 'webhook', event: 'firing', body: '{}' }, s.observed_at, tx);
    }
    for (const days of [40, 12, 1]) {
      const at = daysAgo(days);
      await probeRuns.insert({ id: randomUUID(), probe_id: probeId, started_at: at, finished_at: at, points_scored: 1, signals: 0, error: null, replica: 'r' }, tx);
    }
  });
}

const SIGNAL_IDS = { old: randomUUID(), d12: randomUUID(), firing: randomUUID(), recent: randomUUID() };

async function counts(t: TestApp) {
  const db = t.app.get(Database);
  const n = async (sql: string) => Number((await db.query<{ n: unknown }>(`SELECT COUNT(*) AS n FROM ${sql}`))[0].n);
  const ids = await db.query<{ id: string }>('SELECT id FROM insight_signals ORDER BY id');
  return {
    runs: await n('workflow_runs'),
    signals: ids.map((r) => String(r.id)).sort(),
    deliveries: await n('insight_deliveries'),
    probeRuns: await n('probe_runs'),
  };
}

async function mayBePurged(t: TestApp, signalId: string): Promise<unknown> {
  const res = await t.http().get(`/signals/${signalId}/runs`).set(t.admin.header);
  expect(res.status).toBe(200);
  return res.body.runs_may_be_purged;
}

describeDb('retention of runs, signals, their deliveries and probe runs', () => {
  it('sweeps at boot: a restart with RUN_RETENTION_DAYS purges runs, and signals by the same period when SIGNAL_RETENTION_DAYS is unset', async () => {
    const before = await startTestApp({ env: { SCHEDULER_ENABLED: 'false' } });
    let open = true;
    try {
      await seed(before);
      // both unset: nothing is ever purged
      expect(await before.app.get(RunsService).purgeExpired()).toBe(0);
      expect(await before.app.get(SignalsService).purgeExpired()).toEqual({ signals: 0, deliveries: 0, probe_runs: 0 });
      expect(await counts(before)).toMatchObject({ runs: 3, deliveries: 4, probeRuns: 3 });
      expect(await mayBePurged(before, SIGNAL_IDS.firing)).toBe(false);
      await before.app.close();
      open = false;
      const after = await startTestApp({ env: { SCHEDULER_ENABLED: 'false', RUN_RETENTION_DAYS: '30' }, reuse: { dataDir: before.dataDir, databaseUrl: (before as { databaseUrl?: string }).databaseUrl } });
      try {
        await eventually(async () => (await counts(after)).runs === 1 && (await counts(after)).probeRuns === 2);
        expect(await counts(after)).toEqual({
          runs: 1,
          // resolved 45 days ago goes; resolved 12 days ago, still firing, and recent stay
          signals: [SIGNAL_IDS.d12, SIGNAL_IDS.firing, SIGNAL_IDS.recent].sort(),
          deliveries: 3,
          probeRuns: 2,
        });
        expect(await after.app.get(WorkflowsService).get('wf-ret')).toMatchObject({ runs_total: 1, runs_failed: 1 });
        // a signal whose window starts before the run-retention cutoff says its run list may be short
        expect(await mayBePurged(after, SIGNAL_IDS.firing)).toBe(true);
        expect(await mayBePurged(after, SIGNAL_IDS.d12)).toBe(false);
      } finally {
        await after.app.close();
      }
    } finally {
      if (open) await before.app.close();
      await before.release();
    }
  });

  it('SIGNAL_RETENTION_DAYS sets its own period', async () => {
    const t = await startTestApp({ env: { SCHEDULER_ENABLED: 'false', RUN_RETENTION_DAYS: '365', SIGNAL_RETENTION_DAYS: '7' } });
    try {
      await bootSweepsDone(t);
      await seed(t);
      expect(await t.app.get(SignalsService).purgeExpired(new Date(NOW))).toEqual({ signals: 2, deliveries: 2, probe_runs: 2 });
      expect(await counts(t)).toEqual({ runs: 3, signals: [SIGNAL_IDS.firing, SIGNAL_IDS.recent].sort(), deliveries: 2, probeRuns: 1 });
      expect(await t.app.get(SignalsService).purgeExpired(new Date(NOW))).toEqual({ signals: 0, deliveries: 0, probe_runs: 0 });
    } finally {
      await t.close();
    }
  });

  it('concurrent sweeps (two replicas) delete each run once and keep the workflow counters exact', async () => {
    const t = await startTestApp({ env: { SCHEDULER_ENABLED: 'false', RUN_RETENTION_DAYS: '30' } });
    try {
      await bootSweepsDone(t);
      const runs = t.app.get(RunsService);
      const batch = Array.from({ length: 2500 }, (_, i) => ({ wpk_id: 'wf-ret-many', run_id: `o${i}`, status: i % 2 ? 'failed' : 'completed', created_at: daysAgo(40).toISOString() }));
      for (let i = 0; i < batch.length; i += 1000) await runs.recordBatch(batch.slice(i, i + 1000));
      await runs.record({ wpk_id: 'wf-ret-many', run_id: 'keep', status: 'failed' });
      const deleted = await Promise.all([runs.purgeExpired(), runs.purgeExpired(), runs.purgeExpired()]);
      expect(deleted.reduce((a, b) => a + b, 0)).toBe(2500);
      expect(await t.app.get(WorkflowsService).get('wf-ret-many')).toMatchObject({ runs_total: 1, runs_failed: 1, last_run_id: 'keep' });
    } finally {
      await t.close();
    }
  });
});

import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { MIGRATIONS } from '../../migrations';
import { ProbeSeverityLabels1764380400000 } from '../../migrations/1764380400000-ProbeSeverityLabels';
import { Silences1764380420000 } from '../../migrations/1764380420000-Silences';
import { emptyMigrationDatabase } from '../support/migration-db';
import { currentDriver, describeDb } from '../support/test-app';

describeDb('the ProbeSeverityLabels, SignalActions and Silences migrations', () => {
  it('give existing probes severity warning, no labels and no tuning, existing signals warning and no actions; and can be reverted', async () => {
    const pg = currentDriver() === 'postgres';
    const { options, cleanup } = await emptyMigrationDatabase();
    const cut = MIGRATIONS.indexOf(ProbeSeverityLabels1764380400000);
    const before = MIGRATIONS.slice(0, cut);
    // up to these three only: later migrations are not what this test is about
    const through = MIGRATIONS.slice(0, MIGRATIONS.indexOf(Silences1764380420000) + 1);
    try {
      const old = await new DataSource({ ...options, migrations: before } as never).initialize();
      await old.runMigrations({ transaction: 'all' });
      const p = (i: number) => (pg ? `$${i}` : '?');
      const now = pg ? '2026-01-10T12:00:00.000Z' : '2026-01-10 12:00:00.000';
      const probeId = randomUUID();
      await old.query(
        `INSERT INTO probes (id, name, query, source, detector, detector_params, threshold, lookback, step, cooldown_s, min_consecutive, interval_s, enabled, consecutive_failures, created_at, updated_at)
         VALUES (${Array.from({ length: 16 }, (_, i) => p(i + 1)).join(', ')})`,
        [probeId, 'old-probe', 'runs_count', 'runs', 'zscore', '{}', 2, '1h', '1m', 300, 1, 60, pg ? true : 1, 0, now, now],
      );
      await old.query(
        `INSERT INTO insight_signals (id, episode_key, probe_id, metric, labels, series_key, value, score, hint, detector, threshold, step_s, wpk_id, observed_at, last_anomalous_at, state, created_at, updated_at)
         VALUES (${Array.from({ length: 18 }, (_, i) => p(i + 1)).join(', ')})`,
        [randomUUID(), 'k', probeId, 'runs_count', '{}', '', 5, 4, 'h', 'zscore', 2, 60, null, now, now, 'firing', now, now],
      );
      await old.destroy();

      const after = await new DataSource({ ...options, migrations: through } as never).initialize();
      expect((await after.runMigrations({ transaction: 'all' })).map((m) => m.name)).toEqual(['ProbeSeverityLabels1764380400000', 'SignalActions1764380410000', 'Silences1764380420000']);
      const json = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v);
      const [probe] = await after.query(`SELECT severity, labels, tuning_steps, tuning, last_noise_at FROM probes`);
      expect({ ...probe, labels: json(probe.labels), tuning: json(probe.tuning), tuning_steps: Number(probe.tuning_steps) }).toEqual({
        severity: 'warning',
        labels: {},
        tuning_steps: 0,
        tuning: [],
        last_noise_at: null,
      });
      const [signal] = await after.query(`SELECT severity, probe_labels, acknowledged_at, acknowledged_by_key_id, snoozed_until, silenced_by FROM insight_signals`);
      expect({ ...signal, probe_labels: json(signal.probe_labels) }).toEqual({
        severity: 'warning',
        probe_labels: {},
        acknowledged_at: null,
        acknowledged_by_key_id: null,
        snoozed_until: null,
        silenced_by: null,
      });
      expect(await after.query(`SELECT COUNT(*) AS n FROM insight_silences`)).toEqual([{ n: pg ? '0' : 0 }]);
      expect(await after.query(`SELECT COUNT(*) AS n FROM insight_signal_feedback`)).toEqual([{ n: pg ? '0' : 0 }]);
      for (let i = 0; i < 3; i++) await after.undoLastMigration({ transaction: 'all' });
      await expect(after.query(`SELECT severity FROM probes`)).rejects.toThrow();
      await expect(after.query(`SELECT acknowledged_at FROM insight_signals`)).rejects.toThrow();
      await expect(after.query(`SELECT id FROM insight_silences`)).rejects.toThrow();
      await after.destroy();
    } finally {
      await cleanup();
    }
  });
});

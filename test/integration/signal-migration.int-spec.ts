import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { MIGRATIONS } from '../../migrations';
import { SignalProbeNameAndPeak1764380000000 } from '../../migrations/1764380000000-SignalProbeNameAndPeak';
import { emptyMigrationDatabase } from '../support/migration-db';
import { currentDriver, describeDb } from '../support/test-app';

describeDb('the SignalProbeNameAndPeak migration', () => {
  it("backfills probe_name from probes that still exist and peak_at where the episode was one sample; the rest stay null", async () => {
    const pg = currentDriver() === 'postgres';
    const { options, cleanup } = await emptyMigrationDatabase();
    const before = MIGRATIONS.filter((m) => m !== SignalProbeNameAndPeak1764380000000);
    try {
      const old = await new DataSource({ ...options, migrations: before } as never).initialize();
      await old.runMigrations({ transaction: 'all' });
      const p = (i: number) => (pg ? `$${i}` : '?');
      const time = (iso: string) => (pg ? iso : iso.replace('T', ' ').replace('Z', ''));
      const probeId = randomUUID();
      const now = time('2026-01-10T12:00:00.000Z');
      await old.query(
        `INSERT INTO probes (id, name, query, source, detector, detector_params, threshold, lookback, step, cooldown_s, min_consecutive, interval_s, enabled, consecutive_failures, created_at, updated_at)
         VALUES (${[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16].map(p).join(', ')})`,
        [probeId, 'kept-probe', 'runs_count', 'runs', 'zscore', '{}', 2, '1h', '1m', 300, 1, 60, pg ? true : 1, 0, now, now],
      );
      const signals: Array<[string, string | null, string, string]> = [
        ['kept', probeId, '2026-01-10T10:00:00.000Z', '2026-01-10T10:05:00.000Z'],
        ['gone', randomUUID(), '2026-01-10T10:00:00.000Z', '2026-01-10T10:00:00.000Z'],
        ['adhoc', null, '2026-01-10T11:00:00.000Z', '2026-01-10T11:00:00.000Z'],
      ];
      for (const [hint, probe, observed, last] of signals) {
        await old.query(
          `INSERT INTO insight_signals (id, episode_key, probe_id, metric, labels, series_key, value, score, hint, detector, threshold, step_s, wpk_id, observed_at, last_anomalous_at, state, created_at, updated_at)
           VALUES (${Array.from({ length: 18 }, (_, i) => p(i + 1)).join(', ')})`,
          [randomUUID(), hint, probe, 'runs_count', '{}', '', 5, 4, hint, 'zscore', 2, 60, null, time(observed), time(last), 'firing', now, now],
        );
      }
      await old.destroy();

      const after = await new DataSource({ ...options, migrations: MIGRATIONS } as never).initialize();
      expect((await after.runMigrations({ transaction: 'all' })).map((m) => m.name)).toEqual(['SignalProbeNameAndPeak1764380000000']);
      const rows: Array<{ hint: string; probe_name: string | null; peak_at: unknown }> = await after.query('SELECT hint, probe_name, peak_at FROM insight_signals ORDER BY hint');
      await after.destroy();
      const iso = (v: unknown) => (v === null ? null : new Date(v instanceof Date ? v : `${String(v).replace(' ', 'T')}Z`).toISOString());
      expect(rows.map((r) => ({ hint: r.hint, probe_name: r.probe_name, peak_at: iso(r.peak_at) }))).toEqual([
        { hint: 'adhoc', probe_name: null, peak_at: '2026-01-10T11:00:00.000Z' },
        { hint: 'gone', probe_name: null, peak_at: '2026-01-10T10:00:00.000Z' },
        { hint: 'kept', probe_name: 'kept-probe', peak_at: null },
      ]);
    } finally {
      await cleanup();
    }
  });
});

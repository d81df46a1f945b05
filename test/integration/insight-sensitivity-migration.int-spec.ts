import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { MIGRATIONS } from '../../migrations';
import { ProbeSensitivity1764380100000 } from '../../migrations/1764380100000-ProbeSensitivity';
import { getDetector } from '../../src/modules/insight/detectors';
import { emptyMigrationDatabase } from '../support/migration-db';
import { currentDriver, describeDb } from '../support/test-app';

describeDb('the ProbeSensitivity migration', () => {
  it('puts probes created at their detector’s default threshold at sensitivity medium, keeps the others custom, and can be reverted', async () => {
    const driver = currentDriver();
    const { options, cleanup } = await emptyMigrationDatabase();
    const earlier = MIGRATIONS.filter((m) => m !== ProbeSensitivity1764380100000);
    try {
      const before = await new DataSource({ ...options, migrations: earlier } as never).initialize();
      await before.runMigrations({ transaction: 'all' });
      const pg = driver === 'postgres';
      const p = (i: number) => (pg ? `$${i}` : '?');
      const now = pg ? new Date().toISOString() : new Date().toISOString().replace('T', ' ').replace('Z', '');
      const probes: Array<[string, string, number]> = [
        ['sentinel-default', 'sentinel', getDetector('sentinel').defaultThreshold],
        ['zscore-default', 'zscore', getDetector('zscore').defaultThreshold],
        ['robust-custom', 'robust', 4.25],
        ['ewma-custom', 'ewma', 2],
      ];
      for (const [name, detector, threshold] of probes) {
        await before.query(
          `INSERT INTO probes (id, name, query, source, detector, detector_params, threshold, lookback, step, cooldown_s, min_consecutive, enabled, created_at, updated_at)
           VALUES (${Array.from({ length: 14 }, (_, i) => p(i + 1)).join(', ')})`,
          [randomUUID(), name, 'runs_count', 'runs', detector, '{}', threshold, '1h', '1m', 300, 1, pg ? true : 1, now, now],
        );
      }
      await before.destroy();

      const after = await new DataSource({ ...options, migrations: MIGRATIONS } as never).initialize();
      expect((await after.runMigrations({ transaction: 'all' })).map((m) => m.name)).toEqual(['ProbeSensitivity1764380100000']);
      const got = await after.query(`SELECT name, sensitivity, threshold FROM probes ORDER BY name`);
      expect(got.map((r: Record<string, unknown>) => [r.name, r.sensitivity])).toEqual([
        ['ewma-custom', null],
        ['robust-custom', null],
        ['sentinel-default', 'medium'],
        ['zscore-default', 'medium'],
      ]);
      await after.query(`SELECT warming_up_until FROM insight_series_state`);
      await after.undoLastMigration({ transaction: 'all' });
      await expect(after.query(`SELECT sensitivity FROM probes`)).rejects.toThrow();
      await after.destroy();
    } finally {
      await cleanup();
    }
  });
});

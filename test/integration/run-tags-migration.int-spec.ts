import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { MIGRATIONS } from '../../migrations';
import { RunTags1764380700000 } from '../../migrations/1764380700000-RunTags';
import { emptyMigrationDatabase } from '../support/migration-db';
import { currentDriver, describeDb } from '../support/test-app';

describeDb('the RunTags migration', () => {
  it('fills one tag row per run and distinct string tag, with the run’s workflow and created_at', async () => {
    const pg = currentDriver() === 'postgres';
    const { options, cleanup } = await emptyMigrationDatabase();
    const before = MIGRATIONS.filter((m) => m !== RunTags1764380700000);
    try {
      const old = await new DataSource({ ...options, migrations: before } as never).initialize();
      await old.runMigrations({ transaction: 'all' });
      const p = (i: number) => (pg ? `$${i}` : '?');
      const time = (iso: string) => (pg ? iso : iso.replace('T', ' ').replace('Z', ''));
      const runs: Array<[string, string | null]> = [
        ['two', '["prod","eu"]'],
        ['repeated', '["prod","prod"]'],
        ['none', null],
        ['empty', '[]'],
        // not what the API stores, but what a hand-written row might hold: only strings are tags
        ['mixed', '["x",1,null,["y"]]'],
        ['object', '{"tag":"prod"}'],
      ];
      const ids = new Map<string, string>();
      for (const [i, [runId, tags]] of runs.entries()) {
        const id = randomUUID();
        ids.set(runId, id);
        const at = time(new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString());
        await old.query(
          `INSERT INTO workflow_runs (id, wpk_id, run_id, status, tags, created_at, updated_at) VALUES (${[1, 2, 3, 4, 5, 6, 7].map(p).join(', ')})`,
          [id, 'wf-m', runId, 'completed', tags, at, at],
        );
      }
      await old.destroy();

      const after = await new DataSource({ ...options, migrations: MIGRATIONS } as never).initialize();
      expect((await after.runMigrations({ transaction: 'all' })).map((m) => m.name)).toEqual(['RunTags1764380700000']);
      const rows: Array<{ run_id: string; tag: string; wpk_id: string; same_time: unknown }> = await after.query(
        `SELECT t.run_id, t.tag, t.wpk_id, CASE WHEN t.created_at = r.created_at THEN 1 ELSE 0 END AS same_time
         FROM workflow_run_tags t JOIN workflow_runs r ON r.id = t.run_id ORDER BY r.run_id, t.tag`,
      );
      await after.destroy();
      expect(rows.map((r) => ({ ...r, same_time: Number(r.same_time) }))).toEqual([
        { run_id: ids.get('mixed'), tag: 'x', wpk_id: 'wf-m', same_time: 1 },
        { run_id: ids.get('repeated'), tag: 'prod', wpk_id: 'wf-m', same_time: 1 },
        { run_id: ids.get('two'), tag: 'eu', wpk_id: 'wf-m', same_time: 1 },
        { run_id: ids.get('two'), tag: 'prod', wpk_id: 'wf-m', same_time: 1 },
      ]);
    } finally {
      await cleanup();
    }
  });
});

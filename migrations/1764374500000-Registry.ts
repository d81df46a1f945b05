import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { columnTypes } from '../src/database/columns';

/**
 * The workflow registry. Every workflow that already has runs is registered with a summary computed
 * from workflow_runs, so the counters and the latest run are right from the first boot.
 */
export class Registry1764374500000 implements MigrationInterface {
  name = 'Registry1764374500000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const pg = queryRunner.connection.driver.options.type === 'postgres';
    const t = columnTypes(pg ? 'postgres' : 'sqlite');
    await queryRunner.createTable(
      new Table({
        name: 'workflows',
        columns: [
          { name: 'id', type: t.text, isPrimary: true, ...(pg ? { collation: 'C' } : {}) },
          { name: 'name', type: t.text },
          { name: 'description', type: t.text, isNullable: true },
          { name: 'version', type: t.text, isNullable: true },
          { name: 'owner', type: t.text, isNullable: true },
          { name: 'tags', type: t.json, isNullable: true },
          { name: 'metadata', type: t.json, isNullable: true },
          { name: 'archived_at', type: t.timestamp, isNullable: true },
          { name: 'created_at', type: t.timestamp },
          { name: 'updated_at', type: t.timestamp },
          { name: 'last_run_id', type: t.text, isNullable: true },
          { name: 'last_status', type: t.text, isNullable: true },
          { name: 'last_run_at', type: t.timestamp, isNullable: true },
          { name: 'last_duration_ms', type: t.integer, isNullable: true },
          { name: 'last_error', type: t.text, isNullable: true },
          { name: 'runs_total', type: t.integer, default: 0 },
          { name: 'runs_failed', type: t.integer, default: 0 },
        ],
        indices: [new TableIndex({ name: 'ix_workflows_owner', columnNames: ['owner'] })],
      }),
    );

    const runId = pg ? 'run_id COLLATE "C"' : 'run_id';
    const failed = pg ? `COUNT(*) FILTER (WHERE status = 'failed')` : `SUM(status = 'failed')`;
    await queryRunner.query(`
      INSERT INTO workflows (id, name, tags, created_at, updated_at, last_run_id, last_status, last_run_at,
                             last_duration_ms, last_error, runs_total, runs_failed)
      SELECT c.wpk_id, c.wpk_id, ${pg ? "'[]'::jsonb" : "'[]'"}, c.first_at, c.first_at, l.run_id, l.status, l.at, l.duration_ms, l.error,
             c.total, c.failed
      FROM (SELECT wpk_id, COUNT(*) AS total, ${failed} AS failed, MIN(created_at) AS first_at
            FROM workflow_runs GROUP BY wpk_id) c
      JOIN (SELECT wpk_id, run_id, status, duration_ms, error, COALESCE(started_at, created_at) AS at,
                   ROW_NUMBER() OVER (PARTITION BY wpk_id ORDER BY COALESCE(started_at, created_at) DESC, ${runId} DESC) AS rn
            FROM workflow_runs) l ON l.wpk_id = c.wpk_id AND l.rn = 1`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('workflows');
  }
}

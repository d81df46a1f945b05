import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { columnTypes } from '../src/database/columns';
import { RUN_HAPPENED_AT_SQL } from './1764374800000-RunHappenedAt';

/**
 * The node rows of every stored run, by the rules of `nodeRows`: one INSERT … SELECT over the runs'
 * JSON node logs. The migration runs it once; the insights bench times it.
 */
export function runNodesBackfillSql(driver: 'postgres' | 'sqlite'): string {
  const at = `(${RUN_HAPPENED_AT_SQL[driver]})`;
  if (driver === 'postgres') {
    return `INSERT INTO workflow_run_nodes (run_id, position, wpk_id, node, happened_at, duration_ms, failed, error, run_duration_ms)
         SELECT r.id, (e.ord - 1)::int, r.wpk_id, e.log->>'node', ${at},
                CASE WHEN jsonb_typeof(e.log->'duration_ms') = 'number' AND (e.log->>'duration_ms')::numeric = trunc((e.log->>'duration_ms')::numeric)
                     THEN (e.log->>'duration_ms')::numeric::int END,
                CASE WHEN (jsonb_typeof(e.log->'error') = 'string' AND e.log->>'error' <> '')
                       OR (jsonb_typeof(e.log->'status') = 'string' AND e.log->>'status' IN ('failed', 'error')) THEN 1 ELSE 0 END,
                CASE WHEN jsonb_typeof(e.log->'error') = 'string' AND e.log->>'error' <> '' THEN left(e.log->>'error', 500) END,
                CASE WHEN e.ord = 1 THEN r.duration_ms END
         FROM workflow_runs r CROSS JOIN LATERAL jsonb_array_elements(CASE WHEN jsonb_typeof(r.node_logs) = 'array' THEN r.node_logs ELSE '[]'::jsonb END) WITH ORDINALITY AS e(log, ord)
         WHERE jsonb_typeof(e.log) = 'object' AND jsonb_typeof(e.log->'node') = 'string'`;
  }
  return `INSERT INTO workflow_run_nodes (run_id, position, wpk_id, node, happened_at, duration_ms, failed, error, run_duration_ms)
       SELECT r.id, e.key, r.wpk_id, json_extract(e.value, '$.node'), ${at},
              CASE WHEN json_type(e.value, '$.duration_ms') = 'integer' THEN json_extract(e.value, '$.duration_ms') END,
              CASE WHEN (json_type(e.value, '$.error') = 'text' AND json_extract(e.value, '$.error') <> '')
                     OR (json_type(e.value, '$.status') = 'text' AND json_extract(e.value, '$.status') IN ('failed', 'error')) THEN 1 ELSE 0 END,
              CASE WHEN json_type(e.value, '$.error') = 'text' AND json_extract(e.value, '$.error') <> '' THEN substr(json_extract(e.value, '$.error'), 1, 500) END,
              CASE WHEN e.key = 0 THEN r.duration_ms END
       FROM workflow_runs r, json_each(CASE WHEN json_type(r.node_logs) = 'array' THEN r.node_logs ELSE '[]' END) e
       WHERE e.type = 'object' AND json_type(e.value, '$.node') = 'text'`;
}

/**
 * `workflow_run_nodes`: one row per node log of a run (the log's node, duration, whether it failed,
 * its error clipped to 500 characters) with the run's happened-at time, so per-node insights over a
 * window read an index range instead of every run's JSON. New runs get their rows in the run's own
 * write (RunNodesHook); the rows of runs stored before this migration are filled here, by the same
 * rules as `nodeRows` (src/modules/run-insights/domain/node-rows.ts). One index holds every column
 * the per-node aggregate reads and a partial one every column the error count reads, so PostgreSQL
 * answers both from an index alone; a partial index on the failed runs by when they happened serves
 * "the window's latest 1,000 failed runs" of failure clustering.
 */
export class RunNodes1764380500000 implements MigrationInterface {
  name = 'RunNodes1764380500000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const pg = queryRunner.connection.driver.options.type === 'postgres';
    const t = columnTypes(pg ? 'postgres' : 'sqlite');
    await queryRunner.createTable(
      new Table({
        name: 'workflow_run_nodes',
        columns: [
          { name: 'run_id', type: t.uuid, isPrimary: true },
          { name: 'position', type: t.integer, isPrimary: true },
          { name: 'wpk_id', type: t.text },
          { name: 'node', type: t.text },
          { name: 'happened_at', type: t.timestamp },
          { name: 'duration_ms', type: t.integer, isNullable: true },
          { name: 'failed', type: t.integer, default: 0 },
          { name: 'error', type: t.text, isNullable: true },
          { name: 'run_duration_ms', type: t.integer, isNullable: true },
        ],
        indices: [
          new TableIndex({ name: 'ix_workflow_run_nodes_wpk_happened', columnNames: ['wpk_id', 'happened_at', 'node', 'duration_ms', 'failed', 'run_duration_ms'] }),
          new TableIndex({ name: 'ix_workflow_run_nodes_wpk_failures', columnNames: ['wpk_id', 'happened_at', 'node', 'error'], where: 'failed = 1' }),
        ],
      }),
    );
    const at = RUN_HAPPENED_AT_SQL[pg ? 'postgres' : 'sqlite'];
    await queryRunner.query(`CREATE INDEX ix_workflow_runs_wpk_failed_happened ON workflow_runs (wpk_id, (${at})) WHERE status = 'failed'`);
    await queryRunner.query(runNodesBackfillSql(pg ? 'postgres' : 'sqlite'));
    if (pg) await queryRunner.query('ANALYZE workflow_run_nodes');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX ix_workflow_runs_wpk_failed_happened');
    await queryRunner.dropTable('workflow_run_nodes');
  }
}

import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { columnTypes } from '../src/database/columns';

/**
 * The tag rows of the runs `from` (aliased `r`, with id, wpk_id, tags and created_at) matching
 * `where`: one per distinct string of a run's `tags` array, the strings the `tag` filter used to
 * find in the JSON itself. The migration fills the table with it, and PostgreSQL's one-statement
 * insert of new runs writes their rows with it; RunsRepository's other writes apply the same rule
 * to the run's values (tagRowsOf).
 */
export function runTagRowsSql(driver: 'postgres' | 'sqlite', from: string, where?: string): string {
  const and = where ? ` AND ${where}` : '';
  if (driver === 'postgres') {
    return `SELECT DISTINCT r.id, e.tag #>> '{}', r.wpk_id, r.created_at
       FROM ${from} r CROSS JOIN LATERAL jsonb_array_elements(CASE WHEN jsonb_typeof(r.tags) = 'array' THEN r.tags ELSE '[]'::jsonb END) AS e(tag)
       WHERE jsonb_typeof(e.tag) = 'string'${and}`;
  }
  return `SELECT DISTINCT r.id, e.value, r.wpk_id, r.created_at
     FROM ${from} r, json_each(CASE WHEN json_type(r.tags) = 'array' THEN r.tags ELSE '[]' END) e
     WHERE e.type = 'text'${and}`;
}

export const RUN_TAG_COLUMNS = 'run_id, tag, wpk_id, created_at';

/**
 * `workflow_run_tags`: one row per run and tag, with the run's workflow and its ordering key
 * (created_at, id), so runs of one tag, newest first (`GET /runs?tag=`, `GET /workflows/:id/runs?tag=`,
 * by offset page, by cursor, and the bounded count behind a page's total), are read in order from
 * an index instead of walking every run and testing its JSON tags. Rows of the runs stored before
 * this migration are filled here.
 */
export class RunTags1764380700000 implements MigrationInterface {
  name = 'RunTags1764380700000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const pg = queryRunner.connection.driver.options.type === 'postgres';
    const t = columnTypes(pg ? 'postgres' : 'sqlite');
    await queryRunner.createTable(
      new Table({
        name: 'workflow_run_tags',
        columns: [
          { name: 'run_id', type: t.uuid, isPrimary: true },
          { name: 'tag', type: t.text, isPrimary: true },
          { name: 'wpk_id', type: t.text },
          { name: 'created_at', type: t.timestamp },
        ],
        indices: [
          new TableIndex({ name: 'ix_workflow_run_tags_tag_created', columnNames: ['tag', 'created_at', 'run_id'] }),
          new TableIndex({ name: 'ix_workflow_run_tags_wpk_tag_created', columnNames: ['wpk_id', 'tag', 'created_at', 'run_id'] }),
        ],
      }),
    );
    await queryRunner.query(`INSERT INTO workflow_run_tags (${RUN_TAG_COLUMNS}) ${runTagRowsSql(pg ? 'postgres' : 'sqlite', 'workflow_runs')}`);
    if (pg) await queryRunner.query('ANALYZE workflow_run_tags');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('workflow_run_tags');
  }
}

import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Run metrics and a signal's runs are read by when a run happened: started_at, else created_at,
 * and created_at when started_at lies more than 5 minutes after it. Two indexes on that expression
 * (per workflow, and across workflows) keep those range reads fast on big tables. RunMetricsRepository
 * queries with this same text: both planners use an index on an expression only for a query holding
 * that expression.
 */
export const RUN_HAPPENED_AT_SQL = {
  postgres: `CASE WHEN started_at - created_at <= interval '5 minutes' THEN started_at ELSE created_at END`,
  sqlite: `CASE WHEN started_at <= strftime('%Y-%m-%d %H:%M:%f', created_at, '+300 seconds') THEN started_at ELSE created_at END`,
} as const;

export class RunHappenedAt1764374800000 implements MigrationInterface {
  name = 'RunHappenedAt1764374800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const at = RUN_HAPPENED_AT_SQL[queryRunner.connection.driver.options.type === 'postgres' ? 'postgres' : 'sqlite'];
    await queryRunner.query(`CREATE INDEX ix_workflow_runs_wpk_happened ON workflow_runs (wpk_id, (${at}))`);
    await queryRunner.query(`CREATE INDEX ix_workflow_runs_happened ON workflow_runs ((${at}))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX ix_workflow_runs_happened');
    await queryRunner.query('DROP INDEX ix_workflow_runs_wpk_happened');
  }
}

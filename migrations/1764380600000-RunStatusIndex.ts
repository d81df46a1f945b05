import { MigrationInterface, QueryRunner, TableIndex } from 'typeorm';

/**
 * Runs listed by status, newest first (`GET /runs?status=failed`, by cursor or by offset page, and
 * the bounded count behind an offset page's total): an index on (status, created_at, id) reads them
 * in order instead of walking every newer run to find them.
 */
export class RunStatusIndex1764380600000 implements MigrationInterface {
  name = 'RunStatusIndex1764380600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createIndex('workflow_runs', new TableIndex({ name: 'ix_workflow_runs_status_created', columnNames: ['status', 'created_at', 'id'] }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('workflow_runs', 'ix_workflow_runs_status_created');
  }
}

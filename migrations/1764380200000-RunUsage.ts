import { MigrationInterface, QueryRunner } from 'typeorm';
import { columnTypes } from '../src/database/columns';

/**
 * What a run spent on models: `usage` (tokens and cost, JSON) and `models` (the models it called,
 * a JSON array). Existing runs keep null in both. Plain ALTER TABLE on both drivers: TypeORM's
 * addColumn rebuilds a SQLite table, which would lose the expression indexes of RunHappenedAt.
 */
export class RunUsage1764380200000 implements MigrationInterface {
  name = 'RunUsage1764380200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const t = columnTypes(queryRunner.connection.driver.options.type === 'postgres' ? 'postgres' : 'sqlite');
    await queryRunner.query(`ALTER TABLE workflow_runs ADD COLUMN usage ${t.json}`);
    await queryRunner.query(`ALTER TABLE workflow_runs ADD COLUMN models ${t.json}`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE workflow_runs DROP COLUMN models');
    await queryRunner.query('ALTER TABLE workflow_runs DROP COLUMN usage');
  }
}

import { MigrationInterface, QueryRunner, Table, TableIndex, TableUnique } from 'typeorm';
import { columnTypes } from '../src/database/columns';

export class InitialSchema1764374400000 implements MigrationInterface {
  name = 'InitialSchema1764374400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const t = columnTypes(queryRunner.connection.driver.options.type === 'postgres' ? 'postgres' : 'sqlite');
    await queryRunner.createTable(
      new Table({
        name: 'workflow_runs',
        columns: [
          { name: 'id', type: t.uuid, isPrimary: true },
          { name: 'wpk_id', type: t.text },
          { name: 'run_id', type: t.text },
          { name: 'inputs', type: t.json, isNullable: true },
          { name: 'outputs', type: t.json, isNullable: true },
          { name: 'status', type: t.text },
          { name: 'duration_ms', type: t.integer, isNullable: true },
          { name: 'node_logs', type: t.json, isNullable: true },
          { name: 'error', type: t.text, isNullable: true },
          { name: 'tags', type: t.json, isNullable: true },
          { name: 'metadata', type: t.json, isNullable: true },
          { name: 'started_at', type: t.timestamp, isNullable: true },
          { name: 'ended_at', type: t.timestamp, isNullable: true },
          { name: 'created_at', type: t.timestamp },
          { name: 'updated_at', type: t.timestamp },
        ],
        uniques: [new TableUnique({ name: 'uq_workflow_runs_wpk_run', columnNames: ['wpk_id', 'run_id'] })],
        indices: [
          new TableIndex({ name: 'ix_workflow_runs_wpk_created', columnNames: ['wpk_id', 'created_at', 'id'] }),
          new TableIndex({ name: 'ix_workflow_runs_created', columnNames: ['created_at', 'id'] }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'api_keys',
        columns: [
          { name: 'id', type: t.uuid, isPrimary: true },
          { name: 'name', type: t.text },
          { name: 'role', type: t.text },
          { name: 'key_hash', type: t.text },
          { name: 'prefix', type: t.text },
          { name: 'source', type: t.text },
          { name: 'created_at', type: t.timestamp },
          { name: 'last_used_at', type: t.timestamp, isNullable: true },
          { name: 'revoked_at', type: t.timestamp, isNullable: true },
        ],
        indices: [new TableIndex({ name: 'uq_api_keys_hash', columnNames: ['key_hash'], isUnique: true })],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('api_keys');
    await queryRunner.dropTable('workflow_runs');
  }
}

import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { columnTypes } from '../src/database/columns';

/**
 * Silences (maintenance windows and snoozes): matchers over the labels a signal is sent with, a
 * time window, who made it. `applied_at` / `released_at` record that its start and its end were
 * acted on (matching firing signals silenced, then delivered once); the `mirror_*` columns are the
 * durable retry of its copy in Alertmanager.
 */
export class Silences1764380420000 implements MigrationInterface {
  name = 'Silences1764380420000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const t = columnTypes(queryRunner.connection.driver.options.type === 'postgres' ? 'postgres' : 'sqlite');
    await queryRunner.createTable(
      new Table({
        name: 'insight_silences',
        columns: [
          { name: 'id', type: t.uuid, isPrimary: true },
          { name: 'matchers', type: t.json },
          { name: 'starts_at', type: t.timestamp },
          { name: 'ends_at', type: t.timestamp },
          { name: 'comment', type: t.text },
          { name: 'created_by_key_id', type: t.text },
          { name: 'created_by_name', type: t.text },
          { name: 'signal_id', type: t.uuid, isNullable: true },
          { name: 'applied_at', type: t.timestamp, isNullable: true },
          { name: 'released_at', type: t.timestamp, isNullable: true },
          { name: 'mirror_due_at', type: t.timestamp, isNullable: true },
          { name: 'mirror_leased_until', type: t.timestamp, isNullable: true },
          { name: 'mirror_attempts', type: t.integer, default: 0 },
          { name: 'mirror_error', type: t.text, isNullable: true },
          { name: 'alertmanager_id', type: t.text, isNullable: true },
          { name: 'created_at', type: t.timestamp },
          { name: 'updated_at', type: t.timestamp },
        ],
        indices: [
          new TableIndex({ name: 'ix_insight_silences_ends', columnNames: ['ends_at'] }),
          new TableIndex({ name: 'ix_insight_silences_mirror_due', columnNames: ['mirror_due_at'] }),
          new TableIndex({ name: 'ix_insight_silences_signal', columnNames: ['signal_id'] }),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('insight_silences');
  }
}

import { MigrationInterface, QueryRunner, Table, TableColumn, TableIndex } from 'typeorm';
import { columnTypes } from '../src/database/columns';

/**
 * What people do with a signal: acknowledge it (who, when, a note), snooze it until a time, and
 * label it useful or noise (one label per key per signal). `silenced_by` is the silence holding
 * back its webhook deliveries; a delivery held back that way records the silence too.
 */
export class SignalActions1764380410000 implements MigrationInterface {
  name = 'SignalActions1764380410000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const t = columnTypes(queryRunner.connection.driver.options.type === 'postgres' ? 'postgres' : 'sqlite');
    await queryRunner.addColumns('insight_signals', [
      new TableColumn({ name: 'acknowledged_at', type: t.timestamp, isNullable: true }),
      new TableColumn({ name: 'acknowledged_by_key_id', type: t.text, isNullable: true }),
      new TableColumn({ name: 'acknowledged_by_name', type: t.text, isNullable: true }),
      new TableColumn({ name: 'ack_note', type: t.text, isNullable: true }),
      new TableColumn({ name: 'snoozed_until', type: t.timestamp, isNullable: true }),
      new TableColumn({ name: 'silenced_by', type: t.uuid, isNullable: true }),
    ]);
    await queryRunner.createIndex('insight_signals', new TableIndex({ name: 'ix_insight_signals_silenced_by', columnNames: ['silenced_by'] }));
    await queryRunner.addColumn('insight_deliveries', new TableColumn({ name: 'silenced_by', type: t.uuid, isNullable: true }));
    await queryRunner.createTable(
      new Table({
        name: 'insight_signal_feedback',
        columns: [
          { name: 'id', type: t.uuid, isPrimary: true },
          { name: 'signal_id', type: t.uuid },
          { name: 'probe_id', type: t.uuid, isNullable: true },
          { name: 'key_id', type: t.text },
          { name: 'key_name', type: t.text },
          { name: 'label', type: t.text },
          { name: 'note', type: t.text, isNullable: true },
          { name: 'created_at', type: t.timestamp },
          { name: 'updated_at', type: t.timestamp },
        ],
        indices: [
          new TableIndex({ name: 'uq_insight_signal_feedback_key', columnNames: ['signal_id', 'key_id'], isUnique: true }),
          new TableIndex({ name: 'ix_insight_signal_feedback_label', columnNames: ['label', 'signal_id'] }),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('insight_signal_feedback');
    await queryRunner.dropColumn('insight_deliveries', 'silenced_by');
    await queryRunner.dropIndex('insight_signals', 'ix_insight_signals_silenced_by');
    await queryRunner.dropColumns('insight_signals', ['silenced_by', 'snoozed_until', 'ack_note', 'acknowledged_by_name', 'acknowledged_by_key_id', 'acknowledged_at']);
  }
}

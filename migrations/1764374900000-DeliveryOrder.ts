import { MigrationInterface, QueryRunner, TableColumn, TableIndex } from 'typeorm';
import { columnTypes } from '../src/database/columns';

/**
 * Deliveries in order per signal and channel: `leased_until` marks a delivery in flight (its
 * backoff and its lease were both only `next_attempt_at` before), `superseded_by` the newer state
 * of the same signal that replaced it before it was delivered.
 */
export class DeliveryOrder1764374900000 implements MigrationInterface {
  name = 'DeliveryOrder1764374900000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const t = columnTypes(queryRunner.connection.driver.options.type === 'postgres' ? 'postgres' : 'sqlite');
    await queryRunner.addColumns('insight_deliveries', [
      new TableColumn({ name: 'leased_until', type: t.timestamp, isNullable: true }),
      new TableColumn({ name: 'superseded_by', type: t.uuid, isNullable: true }),
    ]);
    await queryRunner.createIndex(
      'insight_deliveries',
      new TableIndex({ name: 'ix_insight_deliveries_signal_channel', columnNames: ['signal_id', 'channel', 'created_at'] }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('insight_deliveries', 'ix_insight_deliveries_signal_channel');
    await queryRunner.dropColumns('insight_deliveries', ['superseded_by', 'leased_until']);
  }
}

import { MigrationInterface, QueryRunner, TableColumn, TableIndex } from 'typeorm';
import { columnTypes } from '../src/database/columns';

/**
 * Signals carry the name of their probe and the time of their peak. Existing rows get the name of
 * a probe that still exists, and a peak time where it is certain: an episode whose first and last
 * anomalous samples are one and the same peaked there. The rest stay null. Signals are looked up
 * by workflow too.
 */
export class SignalProbeNameAndPeak1764380000000 implements MigrationInterface {
  name = 'SignalProbeNameAndPeak1764380000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const pg = queryRunner.connection.driver.options.type === 'postgres';
    const t = columnTypes(pg ? 'postgres' : 'sqlite');
    await queryRunner.addColumns('insight_signals', [
      new TableColumn({ name: 'probe_name', type: t.text, isNullable: true }),
      new TableColumn({ name: 'peak_at', type: t.timestamp, isNullable: true }),
    ]);
    await queryRunner.query(
      `UPDATE insight_signals SET probe_name = (SELECT p.name FROM probes p WHERE p.id = insight_signals.probe_id) WHERE probe_id IS NOT NULL`,
    );
    await queryRunner.query(`UPDATE insight_signals SET peak_at = observed_at WHERE observed_at = last_anomalous_at`);
    await queryRunner.createIndex('insight_signals', new TableIndex({ name: 'ix_insight_signals_wpk', columnNames: ['wpk_id', 'observed_at'] }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('insight_signals', 'ix_insight_signals_wpk');
    await queryRunner.dropColumn('insight_signals', 'peak_at');
    await queryRunner.dropColumn('insight_signals', 'probe_name');
  }
}

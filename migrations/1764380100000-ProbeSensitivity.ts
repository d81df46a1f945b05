import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';
import { columnTypes } from '../src/database/columns';

/**
 * Probes take a sensitivity level (low, medium, high) instead of a numeric threshold, and each
 * series says until when its detector is warming up. A probe whose stored threshold is its
 * detector's default (as shipped when this migration was written) was created without one: it is
 * at sensitivity medium. Any other threshold was given explicitly and stays custom (null).
 */
export class ProbeSensitivity1764380100000 implements MigrationInterface {
  name = 'ProbeSensitivity1764380100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const pg = queryRunner.connection.driver.options.type === 'postgres';
    const t = columnTypes(pg ? 'postgres' : 'sqlite');
    await queryRunner.addColumn('probes', new TableColumn({ name: 'sensitivity', type: t.text, isNullable: true }));
    await queryRunner.addColumn('insight_series_state', new TableColumn({ name: 'warming_up_until', type: t.timestamp, isNullable: true }));
    const defaults: Array<[string, number]> = [['zscore', 2], ['ewma', 3], ['robust', 3.5], ['sentinel', 2.5735]];
    for (const [detector, threshold] of defaults) {
      // REAL on SQLite holds the same double the app wrote, so equality is exact on both drivers
      await queryRunner.query(`UPDATE probes SET sensitivity = 'medium' WHERE detector = ${pg ? '$1' : '?'} AND threshold = ${pg ? '$2' : '?'}`, [detector, threshold]);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('insight_series_state', 'warming_up_until');
    await queryRunner.dropColumn('probes', 'sensitivity');
  }
}

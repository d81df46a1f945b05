import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';
import { columnTypes } from '../src/database/columns';

/**
 * Probes take a severity (info, warning, critical; existing probes are warning) and free routing
 * labels, and carry the tuning their signals' feedback applied to their threshold (steps above the
 * configured value, the log of changes, the last noise label). Signals keep the severity and probe
 * labels they fired with, so an episode keeps its identity in Alertmanager.
 */
export class ProbeSeverityLabels1764380400000 implements MigrationInterface {
  name = 'ProbeSeverityLabels1764380400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const t = columnTypes(queryRunner.connection.driver.options.type === 'postgres' ? 'postgres' : 'sqlite');
    await queryRunner.addColumns('probes', [
      new TableColumn({ name: 'severity', type: t.text, default: "'warning'" }),
      new TableColumn({ name: 'labels', type: t.json, isNullable: true }),
      new TableColumn({ name: 'tuning_steps', type: t.integer, default: 0 }),
      new TableColumn({ name: 'tuning', type: t.json, isNullable: true }),
      new TableColumn({ name: 'last_noise_at', type: t.timestamp, isNullable: true }),
    ]);
    await queryRunner.query(`UPDATE probes SET labels = '{}', tuning = '[]'`);
    await queryRunner.addColumns('insight_signals', [
      new TableColumn({ name: 'severity', type: t.text, default: "'warning'" }),
      new TableColumn({ name: 'probe_labels', type: t.json, isNullable: true }),
    ]);
    await queryRunner.query(`UPDATE insight_signals SET probe_labels = '{}'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumns('insight_signals', ['probe_labels', 'severity']);
    await queryRunner.dropColumns('probes', ['last_noise_at', 'tuning', 'tuning_steps', 'labels', 'severity']);
  }
}

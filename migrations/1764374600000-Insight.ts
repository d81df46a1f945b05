import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { columnTypes } from '../src/database/columns';

/** Probes, their runs, per-series detector state, anomaly signals and the delivery outbox. */
export class Insight1764374600000 implements MigrationInterface {
  name = 'Insight1764374600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const t = columnTypes(queryRunner.connection.driver.options.type === 'postgres' ? 'postgres' : 'sqlite');
    await queryRunner.createTable(
      new Table({
        name: 'probes',
        columns: [
          { name: 'id', type: t.uuid, isPrimary: true },
          { name: 'name', type: t.text },
          { name: 'query', type: t.text },
          { name: 'source', type: t.text },
          { name: 'detector', type: t.text },
          { name: 'detector_params', type: t.json },
          { name: 'threshold', type: t.double },
          { name: 'lookback', type: t.text },
          { name: 'step', type: t.text },
          { name: 'interval_s', type: t.integer, isNullable: true },
          { name: 'cron', type: t.text, isNullable: true },
          { name: 'cooldown_s', type: t.integer },
          { name: 'min_consecutive', type: t.integer },
          { name: 'enabled', type: t.boolean },
          { name: 'wpk_id', type: t.text, isNullable: true },
          { name: 'last_run_at', type: t.timestamp, isNullable: true },
          { name: 'last_error', type: t.text, isNullable: true },
          { name: 'consecutive_failures', type: t.integer, default: 0 },
          { name: 'next_run_at', type: t.timestamp, isNullable: true },
          { name: 'lease_owner', type: t.text, isNullable: true },
          { name: 'lease_until', type: t.timestamp, isNullable: true },
          { name: 'created_at', type: t.timestamp },
          { name: 'updated_at', type: t.timestamp },
        ],
        indices: [
          new TableIndex({ name: 'uq_probes_name', columnNames: ['name'], isUnique: true }),
          new TableIndex({ name: 'ix_probes_next_run', columnNames: ['next_run_at'] }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'probe_runs',
        columns: [
          { name: 'id', type: t.uuid, isPrimary: true },
          { name: 'probe_id', type: t.uuid },
          { name: 'started_at', type: t.timestamp },
          { name: 'finished_at', type: t.timestamp },
          { name: 'points_scored', type: t.integer },
          { name: 'signals', type: t.integer },
          { name: 'error', type: t.text, isNullable: true },
          { name: 'replica', type: t.text },
        ],
        indices: [new TableIndex({ name: 'ix_probe_runs_probe_started', columnNames: ['probe_id', 'started_at'] })],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'insight_signals',
        columns: [
          { name: 'id', type: t.uuid, isPrimary: true },
          { name: 'episode_key', type: t.text },
          { name: 'probe_id', type: t.uuid, isNullable: true },
          { name: 'metric', type: t.text },
          { name: 'labels', type: t.json },
          { name: 'series_key', type: t.text },
          { name: 'value', type: t.double },
          { name: 'score', type: t.double },
          { name: 'hint', type: t.text },
          { name: 'detector', type: t.text },
          { name: 'threshold', type: t.double },
          { name: 'step_s', type: t.integer },
          { name: 'wpk_id', type: t.text, isNullable: true },
          { name: 'observed_at', type: t.timestamp },
          { name: 'last_anomalous_at', type: t.timestamp },
          { name: 'state', type: t.text },
          { name: 'resolved_at', type: t.timestamp, isNullable: true },
          { name: 'created_at', type: t.timestamp },
          { name: 'updated_at', type: t.timestamp },
        ],
        indices: [
          new TableIndex({ name: 'uq_insight_signals_episode', columnNames: ['episode_key'], isUnique: true }),
          new TableIndex({ name: 'ix_insight_signals_observed', columnNames: ['observed_at', 'id'] }),
          new TableIndex({ name: 'ix_insight_signals_probe', columnNames: ['probe_id', 'observed_at'] }),
          new TableIndex({ name: 'ix_insight_signals_state', columnNames: ['state'] }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'insight_series_state',
        columns: [
          { name: 'probe_id', type: t.uuid, isPrimary: true },
          { name: 'series_hash', type: t.text, isPrimary: true },
          { name: 'series_key', type: t.text },
          { name: 'metric', type: t.text },
          { name: 'labels', type: t.json },
          { name: 'config_hash', type: t.text },
          { name: 'snapshot', type: t.json },
          { name: 'tracker', type: t.json },
          { name: 'last_ts', type: t.timestamp },
          { name: 'last_value', type: t.double },
          { name: 'last_score', type: t.double },
          { name: 'updated_at', type: t.timestamp },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'insight_deliveries',
        columns: [
          { name: 'id', type: t.uuid, isPrimary: true },
          { name: 'signal_id', type: t.uuid },
          { name: 'channel', type: t.text },
          { name: 'event', type: t.text },
          { name: 'body', type: t.text, isNullable: true },
          { name: 'attempts', type: t.integer, default: 0 },
          { name: 'next_attempt_at', type: t.timestamp },
          { name: 'delivered_at', type: t.timestamp, isNullable: true },
          { name: 'last_error', type: t.text, isNullable: true },
          { name: 'created_at', type: t.timestamp },
        ],
        indices: [new TableIndex({ name: 'ix_insight_deliveries_due', columnNames: ['delivered_at', 'next_attempt_at'] })],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['insight_deliveries', 'insight_series_state', 'insight_signals', 'probe_runs', 'probes']) {
      await queryRunner.dropTable(table);
    }
  }
}

import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { columnTypes } from '../src/database/columns';

/**
 * OTLP ingest: `otlp_traces` says which run each trace became so far, `otlp_spans` keeps what each
 * span said, so spans of one trace arriving in several exports merge into one run, a span sent
 * twice counts once, and a late root span re-reads the whole trace.
 */
export class OtlpTraces1764380300000 implements MigrationInterface {
  name = 'OtlpTraces1764380300000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const t = columnTypes(queryRunner.connection.driver.options.type === 'postgres' ? 'postgres' : 'sqlite');
    await queryRunner.createTable(
      new Table({
        name: 'otlp_traces',
        columns: [
          { name: 'trace_id', type: t.text, isPrimary: true },
          { name: 'wpk_id', type: t.text, isNullable: true },
          { name: 'run_id', type: t.text, isNullable: true },
          { name: 'run_uuid', type: t.uuid, isNullable: true },
          { name: 'rooted', type: t.boolean, default: false },
          { name: 'root_missing', type: t.boolean, default: false },
          { name: 'first_seen_at', type: t.timestamp },
          { name: 'updated_at', type: t.timestamp },
        ],
        indices: [
          new TableIndex({ name: 'ix_otlp_traces_waiting', columnNames: ['rooted', 'root_missing', 'first_seen_at'] }),
          new TableIndex({ name: 'ix_otlp_traces_run', columnNames: ['run_uuid'] }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'otlp_spans',
        columns: [
          { name: 'trace_id', type: t.text, isPrimary: true },
          { name: 'span_id', type: t.text, isPrimary: true },
          { name: 'facts', type: t.json },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('otlp_spans');
    await queryRunner.dropTable('otlp_traces');
  }
}

import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { columnTypes } from '../src/database/columns';

/**
 * Similar-run search. `run_embedding_state` is the outbox (one row per run, written in the run-write
 * transaction); `run_embeddings` holds the vectors of the embedded store. Existing runs are not
 * queued here: `npm run embeddings:backfill` does that, so the migration stays quick on big tables.
 */
export class Embeddings1764374700000 implements MigrationInterface {
  name = 'Embeddings1764374700000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const pg = queryRunner.connection.driver.options.type === 'postgres';
    const t = columnTypes(pg ? 'postgres' : 'sqlite');
    await queryRunner.createTable(
      new Table({
        name: 'run_embedding_state',
        columns: [
          { name: 'run_id', type: t.uuid, isPrimary: true },
          { name: 'content_hash', type: t.text },
          { name: 'state', type: t.text },
          { name: 'attempts', type: t.integer, default: 0 },
          { name: 'last_error', type: t.text, isNullable: true },
          { name: 'next_attempt_at', type: t.timestamp },
          { name: 'embedding_key', type: t.text, isNullable: true },
          { name: 'updated_at', type: t.timestamp },
        ],
        indices: [new TableIndex({ name: 'ix_run_embedding_state_due', columnNames: ['state', 'next_attempt_at'] })],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'run_embeddings',
        columns: [
          { name: 'run_id', type: t.uuid, isPrimary: true },
          { name: 'wpk_id', type: t.text },
          { name: 'status', type: t.text },
          { name: 'run_created_at', type: t.timestamp },
          { name: 'embedding_key', type: t.text },
          { name: 'dimensions', type: t.integer },
          { name: 'vector', type: pg ? 'bytea' : 'blob' },
          { name: 'content_hash', type: t.text },
          { name: 'embedded_at', type: t.timestamp },
        ],
        indices: [new TableIndex({ name: 'ix_run_embeddings_key_at', columnNames: ['embedding_key', 'embedded_at'] })],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('run_embeddings');
    await queryRunner.dropTable('run_embedding_state');
  }
}

import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { ENTITY_DRIVER, TimestampColumn } from '../../../database/columns';

/** A run's vector in the embedded store, with the scalar fields searches filter on. */
@Entity({ name: 'run_embeddings' })
@Index('ix_run_embeddings_key_at', ['embedding_key', 'embedded_at'])
export class RunEmbeddingEntity {
  @PrimaryColumn({ type: ENTITY_DRIVER === 'postgres' ? 'uuid' : 'varchar' })
  run_id!: string;

  @Column({ type: 'text' })
  wpk_id!: string;

  @Column({ type: 'text' })
  status!: string;

  @TimestampColumn()
  run_created_at!: Date;

  @Column({ type: 'text' })
  embedding_key!: string;

  @Column({ type: 'integer' })
  dimensions!: number;

  /** float32 little-endian */
  @Column({ type: ENTITY_DRIVER === 'postgres' ? 'bytea' : 'blob' })
  vector!: Buffer;

  @Column({ type: 'text' })
  content_hash!: string;

  @TimestampColumn()
  embedded_at!: Date;
}

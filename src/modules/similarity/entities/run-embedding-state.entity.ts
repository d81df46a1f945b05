import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { ENTITY_DRIVER, TimestampColumn } from '../../../database/columns';

/** The embedding outbox: one row per run. Mapped for the schema only; SQL lives in the repository. */
@Entity({ name: 'run_embedding_state' })
@Index('ix_run_embedding_state_due', ['state', 'next_attempt_at'])
export class RunEmbeddingStateEntity {
  @PrimaryColumn({ type: ENTITY_DRIVER === 'postgres' ? 'uuid' : 'varchar' })
  run_id!: string;

  @Column({ type: 'text' })
  content_hash!: string;

  @Column({ type: 'text' })
  state!: string;

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  @Column({ type: 'text', nullable: true })
  last_error!: string | null;

  @TimestampColumn()
  next_attempt_at!: Date;

  @Column({ type: 'text', nullable: true })
  embedding_key!: string | null;

  @TimestampColumn()
  updated_at!: Date;
}

import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { ENTITY_DRIVER, TimestampColumn } from '../../../database/columns';

/** A trace being turned into a run: which run it is so far. Mapped for the schema only; SQL lives in the repository. */
@Entity({ name: 'otlp_traces' })
@Index('ix_otlp_traces_waiting', ['rooted', 'root_missing', 'first_seen_at'])
@Index('ix_otlp_traces_run', ['run_uuid'])
export class OtlpTraceEntity {
  @PrimaryColumn({ type: 'text' })
  trace_id!: string;

  @Column({ type: 'text', nullable: true })
  wpk_id!: string | null;

  @Column({ type: 'text', nullable: true })
  run_id!: string | null;

  @Column({ type: ENTITY_DRIVER === 'postgres' ? 'uuid' : 'varchar', nullable: true })
  run_uuid!: string | null;

  @Column({ type: 'boolean', default: false })
  rooted!: boolean;

  @Column({ type: 'boolean', default: false })
  root_missing!: boolean;

  @TimestampColumn()
  first_seen_at!: Date;

  @TimestampColumn()
  updated_at!: Date;
}

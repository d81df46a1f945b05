import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { ENTITY_DRIVER, JsonColumn, TimestampColumn } from '../../database/columns';

/** Ids sort byte-wise on PostgreSQL too (COLLATE "C"), so keyset pages match SQLite's order. */
const idCollation = ENTITY_DRIVER === 'postgres' ? { collation: 'C' } : {};

@Entity({ name: 'workflows' })
@Index('ix_workflows_owner', ['owner'])
export class WorkflowEntity {
  @PrimaryColumn({ type: 'text', ...idCollation })
  id!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text', nullable: true })
  description!: string | null;

  @Column({ type: 'text', nullable: true })
  version!: string | null;

  @Column({ type: 'text', nullable: true })
  owner!: string | null;

  @JsonColumn()
  tags!: string[] | null;

  @JsonColumn()
  metadata!: Record<string, unknown> | null;

  @TimestampColumn({ nullable: true })
  archived_at!: Date | null;

  @TimestampColumn()
  created_at!: Date;

  @TimestampColumn()
  updated_at!: Date;

  /** the caller's run_id of the latest run */
  @Column({ type: 'text', nullable: true })
  last_run_id!: string | null;

  @Column({ type: 'text', nullable: true })
  last_status!: string | null;

  /** the latest run's started_at ?? created_at */
  @TimestampColumn({ nullable: true })
  last_run_at!: Date | null;

  @Column({ type: 'integer', nullable: true })
  last_duration_ms!: number | null;

  @Column({ type: 'text', nullable: true })
  last_error!: string | null;

  @Column({ type: 'integer', default: 0 })
  runs_total!: number;

  @Column({ type: 'integer', default: 0 })
  runs_failed!: number;
}

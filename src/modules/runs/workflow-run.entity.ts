import { Column, Entity, Index, PrimaryColumn, Unique } from 'typeorm';
import { ENTITY_DRIVER, JsonColumn, TimestampColumn } from '../../database/columns';

@Entity({ name: 'workflow_runs' })
@Unique('uq_workflow_runs_wpk_run', ['wpk_id', 'run_id'])
@Index('ix_workflow_runs_wpk_created', ['wpk_id', 'created_at', 'id'])
@Index('ix_workflow_runs_created', ['created_at', 'id'])
@Index('ix_workflow_runs_status_created', ['status', 'created_at', 'id'])
// on when a run happened (an expression, see the RunHappenedAt migration): built by the migration only
@Index('ix_workflow_runs_wpk_happened', { synchronize: false })
@Index('ix_workflow_runs_happened', { synchronize: false })
// the failed runs by when they happened (migration RunNodes), for failure clustering's latest failures
@Index('ix_workflow_runs_wpk_failed_happened', { synchronize: false })
export class WorkflowRunEntity {
  @PrimaryColumn({ type: ENTITY_DRIVER === 'postgres' ? 'uuid' : 'varchar' })
  id!: string;

  @Column({ type: 'text' })
  wpk_id!: string;

  @Column({ type: 'text' })
  run_id!: string;

  @JsonColumn()
  inputs!: unknown;

  @JsonColumn()
  outputs!: unknown;

  @Column({ type: 'text' })
  status!: string;

  @Column({ type: 'integer', nullable: true })
  duration_ms!: number | null;

  @JsonColumn()
  node_logs!: unknown[] | null;

  @Column({ type: 'text', nullable: true })
  error!: string | null;

  @JsonColumn()
  tags!: string[] | null;

  @JsonColumn()
  metadata!: Record<string, unknown> | null;

  @JsonColumn()
  usage!: Record<string, unknown> | null;

  @JsonColumn()
  models!: string[] | null;

  @TimestampColumn({ nullable: true })
  started_at!: Date | null;

  @TimestampColumn({ nullable: true })
  ended_at!: Date | null;

  @TimestampColumn()
  created_at!: Date;

  @TimestampColumn()
  updated_at!: Date;
}

import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { ENTITY_DRIVER, TimestampColumn } from '../../../database/columns';

@Entity({ name: 'probe_runs' })
@Index('ix_probe_runs_probe_started', ['probe_id', 'started_at'])
export class ProbeRunEntity {
  @PrimaryColumn({ type: ENTITY_DRIVER === 'postgres' ? 'uuid' : 'varchar' }) id!: string;
  @Column({ type: ENTITY_DRIVER === 'postgres' ? 'uuid' : 'varchar' }) probe_id!: string;
  @TimestampColumn() started_at!: Date;
  @TimestampColumn() finished_at!: Date;
  @Column({ type: 'integer' }) points_scored!: number;
  @Column({ type: 'integer' }) signals!: number;
  @Column({ type: 'text', nullable: true }) error!: string | null;
  @Column({ type: 'text' }) replica!: string;
}

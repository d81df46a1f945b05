import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { ENTITY_DRIVER, JsonColumn, TimestampColumn } from '../../../database/columns';

/** Mirrors migrations/1764374600000-Insight.ts, 1764380100000-ProbeSensitivity.ts and 1764380400000-ProbeSeverityLabels.ts; rows are read and written by ProbesRepository. */
@Entity({ name: 'probes' })
@Index('uq_probes_name', ['name'], { unique: true })
@Index('ix_probes_next_run', ['next_run_at'])
export class ProbeEntity {
  @PrimaryColumn({ type: ENTITY_DRIVER === 'postgres' ? 'uuid' : 'varchar' }) id!: string;
  @Column({ type: 'text' }) name!: string;
  @Column({ type: 'text' }) query!: string;
  @Column({ type: 'text' }) source!: string;
  @Column({ type: 'text' }) detector!: string;
  @JsonColumn({ nullable: false }) detector_params!: Record<string, unknown>;
  @Column({ type: 'text', nullable: true }) sensitivity!: string | null;
  @Column({ type: ENTITY_DRIVER === 'postgres' ? 'double precision' : 'real' }) threshold!: number;
  @Column({ type: 'text' }) lookback!: string;
  @Column({ type: 'text' }) step!: string;
  @Column({ type: 'integer', nullable: true }) interval_s!: number | null;
  @Column({ type: 'text', nullable: true }) cron!: string | null;
  @Column({ type: 'integer' }) cooldown_s!: number;
  @Column({ type: 'integer' }) min_consecutive!: number;
  @Column({ type: 'boolean' }) enabled!: boolean;
  @Column({ type: 'text', nullable: true }) wpk_id!: string | null;
  @TimestampColumn({ nullable: true }) last_run_at!: Date | null;
  @Column({ type: 'text', nullable: true }) last_error!: string | null;
  @Column({ type: 'integer', default: 0 }) consecutive_failures!: number;
  @TimestampColumn({ nullable: true }) next_run_at!: Date | null;
  @Column({ type: 'text', nullable: true }) lease_owner!: string | null;
  @TimestampColumn({ nullable: true }) lease_until!: Date | null;
  @Column({ type: 'text', default: 'warning' }) severity!: string;
  @JsonColumn() labels!: Record<string, string> | null;
  @Column({ type: 'integer', default: 0 }) tuning_steps!: number;
  @JsonColumn() tuning!: unknown[] | null;
  @TimestampColumn({ nullable: true }) last_noise_at!: Date | null;
  @TimestampColumn() created_at!: Date;
  @TimestampColumn() updated_at!: Date;
}

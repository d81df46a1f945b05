import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { ENTITY_DRIVER, JsonColumn, TimestampColumn } from '../../../database/columns';

const uuid = ENTITY_DRIVER === 'postgres' ? 'uuid' : 'varchar';
const double = ENTITY_DRIVER === 'postgres' ? 'double precision' : 'real';

@Entity({ name: 'insight_signals' })
@Index('uq_insight_signals_episode', ['episode_key'], { unique: true })
@Index('ix_insight_signals_observed', ['observed_at', 'id'])
@Index('ix_insight_signals_probe', ['probe_id', 'observed_at'])
@Index('ix_insight_signals_state', ['state'])
@Index('ix_insight_signals_wpk', ['wpk_id', 'observed_at'])
@Index('ix_insight_signals_silenced_by', ['silenced_by'])
export class InsightSignalEntity {
  @PrimaryColumn({ type: uuid }) id!: string;
  /** sha256 of (probe or ad hoc, metric, series, episode start): one row per episode */
  @Column({ type: 'text' }) episode_key!: string;
  @Column({ type: uuid, nullable: true }) probe_id!: string | null;
  /** the probe's name (kept when the probe is deleted); null for POST /probe */
  @Column({ type: 'text', nullable: true }) probe_name!: string | null;
  @Column({ type: 'text' }) metric!: string;
  @JsonColumn({ nullable: false }) labels!: Record<string, string>;
  @Column({ type: 'text' }) series_key!: string;
  @Column({ type: double }) value!: number;
  @Column({ type: double }) score!: number;
  @Column({ type: 'text' }) hint!: string;
  @Column({ type: 'text' }) detector!: string;
  @Column({ type: double }) threshold!: number;
  @Column({ type: 'integer' }) step_s!: number;
  @Column({ type: 'text', nullable: true }) wpk_id!: string | null;
  @TimestampColumn() observed_at!: Date;
  @TimestampColumn() last_anomalous_at!: Date;
  /** when the peak was; null on rows older than the column whose peak time was not known */
  @TimestampColumn({ nullable: true }) peak_at!: Date | null;
  @Column({ type: 'text' }) state!: string;
  @TimestampColumn({ nullable: true }) resolved_at!: Date | null;
  @Column({ type: 'text', default: 'warning' }) severity!: string;
  @JsonColumn() probe_labels!: Record<string, string> | null;
  @TimestampColumn({ nullable: true }) acknowledged_at!: Date | null;
  @Column({ type: 'text', nullable: true }) acknowledged_by_key_id!: string | null;
  @Column({ type: 'text', nullable: true }) acknowledged_by_name!: string | null;
  @Column({ type: 'text', nullable: true }) ack_note!: string | null;
  @TimestampColumn({ nullable: true }) snoozed_until!: Date | null;
  /** the silence holding back its webhook deliveries */
  @Column({ type: uuid, nullable: true }) silenced_by!: string | null;
  @TimestampColumn() created_at!: Date;
  @TimestampColumn() updated_at!: Date;
}

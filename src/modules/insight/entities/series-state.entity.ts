import { Column, Entity, PrimaryColumn } from 'typeorm';
import { ENTITY_DRIVER, JsonColumn, TimestampColumn } from '../../../database/columns';

const double = ENTITY_DRIVER === 'postgres' ? 'double precision' : 'real';

/** Detector snapshot and episode tracker of one series of one stored probe. */
@Entity({ name: 'insight_series_state' })
export class SeriesStateEntity {
  @PrimaryColumn({ type: ENTITY_DRIVER === 'postgres' ? 'uuid' : 'varchar' }) probe_id!: string;
  @PrimaryColumn({ type: 'text' }) series_hash!: string;
  @Column({ type: 'text' }) series_key!: string;
  @Column({ type: 'text' }) metric!: string;
  @JsonColumn({ nullable: false }) labels!: Record<string, string>;
  @Column({ type: 'text' }) config_hash!: string;
  @JsonColumn({ nullable: false }) snapshot!: unknown;
  @JsonColumn({ nullable: false }) tracker!: unknown;
  @TimestampColumn() last_ts!: Date;
  @Column({ type: double }) last_value!: number;
  @Column({ type: double }) last_score!: number;
  @TimestampColumn({ nullable: true }) warming_up_until!: Date | null;
  @TimestampColumn() updated_at!: Date;
}

import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { ENTITY_DRIVER, JsonColumn, TimestampColumn } from '../../../database/columns';

const uuid = ENTITY_DRIVER === 'postgres' ? 'uuid' : 'varchar';

/** Mirrors migrations/1764380420000-Silences.ts; rows are read and written by SilencesRepository. */
@Entity({ name: 'insight_silences' })
@Index('ix_insight_silences_ends', ['ends_at'])
@Index('ix_insight_silences_mirror_due', ['mirror_due_at'])
@Index('ix_insight_silences_signal', ['signal_id'])
export class SilenceEntity {
  @PrimaryColumn({ type: uuid }) id!: string;
  @JsonColumn({ nullable: false }) matchers!: unknown[];
  @TimestampColumn() starts_at!: Date;
  @TimestampColumn() ends_at!: Date;
  @Column({ type: 'text' }) comment!: string;
  @Column({ type: 'text' }) created_by_key_id!: string;
  @Column({ type: 'text' }) created_by_name!: string;
  /** the signal a snooze was made for; null for a silence made by hand */
  @Column({ type: uuid, nullable: true }) signal_id!: string | null;
  /** when its start was acted on: matching firing signals silenced */
  @TimestampColumn({ nullable: true }) applied_at!: Date | null;
  /** when its end was acted on: still-firing signals delivered once */
  @TimestampColumn({ nullable: true }) released_at!: Date | null;
  /** when its copy in Alertmanager is to be written (or expired) next; null when in step */
  @TimestampColumn({ nullable: true }) mirror_due_at!: Date | null;
  /** set while a replica is writing its copy to Alertmanager */
  @TimestampColumn({ nullable: true }) mirror_leased_until!: Date | null;
  @Column({ type: 'integer', default: 0 }) mirror_attempts!: number;
  @Column({ type: 'text', nullable: true }) mirror_error!: string | null;
  @Column({ type: 'text', nullable: true }) alertmanager_id!: string | null;
  @TimestampColumn() created_at!: Date;
  @TimestampColumn() updated_at!: Date;
}

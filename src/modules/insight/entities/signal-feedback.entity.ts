import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { ENTITY_DRIVER, TimestampColumn } from '../../../database/columns';

const uuid = ENTITY_DRIVER === 'postgres' ? 'uuid' : 'varchar';

/** Mirrors migrations/1764380410000-SignalActions.ts: one label per key per signal. */
@Entity({ name: 'insight_signal_feedback' })
@Index('uq_insight_signal_feedback_key', ['signal_id', 'key_id'], { unique: true })
@Index('ix_insight_signal_feedback_label', ['label', 'signal_id'])
export class SignalFeedbackEntity {
  @PrimaryColumn({ type: uuid }) id!: string;
  @Column({ type: uuid }) signal_id!: string;
  @Column({ type: uuid, nullable: true }) probe_id!: string | null;
  @Column({ type: 'text' }) key_id!: string;
  @Column({ type: 'text' }) key_name!: string;
  @Column({ type: 'text' }) label!: string;
  @Column({ type: 'text', nullable: true }) note!: string | null;
  @TimestampColumn() created_at!: Date;
  @TimestampColumn() updated_at!: Date;
}

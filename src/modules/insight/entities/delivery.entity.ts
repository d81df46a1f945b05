import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { ENTITY_DRIVER, TimestampColumn } from '../../../database/columns';

const uuid = ENTITY_DRIVER === 'postgres' ? 'uuid' : 'varchar';

/** The delivery outbox: one row per (signal state change, channel); `id` is the delivery id. */
@Entity({ name: 'insight_deliveries' })
@Index('ix_insight_deliveries_due', ['delivered_at', 'next_attempt_at'])
@Index('ix_insight_deliveries_signal_channel', ['signal_id', 'channel', 'created_at'])
export class DeliveryEntity {
  @PrimaryColumn({ type: uuid }) id!: string;
  @Column({ type: uuid }) signal_id!: string;
  @Column({ type: 'text' }) channel!: string;
  @Column({ type: 'text' }) event!: string;
  @Column({ type: 'text', nullable: true }) body!: string | null;
  @Column({ type: 'integer', default: 0 }) attempts!: number;
  @TimestampColumn() next_attempt_at!: Date;
  @TimestampColumn({ nullable: true }) delivered_at!: Date | null;
  @Column({ type: 'text', nullable: true }) last_error!: string | null;
  @TimestampColumn() created_at!: Date;
  /** set while a worker is sending it */
  @TimestampColumn({ nullable: true }) leased_until!: Date | null;
  /** the newer state of the same signal and channel that replaced it undelivered */
  @Column({ type: uuid, nullable: true }) superseded_by!: string | null;
  /** the silence that held it back (it then also counts as superseded) */
  @Column({ type: uuid, nullable: true }) silenced_by!: string | null;
}

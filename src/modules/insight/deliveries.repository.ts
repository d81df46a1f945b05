import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Database } from '../../database/database.service';
import { returnedRows } from './probes.repository';

export type DeliveryChannel = 'alertmanager' | 'webhook';

export interface Delivery {
  id: string;
  signal_id: string;
  channel: DeliveryChannel;
  event: 'firing' | 'resolved';
  body: string | null;
  attempts: number;
  next_attempt_at: Date;
  delivered_at: Date | null;
  last_error: string | null;
  created_at: Date;
}

@Injectable()
export class DeliveriesRepository {
  constructor(private readonly db: Database) {}

  private map(r: Record<string, unknown>): Delivery {
    const db = this.db;
    return {
      id: String(r.id),
      signal_id: String(r.signal_id),
      channel: r.channel as DeliveryChannel,
      event: r.event as 'firing' | 'resolved',
      body: (r.body as string | null) ?? null,
      attempts: Number(r.attempts),
      next_attempt_at: db.fromDbTime(r.next_attempt_at)!,
      delivered_at: db.fromDbTime(r.delivered_at),
      last_error: (r.last_error as string | null) ?? null,
      created_at: db.fromDbTime(r.created_at)!,
    };
  }

  async enqueue(d: Pick<Delivery, 'id' | 'signal_id' | 'channel' | 'event' | 'body'>, now: Date, tx: EntityManager): Promise<void> {
    const db = this.db;
    await db.query(
      `INSERT INTO insight_deliveries (id, signal_id, channel, event, body, attempts, next_attempt_at, created_at)
       VALUES (${[1, 2, 3, 4, 5, 6, 7, 8].map((i) => db.p(i)).join(', ')})`,
      [d.id, d.signal_id, d.channel, d.event, d.body, 0, db.toDbTime(now), db.toDbTime(now)],
      tx,
    );
  }

  /**
   * Claims up to `limit` due deliveries by pushing their next attempt to `leaseUntil` (so another
   * replica's worker skips them while this one sends), oldest first.
   */
  async claimDue(now: Date, leaseUntil: Date, limit: number): Promise<Delivery[]> {
    const db = this.db;
    // a read first: this runs every tick, and an idle tick should not take SQLite's write lock
    const due = await db.query(`SELECT id FROM insight_deliveries WHERE delivered_at IS NULL AND next_attempt_at <= ${db.p(1)} LIMIT 1`, [db.toDbTime(now)]);
    if (!due.length) return [];
    return db.write(async (tx) => {
      const lock = db.isPostgres ? ' FOR UPDATE SKIP LOCKED' : '';
      const rows = await db.query(
        `SELECT * FROM insight_deliveries WHERE delivered_at IS NULL AND next_attempt_at <= ${db.p(1)}
         ORDER BY created_at, id LIMIT ${db.p(2)}${lock}`,
        [db.toDbTime(now), limit],
        tx,
      );
      const claimed = rows.map((r) => this.map(r));
      for (const d of claimed) {
        await db.query(`UPDATE insight_deliveries SET next_attempt_at = ${db.p(1)} WHERE id = ${db.p(2)}`, [db.toDbTime(leaseUntil), d.id], tx);
      }
      return claimed;
    });
  }

  async markDelivered(id: string, at: Date): Promise<void> {
    await this.db.write((tx) =>
      this.db.query(
        `UPDATE insight_deliveries SET delivered_at = ${this.db.p(1)}, attempts = attempts + 1, last_error = NULL WHERE id = ${this.db.p(2)}`,
        [this.db.toDbTime(at), id],
        tx,
      ),
    );
  }

  async markFailed(id: string, error: string, nextAttemptAt: Date): Promise<void> {
    await this.db.write((tx) =>
      this.db.query(
        `UPDATE insight_deliveries SET attempts = attempts + 1, last_error = ${this.db.p(1)}, next_attempt_at = ${this.db.p(2)} WHERE id = ${this.db.p(3)}`,
        [error.slice(0, 2000), this.db.toDbTime(nextAttemptAt), id],
        tx,
      ),
    );
  }

  /** Forgets deliveries made before `cutoff`. */
  async pruneDelivered(cutoff: Date): Promise<void> {
    await this.db.write((tx) =>
      this.db.query(`DELETE FROM insight_deliveries WHERE delivered_at IS NOT NULL AND delivered_at < ${this.db.p(1)}`, [this.db.toDbTime(cutoff)], tx),
    );
  }

  /** Deletes every delivery of these signals, delivered or not; answers how many went. */
  async deleteForSignals(signalIds: string[], tx: EntityManager): Promise<number> {
    if (!signalIds.length) return 0;
    const params = this.db.params();
    const list = signalIds.map((id) => params.add(id)).join(', ');
    return returnedRows(await this.db.query(`DELETE FROM insight_deliveries WHERE signal_id IN (${list}) RETURNING id`, params.values, tx)).length;
  }

  async findForSignal(signalId: string): Promise<Delivery[]> {
    const rows = await this.db.query(
      `SELECT * FROM insight_deliveries WHERE signal_id = ${this.db.p(1)} ORDER BY created_at, id`,
      [signalId],
    );
    return rows.map((r) => this.map(r));
  }
}

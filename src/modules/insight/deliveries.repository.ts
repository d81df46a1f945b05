import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Database } from '../../database/database.service';
import { returnedRows } from './probes.repository';

export type DeliveryChannel = 'alertmanager' | 'webhook';
export type DeliveryEventName = 'firing' | 'resolved' | 'acknowledged';

export interface Delivery {
  id: string;
  signal_id: string;
  channel: DeliveryChannel;
  event: DeliveryEventName;
  body: string | null;
  attempts: number;
  next_attempt_at: Date;
  delivered_at: Date | null;
  last_error: string | null;
  created_at: Date;
  /** set while a worker is sending it */
  leased_until: Date | null;
  /** the newer state of the same signal and channel that replaced it undelivered */
  superseded_by: string | null;
  /** the silence that held it back undelivered */
  silenced_by: string | null;
}

/** A row still to deliver: neither delivered nor replaced by a newer state. */
const PENDING = 'delivered_at IS NULL AND superseded_by IS NULL';

/** Only state changes replace each other; an acknowledgement is always delivered. */
const STATE_EVENT = (alias: string) => `${alias}.event IN ('firing', 'resolved')`;

/** `x` is a pending row of the same signal and channel as `y`, newer (`>`) or older (`<`) than it. */
function pendingSibling(x: string, y: string, order: '>' | '<'): string {
  return `${x}.signal_id = ${y}.signal_id AND ${x}.channel = ${y}.channel AND ${x}.delivered_at IS NULL AND ${x}.superseded_by IS NULL
    AND (${x}.created_at ${order} ${y}.created_at OR (${x}.created_at = ${y}.created_at AND ${x}.id ${order} ${y}.id))`;
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
      event: r.event as DeliveryEventName,
      body: (r.body as string | null) ?? null,
      attempts: Number(r.attempts),
      next_attempt_at: db.fromDbTime(r.next_attempt_at)!,
      delivered_at: db.fromDbTime(r.delivered_at),
      last_error: (r.last_error as string | null) ?? null,
      created_at: db.fromDbTime(r.created_at)!,
      leased_until: db.fromDbTime(r.leased_until),
      superseded_by: r.superseded_by === null || r.superseded_by === undefined ? null : String(r.superseded_by),
      silenced_by: r.silenced_by === null || r.silenced_by === undefined ? null : String(r.silenced_by),
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
   * Claims up to `limit` due deliveries by leasing them until `leaseUntil` (so another replica's
   * worker skips them while this one sends), oldest first, in order per signal and channel: a
   * pending row that a newer state of the same signal and channel follows, and that is not in
   * flight, is superseded by the newest one instead of being sent; a row waits while an older one
   * of its signal and channel is still in flight.
   */
  async claimDue(now: Date, leaseUntil: Date, limit: number): Promise<{ claimed: Delivery[]; superseded: number }> {
    const db = this.db;
    // a read first: this runs every tick, and an idle tick should not take SQLite's write lock
    const due = await db.query(`SELECT id FROM insight_deliveries WHERE ${PENDING} AND next_attempt_at <= ${db.p(1)} LIMIT 1`, [db.toDbTime(now)]);
    if (!due.length) return { claimed: [], superseded: 0 };
    return db.write(async (tx) => {
      const t = 'insight_deliveries';
      // rows another replica is working on are skipped, not waited for (PostgreSQL)
      const skipLocked = (alias: string) => (db.isPostgres ? ` FOR UPDATE OF ${alias} SKIP LOCKED` : '');
      const replaced = await this.updateReturning(
        `UPDATE ${t} SET superseded_by = (SELECT n.id FROM ${t} n WHERE ${pendingSibling('n', t, '>')} AND ${STATE_EVENT('n')} ORDER BY n.created_at DESC, n.id DESC LIMIT 1)
         WHERE id IN (
           SELECT x.id FROM ${t} x WHERE x.delivered_at IS NULL AND x.superseded_by IS NULL AND (x.leased_until IS NULL OR x.leased_until <= ${db.p(1)})
             AND ${STATE_EVENT('x')} AND EXISTS (SELECT 1 FROM ${t} n WHERE ${pendingSibling('n', 'x', '>')} AND ${STATE_EVENT('n')})${skipLocked('x')})
         RETURNING id`,
        [db.toDbTime(now)],
        tx,
      );
      const lock = skipLocked('d');
      const rows = await db.query(
        `SELECT d.* FROM ${t} d WHERE d.delivered_at IS NULL AND d.superseded_by IS NULL AND d.next_attempt_at <= ${db.p(1)}
           AND NOT EXISTS (SELECT 1 FROM ${t} o WHERE ${pendingSibling('o', 'd', '<')})
         ORDER BY d.created_at, d.id LIMIT ${db.p(2)}${lock}`,
        [db.toDbTime(now), limit],
        tx,
      );
      const claimed = rows.map((r) => this.map(r));
      for (const d of claimed) {
        const lease = db.toDbTime(leaseUntil);
        await db.query(`UPDATE ${t} SET next_attempt_at = ${db.p(1)}, leased_until = ${db.p(2)} WHERE id = ${db.p(3)}`, [lease, lease, d.id], tx);
      }
      return { claimed, superseded: replaced.length };
    });
  }

  /** UPDATE … RETURNING: PostgreSQL's driver answers [rows, count], SQLite's the rows. */
  private async updateReturning(sql: string, params: unknown[], tx: EntityManager): Promise<Record<string, unknown>[]> {
    const raw = (await this.db.query(sql, params, tx)) as unknown;
    return this.db.isPostgres ? (raw as [Record<string, unknown>[], number])[0] : (raw as Record<string, unknown>[]);
  }

  async markDelivered(id: string, at: Date): Promise<void> {
    await this.db.write((tx) =>
      this.db.query(
        `UPDATE insight_deliveries SET delivered_at = ${this.db.p(1)}, attempts = attempts + 1, last_error = NULL, leased_until = NULL WHERE id = ${this.db.p(2)}`,
        [this.db.toDbTime(at), id],
        tx,
      ),
    );
  }

  async markFailed(id: string, error: string, nextAttemptAt: Date): Promise<void> {
    await this.db.write((tx) =>
      this.db.query(
        `UPDATE insight_deliveries SET attempts = attempts + 1, last_error = ${this.db.p(1)}, next_attempt_at = ${this.db.p(2)}, leased_until = NULL WHERE id = ${this.db.p(3)}`,
        [error.slice(0, 2000), this.db.toDbTime(nextAttemptAt), id],
        tx,
      ),
    );
  }

  /** A silence holds the delivery back: it is no longer pending, and says which silence. */
  async markSilenced(id: string, silenceId: string): Promise<void> {
    await this.db.write((tx) =>
      this.db.query(
        `UPDATE insight_deliveries SET superseded_by = ${this.db.p(1)}, silenced_by = ${this.db.p(2)}, leased_until = NULL WHERE id = ${this.db.p(3)}`,
        [silenceId, silenceId, id],
        tx,
      ),
    );
  }

  /** Whether a delivery of this event went out on the channel. */
  async wasSent(signalId: string, channel: DeliveryChannel, event: DeliveryEventName, tx: EntityManager): Promise<boolean> {
    const rows = await this.db.query(
      `SELECT id FROM insight_deliveries WHERE signal_id = ${this.db.p(1)} AND channel = ${this.db.p(2)} AND event = ${this.db.p(3)} AND delivered_at IS NOT NULL LIMIT 1`,
      [signalId, channel, event],
      tx,
    );
    return rows.length > 0;
  }

  /** Makes the channel's pending rows that are backing off due now; returns how many. */
  async releaseBackoff(channel: DeliveryChannel, now: Date): Promise<number> {
    const db = this.db;
    // a read first: after each success, and usually there is nothing backing off
    const waiting = await db.query(
      `SELECT id FROM insight_deliveries WHERE ${PENDING} AND channel = ${db.p(1)} AND next_attempt_at > ${db.p(2)} LIMIT 1`,
      [channel, db.toDbTime(now)],
    );
    if (!waiting.length) return 0;
    return db.write(async (tx) => {
      const p = db.params();
      const at = db.toDbTime(now);
      const rows = await this.updateReturning(
        `UPDATE insight_deliveries SET next_attempt_at = ${p.add(at)}
         WHERE ${PENDING} AND channel = ${p.add(channel)} AND next_attempt_at > ${p.add(at)} AND (leased_until IS NULL OR leased_until <= ${p.add(at)})
         RETURNING id`,
        p.values,
        tx,
      );
      return rows.length;
    });
  }

  /** Forgets deliveries made, and rows superseded, before `cutoff`. */
  async pruneDelivered(cutoff: Date): Promise<void> {
    await this.db.write((tx) =>
      this.db.query(
        `DELETE FROM insight_deliveries WHERE (delivered_at IS NOT NULL AND delivered_at < ${this.db.p(1)}) OR (superseded_by IS NOT NULL AND created_at < ${this.db.p(2)})`,
        [this.db.toDbTime(cutoff), this.db.toDbTime(cutoff)],
        tx,
      ),
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

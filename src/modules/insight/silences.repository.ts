import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Database, Queryable } from '../../database/database.service';
import { Silence, SilenceMatcher } from './domain/silence';
import { returnedRows } from './probes.repository';

const COLUMNS =
  'id, matchers, starts_at, ends_at, comment, created_by_key_id, created_by_name, signal_id, applied_at, released_at, mirror_due_at, mirror_attempts, mirror_error, alertmanager_id, created_at, updated_at';

@Injectable()
export class SilencesRepository {
  constructor(private readonly db: Database) {}

  private map(r: Record<string, unknown>): Silence {
    const db = this.db;
    return {
      id: String(r.id),
      matchers: db.fromDbJson<SilenceMatcher[]>(r.matchers) ?? [],
      starts_at: db.fromDbTime(r.starts_at)!,
      ends_at: db.fromDbTime(r.ends_at)!,
      comment: String(r.comment),
      created_by: { key_id: String(r.created_by_key_id), name: String(r.created_by_name) },
      signal_id: r.signal_id === null || r.signal_id === undefined ? null : String(r.signal_id),
      applied_at: db.fromDbTime(r.applied_at),
      released_at: db.fromDbTime(r.released_at),
      mirror_due_at: db.fromDbTime(r.mirror_due_at),
      mirror_attempts: Number(r.mirror_attempts ?? 0),
      mirror_error: (r.mirror_error as string | null) ?? null,
      alertmanager_id: (r.alertmanager_id as string | null) ?? null,
      created_at: db.fromDbTime(r.created_at)!,
      updated_at: db.fromDbTime(r.updated_at)!,
    };
  }

  private time(d: Date | null): Date | string | null {
    return d ? this.db.toDbTime(d) : null;
  }

  async insert(s: Silence, tx: EntityManager): Promise<void> {
    const db = this.db;
    const p = db.params();
    const values = [
      s.id, db.toDbJson(s.matchers), db.toDbTime(s.starts_at), db.toDbTime(s.ends_at), s.comment, s.created_by.key_id, s.created_by.name, s.signal_id,
      this.time(s.applied_at), this.time(s.released_at), this.time(s.mirror_due_at), s.mirror_attempts, s.mirror_error, s.alertmanager_id,
      db.toDbTime(s.created_at), db.toDbTime(s.updated_at),
    ];
    await db.query(`INSERT INTO insight_silences (${COLUMNS}) VALUES (${values.map((v) => p.add(v)).join(', ')})`, p.values, tx);
  }

  async findById(id: string, on: Queryable = this.db.dataSource): Promise<Silence | undefined> {
    const rows = await this.db.query(`SELECT ${COLUMNS} FROM insight_silences WHERE id = ${this.db.p(1)}`, [id], on);
    return rows[0] ? this.map(rows[0]) : undefined;
  }

  async findByIdForUpdate(id: string, tx: EntityManager): Promise<Silence | undefined> {
    const lock = this.db.isPostgres ? ' FOR UPDATE' : '';
    const rows = await this.db.query(`SELECT ${COLUMNS} FROM insight_silences WHERE id = ${this.db.p(1)}${lock}`, [id], tx);
    return rows[0] ? this.map(rows[0]) : undefined;
  }

  /** Silences ending after `endsAfter` (active, pending, or expired since then), newest end first. */
  async findEndingAfter(endsAfter: Date, on: Queryable = this.db.dataSource): Promise<Silence[]> {
    const rows = await this.db.query(`SELECT ${COLUMNS} FROM insight_silences WHERE ends_at > ${this.db.p(1)} ORDER BY ends_at DESC, id`, [this.db.toDbTime(endsAfter)], on);
    return rows.map((r) => this.map(r));
  }

  /** Silences in force at `now`, oldest first (the first match is the one a signal is stored with). */
  async findActive(now: Date, on: Queryable = this.db.dataSource): Promise<Silence[]> {
    const t = this.db.toDbTime(now);
    const rows = await this.db.query(
      `SELECT ${COLUMNS} FROM insight_silences WHERE starts_at <= ${this.db.p(1)} AND ends_at > ${this.db.p(2)} ORDER BY created_at, id`,
      [t, t],
      on,
    );
    return rows.map((r) => this.map(r));
  }

  /** The active snooze of a signal, if any. */
  async findActiveForSignal(signalId: string, now: Date, tx: EntityManager): Promise<Silence | undefined> {
    const rows = await this.db.query(
      `SELECT ${COLUMNS} FROM insight_silences WHERE signal_id = ${this.db.p(1)} AND ends_at > ${this.db.p(2)} ORDER BY created_at DESC LIMIT 1`,
      [signalId, this.db.toDbTime(now)],
      tx,
    );
    return rows[0] ? this.map(rows[0]) : undefined;
  }

  /** Ids of silences whose start (not yet acted on) or end (not yet acted on) has come. */
  async findTransitionsDue(now: Date): Promise<{ starting: string[]; ending: string[] }> {
    const t = this.db.toDbTime(now);
    const starting = await this.db.query(
      `SELECT id FROM insight_silences WHERE applied_at IS NULL AND starts_at <= ${this.db.p(1)} AND ends_at > ${this.db.p(2)} ORDER BY starts_at, id LIMIT 100`,
      [t, t],
    );
    const ending = await this.db.query(`SELECT id FROM insight_silences WHERE released_at IS NULL AND ends_at <= ${this.db.p(1)} ORDER BY ends_at, id LIMIT 100`, [t]);
    return { starting: starting.map((r) => String(r.id)), ending: ending.map((r) => String(r.id)) };
  }

  async markApplied(id: string, at: Date, tx: EntityManager): Promise<void> {
    await this.db.query(`UPDATE insight_silences SET applied_at = ${this.db.p(1)} WHERE id = ${this.db.p(2)}`, [this.db.toDbTime(at), id], tx);
  }

  async markReleased(id: string, at: Date, tx: EntityManager): Promise<void> {
    await this.db.query(`UPDATE insight_silences SET released_at = ${this.db.p(1)}, applied_at = COALESCE(applied_at, ${this.db.p(2)}) WHERE id = ${this.db.p(3)}`, [this.db.toDbTime(at), this.db.toDbTime(at), id], tx);
  }

  /** Ends (or re-times) a silence; its Alertmanager copy is due to be brought in step now. */
  async setWindow(id: string, startsAt: Date, endsAt: Date, now: Date, tx: EntityManager): Promise<void> {
    const db = this.db;
    await db.query(
      `UPDATE insight_silences SET starts_at = ${db.p(1)}, ends_at = ${db.p(2)}, updated_at = ${db.p(3)}, mirror_due_at = ${db.p(4)}, mirror_attempts = 0, released_at = NULL WHERE id = ${db.p(5)}`,
      [db.toDbTime(startsAt), db.toDbTime(endsAt), db.toDbTime(now), db.toDbTime(now), id],
      tx,
    );
  }

  /** Ids of silences whose Alertmanager copy is due to be written or expired, and that no replica is writing. */
  async findMirrorDue(now: Date, limit = 50): Promise<string[]> {
    const t = this.db.toDbTime(now);
    const rows = await this.db.query(
      `SELECT id FROM insight_silences WHERE mirror_due_at IS NOT NULL AND mirror_due_at <= ${this.db.p(1)}
       AND (mirror_leased_until IS NULL OR mirror_leased_until <= ${this.db.p(2)}) ORDER BY mirror_due_at, id LIMIT ${this.db.p(3)}`,
      [t, t, limit],
    );
    return rows.map((r) => String(r.id));
  }

  /**
   * Takes the right to write the copy until `until`, if it is still due and nobody holds it: one
   * conditional UPDATE, so with several replicas one writes each copy (two would make two silences
   * in Alertmanager). Answers the row as claimed, or undefined.
   */
  async claimMirror(id: string, now: Date, until: Date): Promise<Silence | undefined> {
    const db = this.db;
    return db.write(async (tx) => {
      const t = db.toDbTime(now);
      const rows = returnedRows(
        await db.query(
          `UPDATE insight_silences SET mirror_leased_until = ${db.p(1)} WHERE id = ${db.p(2)} AND mirror_due_at IS NOT NULL AND mirror_due_at <= ${db.p(3)}
           AND (mirror_leased_until IS NULL OR mirror_leased_until <= ${db.p(4)}) RETURNING id`,
          [db.toDbTime(until), id, t, t],
          tx,
        ),
      );
      return rows.length ? this.findById(id, tx) : undefined;
    });
  }

  /**
   * Records that the copy was brought in step as of `version` (the row's updated_at when it was
   * read): a change made meanwhile keeps it due.
   */
  async markMirrored(id: string, alertmanagerId: string | null, version: Date): Promise<void> {
    const db = this.db;
    await db.write((tx) =>
      db.query(
        `UPDATE insight_silences SET alertmanager_id = ${db.p(1)}, mirror_attempts = 0, mirror_error = NULL, mirror_leased_until = NULL,
         mirror_due_at = CASE WHEN updated_at = ${db.p(2)} THEN NULL ELSE mirror_due_at END WHERE id = ${db.p(3)}`,
        [alertmanagerId, db.toDbTime(version), id],
        tx,
      ),
    );
  }

  async markMirrorFailed(id: string, error: string, retryAt: Date): Promise<void> {
    const db = this.db;
    await db.write((tx) =>
      db.query(
        `UPDATE insight_silences SET mirror_attempts = mirror_attempts + 1, mirror_error = ${db.p(1)}, mirror_due_at = ${db.p(2)}, mirror_leased_until = NULL WHERE id = ${db.p(3)}`,
        [error.slice(0, 2000), db.toDbTime(retryAt), id],
        tx,
      ),
    );
  }

  /** Makes every copy backing off (and not being written) due now: Alertmanager answers again. */
  async releaseMirrorBackoff(now: Date): Promise<void> {
    const db = this.db;
    const t = db.toDbTime(now);
    const free = (p: ReturnType<Database['params']>) => `mirror_due_at > ${p.add(t)} AND (mirror_leased_until IS NULL OR mirror_leased_until <= ${p.add(t)})`;
    const probe = db.params();
    if (!(await db.query(`SELECT id FROM insight_silences WHERE ${free(probe)} LIMIT 1`, probe.values)).length) return;
    await db.write((tx) => {
      const p = db.params();
      const sql = `UPDATE insight_silences SET mirror_due_at = ${p.add(t)} WHERE ${free(p)}`;
      return db.query(sql, p.values, tx);
    });
  }

  /** Forgets silences that ended before `cutoff` and whose end was acted on and mirrored. */
  async pruneEndedBefore(cutoff: Date): Promise<number> {
    const db = this.db;
    return db.write(async (tx) =>
      returnedRows(
        await db.query(
          `DELETE FROM insight_silences WHERE ends_at < ${db.p(1)} AND released_at IS NOT NULL AND mirror_due_at IS NULL RETURNING id`,
          [db.toDbTime(cutoff)],
          tx,
        ),
      ).length,
    );
  }
}

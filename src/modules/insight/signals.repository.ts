import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Database, Queryable } from '../../database/database.service';
import { KeyRef, Severity, SEVERITIES, Signal, SignalState } from './domain/probe';
import { Labels } from './domain/series';

const COLUMNS =
  'id, probe_id, probe_name, metric, labels, series_key, value, score, hint, detector, threshold, step_s, wpk_id, observed_at, last_anomalous_at, peak_at, state, resolved_at, created_at, updated_at, ' +
  'severity, probe_labels, acknowledged_at, acknowledged_by_key_id, acknowledged_by_name, ack_note, snoozed_until, silenced_by';

export interface SignalFilters {
  state?: SignalState;
  probe_id?: string;
  wpk_id?: string;
  /** episodes overlapping [active_from, active_to]: started by active_to, not resolved before active_from */
  active_from?: Date;
  active_to?: Date;
  metric?: string;
  since?: Date;
  until?: Date;
  min_score?: number;
  acknowledged?: boolean;
  /** signals someone labelled so (`none`: nobody labelled) */
  feedback?: 'useful' | 'noise' | 'none';
  /** held back by a silence (or snooze) now */
  silenced?: boolean;
}

@Injectable()
export class SignalsRepository {
  constructor(private readonly db: Database) {}

  private map(row: Record<string, unknown>): Signal {
    const db = this.db;
    return {
      id: String(row.id),
      probe_id: row.probe_id === null || row.probe_id === undefined ? null : String(row.probe_id),
      probe_name: (row.probe_name as string | null) ?? null,
      metric: String(row.metric),
      labels: db.fromDbJson<Labels>(row.labels) ?? {},
      series_key: String(row.series_key),
      value: Number(row.value),
      score: Number(row.score),
      hint: String(row.hint),
      detector: String(row.detector),
      threshold: Number(row.threshold),
      step_s: Number(row.step_s),
      wpk_id: (row.wpk_id as string | null) ?? null,
      observed_at: db.fromDbTime(row.observed_at)!,
      last_anomalous_at: db.fromDbTime(row.last_anomalous_at)!,
      peak_at: db.fromDbTime(row.peak_at),
      state: row.state as SignalState,
      resolved_at: db.fromDbTime(row.resolved_at),
      severity: SEVERITIES.includes(row.severity as Severity) ? (row.severity as Severity) : 'warning',
      probe_labels: db.fromDbJson<Labels>(row.probe_labels) ?? {},
      acknowledged_at: db.fromDbTime(row.acknowledged_at),
      acknowledged_by: row.acknowledged_by_key_id ? { key_id: String(row.acknowledged_by_key_id), name: String(row.acknowledged_by_name ?? '') } : null,
      ack_note: (row.ack_note as string | null) ?? null,
      snoozed_until: db.fromDbTime(row.snoozed_until),
      silenced_by: row.silenced_by === null || row.silenced_by === undefined ? null : String(row.silenced_by),
      created_at: db.fromDbTime(row.created_at)!,
      updated_at: db.fromDbTime(row.updated_at)!,
    };
  }

  /** The stored episode, locked for the rest of the transaction on PostgreSQL. */
  async findByEpisodeKeyForUpdate(key: string, tx: EntityManager): Promise<Signal | undefined> {
    const lock = this.db.isPostgres ? ' FOR UPDATE' : '';
    const rows = await this.db.query(`SELECT ${COLUMNS} FROM insight_signals WHERE episode_key = ${this.db.p(1)}${lock}`, [key], tx);
    return rows[0] ? this.map(rows[0]) : undefined;
  }

  /** Inserts the episode unless one with the key exists; true when this call inserted it. */
  async insertIfAbsent(s: Signal, episodeKey: string, tx: EntityManager): Promise<boolean> {
    const db = this.db;
    const values = [
      s.id, episodeKey, s.probe_id, s.probe_name, s.metric, db.toDbJson(s.labels), s.series_key, s.value, s.score, s.hint, s.detector, s.threshold,
      s.step_s, s.wpk_id, db.toDbTime(s.observed_at), db.toDbTime(s.last_anomalous_at), s.peak_at ? db.toDbTime(s.peak_at) : null, s.state,
      s.resolved_at ? db.toDbTime(s.resolved_at) : null, db.toDbTime(s.created_at), db.toDbTime(s.updated_at),
      s.severity, db.toDbJson(s.probe_labels), s.acknowledged_at ? db.toDbTime(s.acknowledged_at) : null, s.acknowledged_by?.key_id ?? null,
      s.acknowledged_by?.name ?? null, s.ack_note, s.snoozed_until ? db.toDbTime(s.snoozed_until) : null, s.silenced_by,
    ];
    const rows = await db.query(
      `INSERT INTO insight_signals (id, episode_key, ${COLUMNS.slice(4)}) VALUES (${values.map((_, i) => db.p(i + 1)).join(', ')})
       ON CONFLICT (episode_key) DO NOTHING RETURNING id`,
      values,
      tx,
    );
    return rows.length > 0;
  }

  async updateEpisode(s: Signal, tx: EntityManager): Promise<void> {
    const db = this.db;
    await db.query(
      `UPDATE insight_signals SET value = ${db.p(1)}, score = ${db.p(2)}, hint = ${db.p(3)}, last_anomalous_at = ${db.p(4)},
       state = ${db.p(5)}, resolved_at = ${db.p(6)}, updated_at = ${db.p(7)}, peak_at = ${db.p(8)} WHERE id = ${db.p(9)}`,
      [
        s.value, s.score, s.hint, db.toDbTime(s.last_anomalous_at), s.state, s.resolved_at ? db.toDbTime(s.resolved_at) : null, db.toDbTime(s.updated_at),
        s.peak_at ? db.toDbTime(s.peak_at) : null, s.id,
      ],
      tx,
    );
  }

  async setAcknowledged(id: string, at: Date, by: KeyRef, note: string | null, tx: EntityManager): Promise<void> {
    const db = this.db;
    await db.query(
      `UPDATE insight_signals SET acknowledged_at = ${db.p(1)}, acknowledged_by_key_id = ${db.p(2)}, acknowledged_by_name = ${db.p(3)}, ack_note = ${db.p(4)}, updated_at = ${db.p(5)} WHERE id = ${db.p(6)}`,
      [db.toDbTime(at), by.key_id, by.name, note, db.toDbTime(at), id],
      tx,
    );
  }

  async setSnoozedUntil(id: string, until: Date | null, now: Date, tx: EntityManager): Promise<void> {
    const db = this.db;
    await db.query(`UPDATE insight_signals SET snoozed_until = ${db.p(1)}, updated_at = ${db.p(2)} WHERE id = ${db.p(3)}`, [until ? db.toDbTime(until) : null, db.toDbTime(now), id], tx);
  }

  /** A snooze that ended early (its silence expired before the time it was snoozed until) leaves the signal unsnoozed. */
  async clearSnoozeAfter(id: string, now: Date, tx: EntityManager): Promise<void> {
    const db = this.db;
    await db.query(
      `UPDATE insight_signals SET snoozed_until = NULL WHERE id = ${db.p(1)} AND snoozed_until IS NOT NULL AND snoozed_until > ${db.p(2)}`,
      [id, db.toDbTime(now)],
      tx,
    );
  }

  async setSilencedBy(id: string, silenceId: string | null, tx: EntityManager): Promise<void> {
    await this.db.query(`UPDATE insight_signals SET silenced_by = ${this.db.p(1)} WHERE id = ${this.db.p(2)}`, [silenceId, id], tx);
  }

  /** Signals a silence holds back now (any state), locked on PostgreSQL. */
  async findSilencedBy(silenceId: string, tx: EntityManager): Promise<Signal[]> {
    const lock = this.db.isPostgres ? ' FOR UPDATE' : '';
    const rows = await this.db.query(`SELECT ${COLUMNS} FROM insight_signals WHERE silenced_by = ${this.db.p(1)}${lock}`, [silenceId], tx);
    return rows.map((r) => this.map(r));
  }

  /** Firing signals no silence holds back, locked on PostgreSQL. */
  async findFiringUnsilenced(tx: EntityManager, limit = 10_000): Promise<Signal[]> {
    const lock = this.db.isPostgres ? ' FOR UPDATE' : '';
    const rows = await this.db.query(
      `SELECT ${COLUMNS} FROM insight_signals WHERE state = 'firing' AND silenced_by IS NULL ORDER BY observed_at, id LIMIT ${this.db.p(1)}${lock}`,
      [limit],
      tx,
    );
    return rows.map((r) => this.map(r));
  }

  async findByIdForUpdate(id: string, tx: EntityManager): Promise<Signal | undefined> {
    const lock = this.db.isPostgres ? ' FOR UPDATE' : '';
    const rows = await this.db.query(`SELECT ${COLUMNS} FROM insight_signals WHERE id = ${this.db.p(1)}${lock}`, [id], tx);
    return rows[0] ? this.map(rows[0]) : undefined;
  }

  /** A renamed probe's signals carry its new name. */
  async setProbeName(probeId: string, name: string, tx: EntityManager): Promise<void> {
    await this.db.query(`UPDATE insight_signals SET probe_name = ${this.db.p(1)} WHERE probe_id = ${this.db.p(2)}`, [name, probeId], tx);
  }

  async findById(id: string, on: Queryable = this.db.dataSource): Promise<Signal | undefined> {
    const rows = await this.db.query(`SELECT ${COLUMNS} FROM insight_signals WHERE id = ${this.db.p(1)}`, [id], on);
    return rows[0] ? this.map(rows[0]) : undefined;
  }

  /** Newest observed_at first, keyset after (observed_at, id). */
  async findPage(filters: SignalFilters, limit: number, after?: { at: Date; id: string }): Promise<Signal[]> {
    const params = this.db.params();
    const clauses: string[] = [];
    if (filters.state) clauses.push(`state = ${params.add(filters.state)}`);
    if (filters.probe_id) clauses.push(`probe_id = ${params.add(filters.probe_id)}`);
    if (filters.metric) clauses.push(`metric = ${params.add(filters.metric)}`);
    if (filters.wpk_id) clauses.push(`wpk_id = ${params.add(filters.wpk_id)}`);
    if (filters.active_to) clauses.push(`observed_at <= ${params.add(this.db.toDbTime(filters.active_to))}`);
    if (filters.active_from) clauses.push(`(resolved_at IS NULL OR resolved_at >= ${params.add(this.db.toDbTime(filters.active_from))})`);
    if (filters.since) clauses.push(`observed_at >= ${params.add(this.db.toDbTime(filters.since))}`);
    if (filters.until) clauses.push(`observed_at < ${params.add(this.db.toDbTime(filters.until))}`);
    if (filters.min_score !== undefined) clauses.push(`score >= ${params.add(filters.min_score)}`);
    if (filters.acknowledged !== undefined) clauses.push(filters.acknowledged ? 'acknowledged_at IS NOT NULL' : 'acknowledged_at IS NULL');
    if (filters.silenced !== undefined) clauses.push(filters.silenced ? 'silenced_by IS NOT NULL' : 'silenced_by IS NULL');
    if (filters.feedback === 'none') clauses.push('NOT EXISTS (SELECT 1 FROM insight_signal_feedback f WHERE f.signal_id = insight_signals.id)');
    else if (filters.feedback) {
      clauses.push(`EXISTS (SELECT 1 FROM insight_signal_feedback f WHERE f.signal_id = insight_signals.id AND f.label = ${params.add(filters.feedback)})`);
    }
    if (after) clauses.push(`(observed_at, id) < (${params.add(this.db.toDbTime(after.at))}, ${params.add(after.id)})`);
    const where = clauses.length ? `WHERE ${clauses.join(' AND ')}` : '';
    const rows = await this.db.query(
      `SELECT ${COLUMNS} FROM insight_signals ${where} ORDER BY observed_at DESC, id DESC LIMIT ${params.add(limit)}`,
      params.values,
    );
    return rows.map((r) => this.map(r));
  }

  /** Ids of up to `limit` signals resolved before `cutoff`, locked for the transaction on PostgreSQL (others' locks skipped). */
  async findResolvedBefore(cutoff: Date, limit: number, tx: EntityManager): Promise<string[]> {
    const lock = this.db.isPostgres ? ' FOR UPDATE SKIP LOCKED' : '';
    const rows = await this.db.query(
      `SELECT id FROM insight_signals WHERE state = 'resolved' AND resolved_at < ${this.db.p(1)} ORDER BY resolved_at, id LIMIT ${this.db.p(2)}${lock}`,
      [this.db.toDbTime(cutoff), limit],
      tx,
    );
    return rows.map((r) => String(r.id));
  }

  async deleteByIds(ids: string[], tx: EntityManager): Promise<void> {
    if (!ids.length) return;
    const params = this.db.params();
    await this.db.query(`DELETE FROM insight_signals WHERE id IN (${ids.map((id) => params.add(id)).join(', ')})`, params.values, tx);
  }

  async findFiring(limit = 10_000): Promise<Signal[]> {
    const rows = await this.db.query(
      `SELECT ${COLUMNS} FROM insight_signals WHERE state = 'firing' ORDER BY observed_at, id LIMIT ${this.db.p(1)}`,
      [limit],
    );
    return rows.map((r) => this.map(r));
  }

  async findFiringOfProbe(probeId: string, tx: EntityManager): Promise<Signal[]> {
    const rows = await this.db.query(`SELECT ${COLUMNS} FROM insight_signals WHERE probe_id = ${this.db.p(1)} AND state = 'firing'`, [probeId], tx);
    return rows.map((r) => this.map(r));
  }

  async hasStaleAdhocFiring(cutoff: Date): Promise<boolean> {
    const rows = await this.db.query(
      `SELECT id FROM insight_signals WHERE probe_id IS NULL AND state = 'firing' AND last_anomalous_at < ${this.db.p(1)} LIMIT 1`,
      [this.db.toDbTime(cutoff)],
    );
    return rows.length > 0;
  }

  /** Ad-hoc episodes nobody will look at again: firing, last seen anomalous before `cutoff`. */
  async findStaleAdhocFiring(cutoff: Date, tx: EntityManager): Promise<Signal[]> {
    const rows = await this.db.query(
      `SELECT ${COLUMNS} FROM insight_signals WHERE probe_id IS NULL AND state = 'firing' AND last_anomalous_at < ${this.db.p(1)}`,
      [this.db.toDbTime(cutoff)],
      tx,
    );
    return rows.map((r) => this.map(r));
  }
}

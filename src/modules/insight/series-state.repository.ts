import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Database } from '../../database/database.service';
import type { DetectorSnapshot } from './detectors';
import { TrackerState } from './domain/episodes';
import { Labels } from './domain/series';

export interface SeriesState {
  probe_id: string;
  series_hash: string;
  series_key: string;
  metric: string;
  labels: Labels;
  /** detector, params and episode settings the snapshot was taken with; another hash means start over */
  config_hash: string;
  snapshot: DetectorSnapshot;
  tracker: TrackerState;
  last_ts: Date;
  last_value: number;
  last_score: number;
  /** When the detector is (or was) first allowed to alert on this series. */
  warming_up_until: Date | null;
  updated_at: Date;
}

/** A series' state without its detector snapshot and tracker (GET /probes/:id). */
export type SeriesSummary = Omit<SeriesState, 'snapshot' | 'tracker'>;

@Injectable()
export class SeriesStateRepository {
  constructor(private readonly db: Database) {}

  private summary(r: Record<string, unknown>): SeriesSummary {
    const db = this.db;
    return {
      probe_id: String(r.probe_id),
      series_hash: String(r.series_hash),
      series_key: String(r.series_key),
      metric: String(r.metric),
      labels: db.fromDbJson<Labels>(r.labels) ?? {},
      config_hash: String(r.config_hash),
      last_ts: db.fromDbTime(r.last_ts)!,
      last_value: Number(r.last_value),
      last_score: Number(r.last_score),
      warming_up_until: db.fromDbTime(r.warming_up_until),
      updated_at: db.fromDbTime(r.updated_at)!,
    };
  }

  private map(r: Record<string, unknown>): SeriesState {
    return {
      ...this.summary(r),
      snapshot: this.db.fromDbJson<DetectorSnapshot>(r.snapshot)!,
      tracker: this.db.fromDbJson<TrackerState>(r.tracker) ?? { open: null, pending: null },
    };
  }

  async findForProbe(probeId: string): Promise<SeriesState[]> {
    const rows = await this.db.query(`SELECT * FROM insight_series_state WHERE probe_id = ${this.db.p(1)}`, [probeId]);
    return rows.map((r) => this.map(r));
  }

  /** The probe's series without their (large) detector snapshots, by metric and labels. */
  async findSummariesForProbe(probeId: string): Promise<SeriesSummary[]> {
    const db = this.db;
    const rows = await db.query(
      `SELECT probe_id, series_hash, series_key, metric, labels, config_hash, last_ts, last_value, last_score, warming_up_until, updated_at
       FROM insight_series_state WHERE probe_id = ${db.p(1)} ORDER BY metric, series_key`,
      [probeId],
    );
    return rows.map((r) => this.summary(r));
  }

  /** Every series of every probe, for the exported gauges. */
  async findAll(): Promise<SeriesState[]> {
    const rows = await this.db.query(`SELECT * FROM insight_series_state ORDER BY probe_id, series_key`);
    return rows.map((r) => this.map(r));
  }

  async upsert(s: SeriesState, tx: EntityManager): Promise<void> {
    const db = this.db;
    const values = [
      s.probe_id, s.series_hash, s.series_key, s.metric, db.toDbJson(s.labels), s.config_hash, db.toDbJson(s.snapshot), db.toDbJson(s.tracker),
      db.toDbTime(s.last_ts), s.last_value, s.last_score, s.warming_up_until ? db.toDbTime(s.warming_up_until) : null, db.toDbTime(s.updated_at),
    ];
    await db.query(
      `INSERT INTO insight_series_state (probe_id, series_hash, series_key, metric, labels, config_hash, snapshot, tracker, last_ts, last_value, last_score, warming_up_until, updated_at)
       VALUES (${values.map((_, i) => db.p(i + 1)).join(', ')})
       ON CONFLICT (probe_id, series_hash) DO UPDATE SET series_key = excluded.series_key, metric = excluded.metric, labels = excluded.labels,
       config_hash = excluded.config_hash, snapshot = excluded.snapshot, tracker = excluded.tracker, last_ts = excluded.last_ts,
       last_value = excluded.last_value, last_score = excluded.last_score, warming_up_until = excluded.warming_up_until, updated_at = excluded.updated_at`,
      values,
      tx,
    );
  }
}

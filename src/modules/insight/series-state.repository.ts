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
  updated_at: Date;
}

@Injectable()
export class SeriesStateRepository {
  constructor(private readonly db: Database) {}

  private map(r: Record<string, unknown>): SeriesState {
    const db = this.db;
    return {
      probe_id: String(r.probe_id),
      series_hash: String(r.series_hash),
      series_key: String(r.series_key),
      metric: String(r.metric),
      labels: db.fromDbJson<Labels>(r.labels) ?? {},
      config_hash: String(r.config_hash),
      snapshot: db.fromDbJson<DetectorSnapshot>(r.snapshot)!,
      tracker: db.fromDbJson<TrackerState>(r.tracker) ?? { open: null, pending: null },
      last_ts: db.fromDbTime(r.last_ts)!,
      last_value: Number(r.last_value),
      last_score: Number(r.last_score),
      updated_at: db.fromDbTime(r.updated_at)!,
    };
  }

  async findForProbe(probeId: string): Promise<SeriesState[]> {
    const rows = await this.db.query(`SELECT * FROM insight_series_state WHERE probe_id = ${this.db.p(1)}`, [probeId]);
    return rows.map((r) => this.map(r));
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
      db.toDbTime(s.last_ts), s.last_value, s.last_score, db.toDbTime(s.updated_at),
    ];
    await db.query(
      `INSERT INTO insight_series_state (probe_id, series_hash, series_key, metric, labels, config_hash, snapshot, tracker, last_ts, last_value, last_score, updated_at)
       VALUES (${values.map((_, i) => db.p(i + 1)).join(', ')})
       ON CONFLICT (probe_id, series_hash) DO UPDATE SET series_key = excluded.series_key, metric = excluded.metric, labels = excluded.labels,
       config_hash = excluded.config_hash, snapshot = excluded.snapshot, tracker = excluded.tracker, last_ts = excluded.last_ts,
       last_value = excluded.last_value, last_score = excluded.last_score, updated_at = excluded.updated_at`,
      values,
      tx,
    );
  }
}

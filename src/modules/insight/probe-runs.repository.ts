import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Database } from '../../database/database.service';
import { ProbeRun } from './domain/probe';

@Injectable()
export class ProbeRunsRepository {
  constructor(private readonly db: Database) {}

  async insert(run: ProbeRun, tx: EntityManager): Promise<void> {
    const db = this.db;
    await db.query(
      `INSERT INTO probe_runs (id, probe_id, started_at, finished_at, points_scored, signals, error, replica)
       VALUES (${[1, 2, 3, 4, 5, 6, 7, 8].map((i) => db.p(i)).join(', ')})`,
      [run.id, run.probe_id, db.toDbTime(run.started_at), db.toDbTime(run.finished_at), run.points_scored, run.signals, run.error, run.replica],
      tx,
    );
  }

  async findRecentForProbe(probeId: string, limit: number): Promise<ProbeRun[]> {
    const rows = await this.db.query(
      `SELECT id, probe_id, started_at, finished_at, points_scored, signals, error, replica FROM probe_runs
       WHERE probe_id = ${this.db.p(1)} ORDER BY started_at DESC, id DESC LIMIT ${this.db.p(2)}`,
      [probeId, limit],
    );
    return rows.map((r) => ({
      id: String(r.id),
      probe_id: String(r.probe_id),
      started_at: this.db.fromDbTime(r.started_at)!,
      finished_at: this.db.fromDbTime(r.finished_at)!,
      points_scored: Number(r.points_scored),
      signals: Number(r.signals),
      error: (r.error as string | null) ?? null,
      replica: String(r.replica),
    }));
  }
}

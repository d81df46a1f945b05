import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Database } from '../../database/database.service';

/** Which run a trace became so far. */
export interface TraceRow {
  trace_id: string;
  wpk_id: string | null;
  run_id: string | null;
  run_uuid: string | null;
  /** its root span arrived */
  rooted: boolean;
  /** its run was marked otlp_root_missing */
  root_missing: boolean;
  first_seen_at: Date;
  updated_at: Date;
}

const COLUMNS = 'trace_id, wpk_id, run_id, run_uuid, rooted, root_missing, first_seen_at, updated_at';

/** The only code that knows how `otlp_traces` is stored. */
@Injectable()
export class OtlpTracesRepository {
  constructor(private readonly db: Database) {}

  private toRow(r: Record<string, unknown>): TraceRow {
    return {
      trace_id: String(r.trace_id),
      wpk_id: (r.wpk_id as string | null) ?? null,
      run_id: (r.run_id as string | null) ?? null,
      run_uuid: r.run_uuid === null || r.run_uuid === undefined ? null : String(r.run_uuid),
      rooted: r.rooted === true || r.rooted === 1,
      root_missing: r.root_missing === true || r.root_missing === 1,
      first_seen_at: this.db.fromDbTime(r.first_seen_at)!,
      updated_at: this.db.fromDbTime(r.updated_at)!,
    };
  }

  /** Creates the rows not stored yet (`create`), then reads every row of `traceIds`, locked, in id order. */
  async lock(traceIds: readonly string[], create: readonly string[], now: Date, tx: EntityManager): Promise<Map<string, TraceRow>> {
    const db = this.db;
    if (create.length) {
      const params = db.params();
      const at = db.toDbTime(now);
      const values = create.map((id) => `(${params.add(id)}, ${params.add(at)}, ${params.add(at)})`).join(', ');
      await db.query(`INSERT INTO otlp_traces (trace_id, first_seen_at, updated_at) VALUES ${values} ON CONFLICT (trace_id) DO NOTHING`, params.values, tx);
    }
    const out = new Map<string, TraceRow>();
    if (!traceIds.length) return out;
    const params = db.params();
    const list = traceIds.map((id) => params.add(id)).join(', ');
    const lock = db.isPostgres ? ' FOR UPDATE' : '';
    const rows = await db.query(`SELECT ${COLUMNS} FROM otlp_traces WHERE trace_id IN (${list}) ORDER BY trace_id${lock}`, params.values, tx);
    for (const r of rows) out.set(String(r.trace_id), this.toRow(r));
    return out;
  }

  async save(row: TraceRow, tx: EntityManager): Promise<void> {
    const db = this.db;
    const b = (v: boolean) => (db.isPostgres ? v : v ? 1 : 0);
    await db.query(
      `UPDATE otlp_traces SET wpk_id = ${db.p(1)}, run_id = ${db.p(2)}, run_uuid = ${db.p(3)}, rooted = ${db.p(4)}, root_missing = ${db.p(5)}, updated_at = ${db.p(6)}
       WHERE trace_id = ${db.p(7)}`,
      [row.wpk_id, row.run_id, row.run_uuid, b(row.rooted), b(row.root_missing), db.toDbTime(row.updated_at), row.trace_id],
      tx,
    );
  }

  /** Saves several rows: one statement on PostgreSQL, one per row on SQLite (no round trips there). */
  async saveMany(rows: readonly TraceRow[], tx: EntityManager): Promise<void> {
    if (!this.db.isPostgres) {
      for (const row of rows) await this.save(row, tx);
      return;
    }
    if (!rows.length) return;
    const col = <T>(pick: (r: TraceRow) => T) => rows.map(pick);
    await this.db.query(
      `UPDATE otlp_traces t SET wpk_id = v.wpk_id, run_id = v.run_id, run_uuid = v.run_uuid, rooted = v.rooted, root_missing = v.root_missing, updated_at = v.updated_at
       FROM unnest($1::text[], $2::text[], $3::text[], $4::uuid[], $5::boolean[], $6::boolean[], $7::timestamptz[])
         AS v(trace_id, wpk_id, run_id, run_uuid, rooted, root_missing, updated_at)
       WHERE t.trace_id = v.trace_id`,
      [col((r) => r.trace_id), col((r) => r.wpk_id), col((r) => r.run_id), col((r) => r.run_uuid), col((r) => r.rooted), col((r) => r.root_missing), col((r) => r.updated_at)],
      tx,
    );
  }

  /** Traces with a run whose root has not arrived since before `cutoff` and is not marked yet, locked; others' locks skipped. */
  async findWaitingSince(cutoff: Date, limit: number, tx: EntityManager): Promise<TraceRow[]> {
    const db = this.db;
    const lock = db.isPostgres ? ' FOR UPDATE SKIP LOCKED' : '';
    const no = db.isPostgres ? 'false' : '0';
    const rows = await db.query(
      `SELECT ${COLUMNS} FROM otlp_traces WHERE rooted = ${no} AND root_missing = ${no} AND first_seen_at < ${db.p(1)} AND run_uuid IS NOT NULL
       ORDER BY first_seen_at LIMIT ${db.p(2)}${lock}`,
      [db.toDbTime(cutoff), limit],
      tx,
    );
    return rows.map((r) => this.toRow(r));
  }

  /** Traces that never made a run (their workflow not registered) and saw no span since `cutoff`. */
  async findAbandoned(cutoff: Date, limit: number, tx: EntityManager): Promise<string[]> {
    const db = this.db;
    const lock = db.isPostgres ? ' FOR UPDATE SKIP LOCKED' : '';
    const rows = await db.query(
      `SELECT trace_id FROM otlp_traces WHERE run_uuid IS NULL AND updated_at < ${db.p(1)} ORDER BY updated_at LIMIT ${db.p(2)}${lock}`,
      [db.toDbTime(cutoff), limit],
      tx,
    );
    return rows.map((r) => String(r.trace_id));
  }

  /** The traces of these runs. */
  async findByRuns(runUuids: readonly string[], tx: EntityManager): Promise<string[]> {
    if (!runUuids.length) return [];
    const params = this.db.params();
    const list = runUuids.map((id) => params.add(id)).join(', ');
    const rows = await this.db.query(`SELECT trace_id FROM otlp_traces WHERE run_uuid IN (${list})`, params.values, tx);
    return rows.map((r) => String(r.trace_id));
  }

  async deleteByIds(traceIds: readonly string[], tx: EntityManager): Promise<void> {
    if (!traceIds.length) return;
    const params = this.db.params();
    const list = traceIds.map((id) => params.add(id)).join(', ');
    await this.db.query(`DELETE FROM otlp_traces WHERE trace_id IN (${list})`, params.values, tx);
  }
}

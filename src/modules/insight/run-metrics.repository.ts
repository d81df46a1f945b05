import { Injectable } from '@nestjs/common';
import { RUN_HAPPENED_AT_SQL } from '../../../migrations/1764374800000-RunHappenedAt';
import { Database } from '../../database/database.service';
import { RunMetric } from './domain/probe';

export interface RunBucket {
  wpk_id: string;
  /** bucket start, seconds since the epoch */
  bucket_s: number;
  value: number;
}

export interface LinkedRun {
  id: string;
  wpk_id: string;
  run_id: string;
  status: string;
  duration_ms: number | null;
  error: string | null;
  started_at: Date | null;
  ended_at: Date | null;
  created_at: Date;
}

/**
 * Read-only views of `workflow_runs` for the insight module: per-bucket run metrics computed in SQL
 * on both drivers, and the runs behind a signal. A run counts at when it happened (`happenedAt`:
 * started_at, else created_at, and created_at when started_at lies more than 5 minutes after it),
 * so runs delivered late land in their own bucket. Bucket = floor(happened at / step).
 */
@Injectable()
export class RunMetricsRepository {
  /** the expression the indexes ix_workflow_runs_(wpk_)happened are built on, verbatim */
  private readonly happenedAt: string;

  constructor(private readonly db: Database) {
    this.happenedAt = `(${RUN_HAPPENED_AT_SQL[db.isPostgres ? 'postgres' : 'sqlite']})`;
  }

  async buckets(metric: RunMetric, fromMs: number, toMs: number, stepS: number, wpkId: string | null): Promise<RunBucket[]> {
    if (!Number.isInteger(stepS) || stepS < 1) throw new Error(`bad step ${stepS}`);
    const db = this.db;
    const params = db.params();
    const at = this.happenedAt;
    const epoch = db.isPostgres ? `FLOOR(EXTRACT(EPOCH FROM ${at}))::bigint` : `CAST(strftime('%s', ${at}) AS INTEGER)`;
    const bucket = `((${epoch}) / ${stepS}) * ${stepS}`;
    const where = [
      `${at} >= ${params.add(db.toDbTime(new Date(fromMs)))}`,
      `${at} < ${params.add(db.toDbTime(new Date(toMs)))}`,
    ];
    if (wpkId !== null) where.push(`wpk_id = ${params.add(wpkId)}`);
    let sql: string;
    switch (metric) {
      case 'runs_count':
        sql = `SELECT wpk_id, ${bucket} AS bucket_s, COUNT(*) AS value FROM workflow_runs WHERE ${where.join(' AND ')} GROUP BY wpk_id, ${bucket}`;
        break;
      case 'runs_failure_ratio':
        where.push(`status <> 'running'`);
        sql =
          `SELECT wpk_id, ${bucket} AS bucket_s, SUM(CASE WHEN status = 'failed' THEN 1 ELSE 0 END) * 1.0 / COUNT(*) AS value ` +
          `FROM workflow_runs WHERE ${where.join(' AND ')} GROUP BY wpk_id, ${bucket}`;
        break;
      case 'runs_duration_mean_ms':
        where.push('duration_ms IS NOT NULL');
        sql = `SELECT wpk_id, ${bucket} AS bucket_s, AVG(duration_ms) AS value FROM workflow_runs WHERE ${where.join(' AND ')} GROUP BY wpk_id, ${bucket}`;
        break;
      case 'runs_tokens_total': {
        const total = db.isPostgres ? `(usage->>'total_tokens')::bigint` : `json_extract(usage, '$.total_tokens')`;
        where.push(`${total} IS NOT NULL`);
        sql = `SELECT wpk_id, ${bucket} AS bucket_s, SUM(${total}) AS value FROM workflow_runs WHERE ${where.join(' AND ')} GROUP BY wpk_id, ${bucket}`;
        break;
      }
      case 'runs_cost_usd': {
        const cost = db.isPostgres ? `(usage->>'cost_usd')::float8` : `json_extract(usage, '$.cost_usd')`;
        where.push(`${cost} IS NOT NULL`);
        sql = `SELECT wpk_id, ${bucket} AS bucket_s, SUM(${cost}) AS value FROM workflow_runs WHERE ${where.join(' AND ')} GROUP BY wpk_id, ${bucket}`;
        break;
      }
      case 'runs_duration_p95_ms':
        where.push('duration_ms IS NOT NULL');
        sql = db.isPostgres
          ? `SELECT wpk_id, ${bucket} AS bucket_s, percentile_cont(0.95) WITHIN GROUP (ORDER BY duration_ms) AS value
             FROM workflow_runs WHERE ${where.join(' AND ')} GROUP BY wpk_id, ${bucket}`
          : // percentile_cont by hand: interpolate between the sorted values at floor(0.95 (n-1)) and the next one
            `WITH ranked AS (
               SELECT wpk_id, ${bucket} AS bucket_s, duration_ms AS d,
                      ROW_NUMBER() OVER (PARTITION BY wpk_id, ${bucket} ORDER BY duration_ms) - 1 AS rn,
                      COUNT(*) OVER (PARTITION BY wpk_id, ${bucket}) AS n
               FROM workflow_runs WHERE ${where.join(' AND ')})
             SELECT wpk_id, bucket_s, SUM(CASE
                 WHEN rn = CAST(0.95 * (n - 1) AS INTEGER) THEN d * (1 - (0.95 * (n - 1) - CAST(0.95 * (n - 1) AS INTEGER)))
                 WHEN rn = CAST(0.95 * (n - 1) AS INTEGER) + 1 THEN d * (0.95 * (n - 1) - CAST(0.95 * (n - 1) AS INTEGER))
                 ELSE 0 END) AS value
             FROM ranked GROUP BY wpk_id, bucket_s`;
        break;
    }
    const rows = await db.query<{ wpk_id: string; bucket_s: unknown; value: unknown }>(sql, params.values);
    return rows
      .map((r) => ({ wpk_id: String(r.wpk_id), bucket_s: Number(r.bucket_s), value: Number(r.value) }))
      .sort((a, b) => (a.wpk_id < b.wpk_id ? -1 : a.wpk_id > b.wpk_id ? 1 : a.bucket_s - b.bucket_s));
  }

  /** Runs that happened in [since, until], failed first, then newest first; one workflow or all. */
  async linkedRuns(wpkId: string | null, since: Date, until: Date, limit: number): Promise<LinkedRun[]> {
    const db = this.db;
    const params = db.params();
    const at = this.happenedAt;
    const where = [`${at} >= ${params.add(db.toDbTime(since))}`, `${at} <= ${params.add(db.toDbTime(until))}`];
    if (wpkId !== null) where.push(`wpk_id = ${params.add(wpkId)}`);
    const rows = await db.query(
      `SELECT id, wpk_id, run_id, status, duration_ms, error, started_at, ended_at, created_at FROM workflow_runs
       WHERE ${where.join(' AND ')} ORDER BY CASE WHEN status = 'failed' THEN 0 ELSE 1 END, ${at} DESC, id DESC LIMIT ${params.add(limit)}`,
      params.values,
    );
    return rows.map((r) => ({
      id: String(r.id),
      wpk_id: String(r.wpk_id),
      run_id: String(r.run_id),
      status: String(r.status),
      duration_ms: r.duration_ms === null ? null : Number(r.duration_ms),
      error: (r.error as string | null) ?? null,
      started_at: db.fromDbTime(r.started_at),
      ended_at: db.fromDbTime(r.ended_at),
      created_at: db.fromDbTime(r.created_at)!,
    }));
  }
}

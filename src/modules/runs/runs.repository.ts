import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Database, Queryable, SqlParams } from '../../database/database.service';
import { RUN_HAPPENED_AT_SQL } from '../../../migrations/1764374800000-RunHappenedAt';
import { RUN_TAG_COLUMNS, runTagRowsSql } from '../../../migrations/1764380700000-RunTags';
import type { PageTotal } from './domain/offset-paging';
import { nearestRankOffset } from './domain/percentile';
import { Run, RunStatus } from './domain/run';
import type { RunUsage } from './domain/usage';

export type RunSummary = Omit<Run, 'inputs' | 'outputs' | 'node_logs'>;

export interface RunFilters {
  wpk_id?: string;
  run_id?: string;
  status?: RunStatus;
  since?: Date;
  until?: Date;
  tag?: string;
  /** runs that called this model */
  model?: string;
}

export interface RunPageRequest {
  limit: number;
  after?: { at: Date; id: string };
  offset?: number;
}

export interface RunWindowStats {
  runs: number;
  failures: number;
  completed: number;
  /** runs with a duration */
  timed: number;
  max_duration_ms: number | null;
  /** nearest-rank duration percentile per requested fraction, in order; null without durations */
  percentiles: Array<number | null>;
  /** token sums over the runs that report usage (0 when none does) */
  input_tokens: number;
  output_tokens: number;
  total_tokens: number;
  /** cost over the priced runs; null when none is priced */
  cost_usd: number | null;
}

/** Figures of one workflow's runs that happened in one bucket of a time range. */
export interface RunBucketStats {
  wpk_id: string;
  /** 0-based index of the bucket from the range's start */
  bucket: number;
  runs: number;
  completed: number;
  failed: number;
  running: number;
  /** nearest-rank duration percentiles; null without durations, or when not asked for */
  p50: number | null;
  p95: number | null;
  /** tokens of the runs reporting usage (0 when none does) */
  total_tokens: number;
  /** cost of the priced runs; null when none is priced */
  cost_usd: number | null;
}

/** A failed run as failure clustering needs it. */
export interface FailedRunRef {
  id: string;
  run_id: string;
  error: string | null;
  happened_at: Date;
}

/** PostgreSQL types of INSERT_COLUMNS. */
const INSERT_TYPES = [
  'uuid', 'text', 'text', 'text', 'jsonb', 'jsonb', 'integer', 'jsonb', 'text', 'jsonb', 'jsonb',
  'jsonb', 'jsonb', 'timestamptz', 'timestamptz', 'timestamptz', 'timestamptz',
] as const;

const SUMMARY_COLUMNS = 'id, wpk_id, run_id, status, duration_ms, error, tags, metadata, usage, models, started_at, ended_at, created_at, updated_at';
const ALL_COLUMNS = `${SUMMARY_COLUMNS}, inputs, outputs, node_logs`;
const INSERT_COLUMNS = [
  'id', 'wpk_id', 'run_id', 'status', 'inputs', 'outputs', 'duration_ms', 'node_logs', 'error', 'tags', 'metadata',
  'usage', 'models', 'started_at', 'ended_at', 'created_at', 'updated_at',
] as const;

/** Where a listing reads its runs from (`workflow_runs`, or the tag rows `t`), and the columns of the (created_at, id) key there. */
interface Listing {
  from: string;
  clauses: string[];
  at: string;
  id: string;
  byTagRows: boolean;
}

/** The tags a run has rows for: the distinct strings of its tags array, as runTagRowsSql reads them from the stored JSON. */
function tagRowsOf(tags: unknown): string[] {
  return Array.isArray(tags) ? [...new Set(tags.filter((t): t is string => typeof t === 'string'))] : [];
}

const sameTags = (a: readonly string[] | null, b: readonly string[] | null) => a === b || JSON.stringify(a) === JSON.stringify(b);

function usageTotals(row: Record<string, unknown>): Pick<RunWindowStats, 'input_tokens' | 'output_tokens' | 'total_tokens' | 'cost_usd'> {
  return {
    input_tokens: Number(row.in_tokens ?? 0),
    output_tokens: Number(row.out_tokens ?? 0),
    total_tokens: Number(row.all_tokens ?? 0),
    cost_usd: row.cost_usd === null || row.cost_usd === undefined ? null : Math.round(Number(row.cost_usd) * 1e10) / 1e10,
  };
}

/** The only code that knows how runs are stored. */
@Injectable()
export class RunsRepository {
  constructor(private readonly db: Database) {}

  private toSummary(row: Record<string, unknown>): RunSummary {
    const db = this.db;
    return {
      id: String(row.id),
      wpk_id: String(row.wpk_id),
      run_id: String(row.run_id),
      status: row.status as RunStatus,
      duration_ms: row.duration_ms === null || row.duration_ms === undefined ? null : Number(row.duration_ms),
      error: (row.error as string | null) ?? null,
      tags: db.fromDbJson<string[]>(row.tags),
      metadata: db.fromDbJson<Record<string, unknown>>(row.metadata),
      usage: db.fromDbJson<RunUsage>(row.usage),
      models: db.fromDbJson<string[]>(row.models),
      started_at: db.fromDbTime(row.started_at),
      ended_at: db.fromDbTime(row.ended_at),
      created_at: db.fromDbTime(row.created_at)!,
      updated_at: db.fromDbTime(row.updated_at)!,
    };
  }

  private toRun(row: Record<string, unknown>): Run {
    return {
      ...this.toSummary(row),
      inputs: this.db.fromDbJson(row.inputs),
      outputs: this.db.fromDbJson(row.outputs),
      node_logs: this.db.fromDbJson<unknown[]>(row.node_logs),
    };
  }

  private values(run: Run): unknown[] {
    const db = this.db;
    return [
      run.id, run.wpk_id, run.run_id, run.status, db.toDbJson(run.inputs), db.toDbJson(run.outputs), run.duration_ms,
      db.toDbJson(run.node_logs), run.error, db.toDbJson(run.tags), db.toDbJson(run.metadata),
      db.toDbJson(run.usage), db.toDbJson(run.models), run.started_at ? db.toDbTime(run.started_at) : null, run.ended_at ? db.toDbTime(run.ended_at) : null,
      db.toDbTime(run.created_at), db.toDbTime(run.updated_at),
    ];
  }

  /** The run as one element of the JSON rows of a many-run insert (PostgreSQL), keyed by column. */
  private jsonRow(run: Run): Record<(typeof INSERT_COLUMNS)[number], unknown> {
    return {
      id: run.id, wpk_id: run.wpk_id, run_id: run.run_id, status: run.status, inputs: run.inputs ?? null, outputs: run.outputs ?? null,
      duration_ms: run.duration_ms, node_logs: run.node_logs ?? null, error: run.error, tags: run.tags ?? null, metadata: run.metadata ?? null,
      usage: run.usage ?? null, models: run.models ?? null, started_at: run.started_at, ended_at: run.ended_at,
      created_at: run.created_at, updated_at: run.updated_at,
    };
  }

  /** Inserts the run (and its tag rows) unless (wpk_id, run_id) exists; true when this call inserted it. */
  async insertIfAbsent(run: Run, tx: EntityManager): Promise<boolean> {
    const placeholders = INSERT_COLUMNS.map((_, i) => this.db.p(i + 1)).join(', ');
    const rows = await this.db.query(
      `INSERT INTO workflow_runs (${INSERT_COLUMNS.join(', ')}) VALUES (${placeholders})
       ON CONFLICT (wpk_id, run_id) DO NOTHING RETURNING id`,
      this.values(run),
      tx,
    );
    if (rows.length) await this.insertTagRows(run, tx);
    return rows.length > 0;
  }

  /** The run's tag rows, from its values: no read of the stored row, whose tags lie after its inputs and outputs. */
  private async insertTagRows(run: Run, tx: EntityManager): Promise<void> {
    const tags = tagRowsOf(run.tags);
    if (!tags.length) return;
    const params = this.db.params();
    const at = this.db.toDbTime(run.created_at);
    const rows = tags.map((tag) => `(${params.add(run.id)}, ${params.add(tag)}, ${params.add(run.wpk_id)}, ${params.add(at)})`);
    await this.db.query(`INSERT INTO workflow_run_tags (${RUN_TAG_COLUMNS}) VALUES ${rows.join(', ')}`, params.values, tx);
  }

  /**
   * PostgreSQL: inserts every run whose (wpk_id, run_id) is not stored yet, and runs the statements
   * `withCreated` adds for the inserted rows (CTE `created_runs`), all in one autocommitted
   * statement: one round trip, prepared once per connection. Of two runs with one key, the first
   * is inserted. Answers the ids inserted, or undefined (and writes nothing) when `withCreated`
   * declines. The inserted runs' tag rows are written by the same statement.
   */
  async insertNewInOneStatement(
    runs: readonly Run[],
    createdColumns: string,
    withCreated: (params: SqlParams) => string[] | undefined,
  ): Promise<Set<string> | undefined> {
    const params = this.db.params();
    // One run binds plain values. Many bind one JSON array of the rows, which PostgreSQL reads back
    // with jsonb_to_recordset (a JSONB column keeps the value as it is; a JSON null is NULL):
    // one JSON.stringify of the rows instead of an array literal per column, whose every element
    // the driver escapes in JavaScript. On a 500-run batch that took a quarter of the server's CPU
    // (old against new servers in alternation on PostgreSQL: 43–57 against 33–41 ms per batch), for
    // the same work in the database as unnest() of the arrays.
    const single = runs.length === 1;
    if (single) for (const v of this.values(runs[0])) params.add(v);
    else params.add(JSON.stringify(runs.map((run) => this.jsonRow(run))));
    const statements = withCreated(params);
    if (!statements) return undefined;
    const source = single
      ? `VALUES (${INSERT_COLUMNS.map((_, c) => `${this.db.p(c + 1)}::${INSERT_TYPES[c]}`).join(', ')})`
      : `SELECT ${INSERT_COLUMNS.map((c) => `r.${c}`).join(', ')}
         FROM jsonb_to_recordset(${this.db.p(1)}::jsonb) AS r(${INSERT_COLUMNS.map((c, i) => `${c} ${INSERT_TYPES[i]}`).join(', ')})`;
    const ctes = statements.map((hookSql, i) => `, hook_${i} AS (${hookSql})`).join('\n');
    // the tag rows need the runs' tags, which created_runs exposes besides what the hooks read
    const sql = `WITH created_runs AS (
         INSERT INTO workflow_runs (${INSERT_COLUMNS.join(', ')})
         ${source}
         ON CONFLICT (wpk_id, run_id) DO NOTHING
         RETURNING ${createdColumns}, tags
       ), created_tags AS (INSERT INTO workflow_run_tags (${RUN_TAG_COLUMNS}) ${runTagRowsSql('postgres', 'created_runs')})
       ${ctes}
       SELECT id FROM created_runs`;
    const rows = await this.db.prepared<{ id: string }>(sql, params.values);
    return new Set(rows.map((r) => String(r.id)));
  }

  /** The stored run, locked for the rest of the transaction on PostgreSQL. */
  async findForUpdate(wpkId: string, runId: string, tx: EntityManager): Promise<Run | undefined> {
    const lock = this.db.isPostgres ? ' FOR UPDATE' : '';
    const rows = await this.db.query(
      `SELECT ${ALL_COLUMNS} FROM workflow_runs WHERE wpk_id = ${this.db.p(1)} AND run_id = ${this.db.p(2)}${lock}`,
      [wpkId, runId],
      tx,
    );
    return rows[0] ? this.toRun(rows[0]) : undefined;
  }

  /** Stores `run` over `stored` (the row as read for this update); tag rows are replaced when the tags changed. */
  async update(run: Run, stored: Pick<Run, 'tags'>, tx: EntityManager): Promise<void> {
    const values = this.values(run);
    const sets = INSERT_COLUMNS.slice(3).map((c, i) => `${c} = ${this.db.p(i + 1)}`).join(', ');
    await this.db.query(
      `UPDATE workflow_runs SET ${sets} WHERE id = ${this.db.p(INSERT_COLUMNS.length - 2)}`,
      [...values.slice(3), run.id],
      tx,
    );
    if (sameTags(stored.tags, run.tags)) return;
    await this.db.query(`DELETE FROM workflow_run_tags WHERE run_id = ${this.db.p(1)}`, [run.id], tx);
    await this.insertTagRows(run, tx);
  }

  async findById(id: string, on: Queryable = this.db.dataSource): Promise<Run | undefined> {
    const rows = await this.db.read(`SELECT ${ALL_COLUMNS} FROM workflow_runs WHERE id = ${this.db.p(1)}`, [id], on);
    return rows[0] ? this.toRun(rows[0]) : undefined;
  }

  /** The summaries of those of the runs that exist (any order); one statement text for any number of ids. */
  async findSummariesByIds(ids: readonly string[]): Promise<RunSummary[]> {
    if (!ids.length) return [];
    const list = this.db.isPostgres ? 'id = ANY($1::uuid[])' : 'id IN (SELECT value FROM json_each(?))';
    const rows = await this.db.read(`SELECT ${SUMMARY_COLUMNS} FROM workflow_runs WHERE ${list}`, [this.db.isPostgres ? [...ids] : JSON.stringify(ids)]);
    return rows.map((r) => this.toSummary(r));
  }

  async findByRunId(wpkId: string, runId: string): Promise<Run | undefined> {
    const rows = await this.db.query(
      `SELECT ${ALL_COLUMNS} FROM workflow_runs WHERE wpk_id = ${this.db.p(1)} AND run_id = ${this.db.p(2)}`,
      [wpkId, runId],
    );
    return rows[0] ? this.toRun(rows[0]) : undefined;
  }

  /** Greatest (started_at ?? created_at, run_id); run_id in byte (= code point) order on both drivers. */
  async findLatestForWorkflow(wpkId: string, on: Queryable = this.db.dataSource): Promise<RunSummary | undefined> {
    const runId = this.db.isPostgres ? 'run_id COLLATE "C"' : 'run_id';
    const rows = await this.db.query(
      `SELECT ${SUMMARY_COLUMNS} FROM workflow_runs WHERE wpk_id = ${this.db.p(1)}
       ORDER BY COALESCE(started_at, created_at) DESC, ${runId} DESC LIMIT 1`,
      [wpkId],
      on,
    );
    return rows[0] ? this.toSummary(rows[0]) : undefined;
  }

  /**
   * Aggregates over a workflow's runs whose started_at ?? created_at is at or after `since`, in the
   * database: `percentile_disc` on PostgreSQL, a count then one ordered OFFSET per fraction on SQLite
   * (read without a write in between, so both see the same rows).
   */
  async windowStats(wpkId: string, since: Date, fractions: readonly number[]): Promise<RunWindowStats> {
    const scope = `wpk_id = ${this.db.p(1)} AND COALESCE(started_at, created_at) >= ${this.db.p(2)}`;
    const values = [wpkId, this.db.toDbTime(since)];
    const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
    if (this.db.isPostgres) {
      const percentiles = fractions.map((_, i) => `percentile_disc($${i + 3}::float8) WITHIN GROUP (ORDER BY duration_ms) AS p${i}`);
      const rows = await this.db.query(
        `SELECT COUNT(*) AS runs, COUNT(*) FILTER (WHERE status = 'failed') AS failures,
                COUNT(*) FILTER (WHERE status = 'completed') AS completed, COUNT(duration_ms) AS timed,
                MAX(duration_ms) AS max_duration_ms, ${this.usageSums()}${percentiles.map((p) => `, ${p}`).join('')}
         FROM workflow_runs WHERE ${scope}`,
        [...values, ...fractions],
      );
      const row = rows[0];
      return {
        runs: Number(row.runs),
        failures: Number(row.failures),
        completed: Number(row.completed),
        timed: Number(row.timed),
        max_duration_ms: num(row.max_duration_ms),
        percentiles: fractions.map((_, i) => num(row[`p${i}`])),
        ...usageTotals(row),
      };
    }
    return this.db.serialized(async () => {
      const rows = await this.db.query(
        `SELECT COUNT(*) AS runs, COALESCE(SUM(status = 'failed'), 0) AS failures,
                COALESCE(SUM(status = 'completed'), 0) AS completed, COUNT(duration_ms) AS timed,
                MAX(duration_ms) AS max_duration_ms, ${this.usageSums()}
         FROM workflow_runs WHERE ${scope}`,
        values,
      );
      const row = rows[0];
      const timed = Number(row.timed);
      const percentiles: Array<number | null> = [];
      for (const fraction of fractions) {
        const offset = nearestRankOffset(fraction, timed);
        if (offset === undefined) {
          percentiles.push(null);
          continue;
        }
        const at = await this.db.query(
          `SELECT duration_ms FROM workflow_runs WHERE ${scope} AND duration_ms IS NOT NULL
           ORDER BY duration_ms LIMIT 1 OFFSET ${this.db.p(3)}`,
          [...values, offset],
        );
        percentiles.push(num(at[0]?.duration_ms));
      }
      return {
        runs: Number(row.runs),
        failures: Number(row.failures),
        completed: Number(row.completed),
        timed,
        max_duration_ms: num(row.max_duration_ms),
        percentiles,
        ...usageTotals(row),
      };
    });
  }

  /** SUM of each usage field over the rows, as in_tokens, out_tokens, all_tokens and cost_usd. */
  private usageSums(): string {
    const field = (name: string, type: 'bigint' | 'float8') =>
      this.db.isPostgres ? `(usage->>'${name}')::${type}` : `json_extract(usage, '$.${name}')`;
    return `SUM(${field('input_tokens', 'bigint')}) AS in_tokens, SUM(${field('output_tokens', 'bigint')}) AS out_tokens,
            SUM(${field('total_tokens', 'bigint')}) AS all_tokens, SUM(${field('cost_usd', 'float8')}) AS cost_usd`;
  }

  /**
   * When each run happened: started_at, else created_at (and created_at when started_at lies more
   * than 5 minutes after it) — verbatim the expression the happened-at indexes are built on, so
   * range reads on it use them.
   */
  private happenedAtSql(): string {
    return `(${RUN_HAPPENED_AT_SQL[this.db.isPostgres ? 'postgres' : 'sqlite']})`;
  }

  /**
   * Per workflow and bucket of `stepMs` from `from`, the runs that happened in [from, to): counts by
   * status and, with `percentiles`, nearest-rank p50/p95 of their durations (percentile_disc on
   * PostgreSQL, the same rank picked by ROW_NUMBER on SQLite). Buckets without runs are absent.
   */
  async bucketStats(wpkIds: readonly string[], from: Date, to: Date, stepMs: number, percentiles: boolean): Promise<RunBucketStats[]> {
    if (!wpkIds.length) return [];
    if (!Number.isSafeInteger(stepMs) || stepMs < 1) throw new RangeError(`bad step ${stepMs}`);
    const db = this.db;
    const params = db.params();
    const ids = db.isPostgres ? `wpk_id = ANY(${params.add([...wpkIds])}::text[])` : `wpk_id IN (${wpkIds.map((id) => params.add(id)).join(', ')})`;
    const at = this.happenedAtSql();
    const from0 = params.add(db.toDbTime(from));
    const to0 = params.add(db.toDbTime(to));
    // added in the order they appear in either text (SQLite's placeholders are positional)
    const fromMs = params.add(from.getTime());
    const step = params.add(stepMs);
    const start = params.add(db.toDbTime(from));
    const end = params.add(db.toDbTime(to));
    const usage = (name: string, type: string) => (db.isPostgres ? `(usage->>'${name}')::${type}` : `json_extract(usage, '$.${name}')`);
    const happened = `WITH h AS (SELECT wpk_id, status, duration_ms, ${usage('total_tokens', 'bigint')} AS tokens, ${usage('cost_usd', 'float8')} AS cost, ${at} AS happened
                      FROM workflow_runs WHERE ${ids} AND ${at} >= ${from0} AND ${at} < ${to0})`;
    const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
    let sql: string;
    if (db.isPostgres) {
      const pct = percentiles
        ? ', percentile_disc(0.5) WITHIN GROUP (ORDER BY duration_ms) AS p50, percentile_disc(0.95) WITHIN GROUP (ORDER BY duration_ms) AS p95'
        : ', NULL AS p50, NULL AS p95';
      sql = `${happened}
        SELECT wpk_id, FLOOR((EXTRACT(EPOCH FROM happened) * 1000 - ${fromMs}::bigint) / ${step}::bigint)::int AS bucket,
               COUNT(*) AS runs, COUNT(*) FILTER (WHERE status = 'completed') AS completed,
               COUNT(*) FILTER (WHERE status = 'failed') AS failed, COUNT(*) FILTER (WHERE status = 'running') AS running,
               SUM(tokens) AS tokens, SUM(cost) AS cost${pct}
        FROM h WHERE happened >= ${start} AND happened < ${end} GROUP BY 1, 2`;
    } else {
      // times are stored as "YYYY-MM-DD HH:MM:SS.mmm" (UTC): whole seconds from strftime, milliseconds from
      // the text; numbers are bound as REAL, so they are cast for an integer division
      const ms = "(CAST(strftime('%s', happened) AS INTEGER) * 1000 + CAST(substr(happened, 21, 3) AS INTEGER))";
      const rank = (f: number) => `MAX(1, CAST(${f} * n AS INTEGER) + (${f} * n > CAST(${f} * n AS INTEGER)))`;
      const b = `b AS (SELECT wpk_id, status, duration_ms, tokens, cost, (${ms} - CAST(${fromMs} AS INTEGER)) / CAST(${step} AS INTEGER) AS bucket FROM h WHERE happened >= ${start} AND happened < ${end})`;
      const counts = `SELECT wpk_id, bucket, COUNT(*) AS runs, SUM(status = 'completed') AS completed, SUM(status = 'failed') AS failed,
                             SUM(status = 'running') AS running, SUM(tokens) AS tokens, SUM(cost) AS cost FROM b GROUP BY wpk_id, bucket`;
      sql = percentiles
        ? `${happened}, ${b},
           r AS (SELECT wpk_id, bucket, duration_ms, ROW_NUMBER() OVER (PARTITION BY wpk_id, bucket ORDER BY duration_ms) AS rn,
                        COUNT(*) OVER (PARTITION BY wpk_id, bucket) AS n FROM b WHERE duration_ms IS NOT NULL),
           p AS (SELECT wpk_id, bucket, MAX(CASE WHEN rn = ${rank(0.5)} THEN duration_ms END) AS p50,
                        MAX(CASE WHEN rn = ${rank(0.95)} THEN duration_ms END) AS p95 FROM r GROUP BY wpk_id, bucket)
           SELECT c.*, p.p50, p.p95 FROM (${counts}) c LEFT JOIN p ON p.wpk_id = c.wpk_id AND p.bucket = c.bucket`
        : `${happened}, ${b} SELECT c.*, NULL AS p50, NULL AS p95 FROM (${counts}) c`;
    }
    const rows = await db.read(sql, params.values);
    return rows.map((r) => ({
      wpk_id: String(r.wpk_id),
      bucket: Number(r.bucket),
      runs: Number(r.runs),
      completed: Number(r.completed),
      failed: Number(r.failed),
      running: Number(r.running),
      p50: num(r.p50),
      p95: num(r.p95),
      total_tokens: Number(r.tokens ?? 0),
      cost_usd: r.cost === null || r.cost === undefined ? null : Math.round(Number(r.cost) * 1e10) / 1e10,
    }));
  }

  /**
   * The workflow's latest `limit` failed runs that happened in [from, to), latest first (by when they
   * happened, then id): a backward walk of the happened-at index that stops at the limit.
   */
  async findLatestFailed(wpkId: string, from: Date, to: Date, limit: number): Promise<FailedRunRef[]> {
    const db = this.db;
    const params = db.params();
    const at = this.happenedAtSql();
    const rows = await db.read(
      `SELECT id, run_id, error, ${at} AS happened FROM workflow_runs
       WHERE wpk_id = ${params.add(wpkId)} AND ${at} >= ${params.add(db.toDbTime(from))} AND ${at} < ${params.add(db.toDbTime(to))} AND status = 'failed'
       ORDER BY ${at} DESC, id DESC LIMIT ${params.add(limit)}`,
      params.values,
    );
    return rows.map((r) => ({ id: String(r.id), run_id: String(r.run_id), error: (r.error as string | null) ?? null, happened_at: db.fromDbTime(r.happened)! }));
  }

  /**
   * The listing's relation and filter clauses. A tag alone, or with wpk_id, since or until, is read
   * in order from workflow_run_tags' (tag, created_at, id) or (wpk_id, tag, created_at, id) index.
   * With run_id, status or model as well the runs are read as without a tag, the tag tested in
   * their JSON: on PostgreSQL at 200k runs, joining the tag rows to the runs for `status=failed,
   * tag=prod` (every run tagged) made the planner hash-join both sets, 60-75 ms against 11 ms for
   * the status index with the JSON test.
   */
  private listing(filters: RunFilters, params: SqlParams): Listing {
    const db = this.db;
    const byTagRows = filters.tag !== undefined && filters.run_id === undefined && filters.status === undefined && filters.model === undefined;
    const col = (c: string) => (byTagRows ? `t.${c}` : c);
    const clauses: string[] = [];
    if (filters.wpk_id !== undefined) clauses.push(`${col('wpk_id')} = ${params.add(filters.wpk_id)}`);
    if (filters.run_id !== undefined) clauses.push(`run_id = ${params.add(filters.run_id)}`);
    if (filters.status !== undefined) clauses.push(`status = ${params.add(filters.status)}`);
    if (filters.since !== undefined) clauses.push(`${col('created_at')} >= ${params.add(db.toDbTime(filters.since))}`);
    if (filters.until !== undefined) clauses.push(`${col('created_at')} < ${params.add(db.toDbTime(filters.until))}`);
    if (filters.tag !== undefined) {
      clauses.push(
        byTagRows
          ? `t.tag = ${params.add(filters.tag)}`
          : db.isPostgres
            ? `tags @> ${params.add(JSON.stringify([filters.tag]))}::jsonb`
            : `EXISTS (SELECT 1 FROM json_each(workflow_runs.tags) WHERE json_each.value = ${params.add(filters.tag)})`,
      );
    }
    if (filters.model !== undefined) {
      clauses.push(
        db.isPostgres
          ? `models @> ${params.add(JSON.stringify([filters.model]))}::jsonb`
          : `EXISTS (SELECT 1 FROM json_each(workflow_runs.models) WHERE json_each.value = ${params.add(filters.model)})`,
      );
    }
    if (byTagRows) return { from: 'workflow_run_tags t', clauses, at: 't.created_at', id: 't.run_id', byTagRows };
    return { from: 'workflow_runs', clauses, at: 'created_at', id: 'id', byTagRows };
  }

  /** Newest first by (created_at, id); keyset after `after`, or an offset for the seed's paging. */
  async findPage(filters: RunFilters, page: RunPageRequest): Promise<RunSummary[]> {
    const rows = await this.db.read(...this.pageStatement(SUMMARY_COLUMNS, filters, page));
    return rows.map((r) => this.toSummary(r));
  }

  private pageStatement(select: string, filters: RunFilters, page: RunPageRequest): [string, unknown[]] {
    const params = this.db.params();
    const { from, clauses, at, id, byTagRows } = this.listing(filters, params);
    if (page.after) clauses.push(`(${at}, ${id}) < (${params.add(this.db.toDbTime(page.after.at))}, ${params.add(page.after.id)})`);
    const where = clauses.length ? `WHERE ${clauses.join(' AND ')}` : '';
    const limit = params.add(page.limit);
    const order = 'ORDER BY created_at DESC, id DESC';
    const keyOrder = `ORDER BY ${at} DESC, ${id} DESC`;
    // a tag's page takes its ids from the tag rows, then reads those runs
    if (!page.offset && byTagRows) return [`SELECT ${select} FROM workflow_runs WHERE id IN (SELECT ${id} FROM ${from} ${where} ${keyOrder} LIMIT ${limit}) ${order}`, params.values];
    if (!page.offset) return [`SELECT ${select} FROM workflow_runs ${where} ${order} LIMIT ${limit}`, params.values];
    // An offset page skips its rows in the (filter, created_at, id) index alone, then reads only the
    // page's rows from the table (a deferred join): on PostgreSQL with 1M runs, page 200 of one
    // workflow went from 450 ms to 28 ms and of one status from 250-630 ms to 18-36 ms (EXPLAIN
    // ANALYZE); the history bench measures it over HTTP
    const offset = params.add(page.offset);
    return [`SELECT ${select} FROM workflow_runs WHERE id IN (SELECT ${id} FROM ${from} ${where} ${keyOrder} LIMIT ${limit} OFFSET ${offset}) ${order}`, params.values];
  }

  async count(filters: RunFilters): Promise<number> {
    const params = this.db.params();
    const { from, clauses } = this.listing(filters, params);
    const where = clauses.length ? `WHERE ${clauses.join(' AND ')}` : '';
    const rows = await this.db.query<{ n: string | number }>(`SELECT COUNT(*) AS n FROM ${from} ${where}`, params.values);
    return Number(rows[0]?.n ?? 0);
  }

  /**
   * The runs matching the filters, counted exactly while there are at most `cap` of them (the
   * count reads at most cap + 1 rows, so its cost is bounded whatever the table holds). Past the
   * cap the total is an estimate: on PostgreSQL the planner's estimate of the matching rows (from
   * the table's statistics; never below cap + 1), on SQLite, which keeps no such estimate, cap + 1
   * (a lower bound).
   */
  async countUpTo(filters: RunFilters, cap: number): Promise<PageTotal> {
    const params = this.db.params();
    const { from, clauses } = this.listing(filters, params);
    const where = clauses.length ? `WHERE ${clauses.join(' AND ')}` : '';
    const bound = params.add(cap + 1);
    const rows = await this.db.read<{ n: string | number }>(`SELECT COUNT(*) AS n FROM (SELECT 1 FROM ${from} ${where} LIMIT ${bound}) capped`, params.values);
    const n = Number(rows[0]?.n ?? 0);
    if (n <= cap) return { total: n, estimated: false };
    if (!this.db.isPostgres) return { total: cap + 1, estimated: true };
    const plan = await this.db.query<{ 'QUERY PLAN': Array<{ Plan: { 'Plan Rows': number } }> }>(`EXPLAIN (FORMAT JSON) SELECT 1 FROM ${from} ${where}`, params.values.slice(0, -1));
    const estimate = Math.round(Number(plan[0]?.['QUERY PLAN']?.[0]?.Plan?.['Plan Rows'] ?? 0));
    return { total: Math.max(cap + 1, estimate), estimated: true };
  }

  /**
   * Up to `batch` runs created before `cutoff`, oldest first, locked for the transaction on
   * PostgreSQL; rows another sweep holds are skipped, so concurrent sweeps never delete (and
   * uncount) one run twice.
   */
  async findExpired(cutoff: Date, batch: number, tx: EntityManager): Promise<RunSummary[]> {
    const lock = this.db.isPostgres ? ' FOR UPDATE SKIP LOCKED' : '';
    const rows = await this.db.query(
      `SELECT ${SUMMARY_COLUMNS} FROM workflow_runs WHERE created_at < ${this.db.p(1)} ORDER BY created_at, id LIMIT ${this.db.p(2)}${lock}`,
      [this.db.toDbTime(cutoff), batch],
      tx,
    );
    return rows.map((r) => this.toSummary(r));
  }

  /** Deletes the runs and their tag rows. */
  async deleteByIds(ids: string[], tx: EntityManager): Promise<void> {
    if (!ids.length) return;
    const params = this.db.params();
    const list = ids.map((id) => params.add(id)).join(', ');
    await this.db.query(`DELETE FROM workflow_run_tags WHERE run_id IN (${list})`, params.values, tx);
    await this.db.query(`DELETE FROM workflow_runs WHERE id IN (${list})`, params.values, tx);
  }
}


import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Database, SqlParams } from '../../database/database.service';
import { RUN_HAPPENED_AT_SQL } from '../../../migrations/1764374800000-RunHappenedAt';
import type { Run } from '../runs/domain/run';
import { happenedAt, NodeRow, nodeRows } from './domain/node-rows';
import type { NodeError, NodeFigures } from './domain/node-insights';

const COLUMNS = ['run_id', 'position', 'wpk_id', 'node', 'happened_at', 'duration_ms', 'failed', 'error', 'run_duration_ms'] as const;
/** rows per INSERT on the transaction path: 9 parameters each, well under either driver's limit */
const INSERT_CHUNK = 1000;

export interface NodeWindowRead {
  nodes: NodeFigures[];
  /** Σ duration of the runs with node rows that happened in the window (each run counted once) */
  run_duration_sum_ms: number;
}

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

/** The only code that knows how `workflow_run_nodes` is stored. */
@Injectable()
export class RunNodesRepository {
  constructor(private readonly db: Database) {}

  /** Replaces the run's node rows with the ones its current node logs give. */
  /** The run's node rows as its node logs now say; `created`: the run is new in this transaction, so it has none yet. */
  async replaceForRun(run: Run, tx: EntityManager, created = false): Promise<void> {
    const db = this.db;
    if (!created) await db.query(`DELETE FROM workflow_run_nodes WHERE run_id = ${db.p(1)}`, [run.id], tx);
    const rows = nodeRows(run.node_logs, run.duration_ms);
    const at = db.toDbTime(happenedAt(run));
    for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
      const params = db.params();
      const values = rows
        .slice(i, i + INSERT_CHUNK)
        .map((r) => `(${[run.id, r.position, run.wpk_id, r.node, at, r.duration_ms, r.failed ? 1 : 0, r.error, r.run_duration_ms].map((v) => params.add(v)).join(', ')})`);
      await db.query(`INSERT INTO workflow_run_nodes (${COLUMNS.join(', ')}) VALUES ${values.join(', ')}`, params.values, tx);
    }
  }

  /**
   * The node rows of the runs the enclosing statement creates (PostgreSQL): the body of a CTE that
   * reads them from `created_runs`; when a run happened is worked out there, by the indexed expression.
   */
  insertCreatedSql(runs: readonly Run[], params: SqlParams): string {
    // one JSON array of the rows, read back by jsonb_to_recordset (see RunsRepository.insertNewInOneStatement)
    const rows: Array<{ rid: string; pos: number; nname: string; dur: number | null; nfailed: number; nerror: string | null; rdur: number | null }> = [];
    for (const run of runs) {
      for (const r of nodeRows(run.node_logs, run.duration_ms) as NodeRow[]) {
        rows.push({ rid: run.id, pos: r.position, nname: r.node, dur: r.duration_ms, nfailed: r.failed ? 1 : 0, nerror: r.error, rdur: r.run_duration_ms });
      }
    }
    const p = params.add(JSON.stringify(rows));
    return `INSERT INTO workflow_run_nodes (${COLUMNS.join(', ')})
       SELECT c.id, n.pos, c.wpk_id, n.nname, (${RUN_HAPPENED_AT_SQL.postgres}), n.dur, n.nfailed, n.nerror, n.rdur
       FROM created_runs c
       JOIN jsonb_to_recordset(${p}::jsonb) AS n(rid uuid, pos int, nname text, dur int, nfailed int, nerror text, rdur int) ON n.rid = c.id`;
  }

  async deleteForRuns(runIds: readonly string[], tx: EntityManager): Promise<void> {
    if (!runIds.length) return;
    const params = this.db.params();
    const list = runIds.map((id) => params.add(id)).join(', ');
    await this.db.query(`DELETE FROM workflow_run_nodes WHERE run_id IN (${list})`, params.values, tx);
  }

  /**
   * Per node, over [from, to) and the window of the same length before it ([previousFrom, from)):
   * executions, failures, nearest-rank p50/p95 (the rank percentile_disc picks), the duration sum,
   * and the Mann-Whitney rank sums of the window's durations in the two windows pooled. One scan of
   * the index range, grouped by node and duration; everything after works on those groups. Read
   * without JIT: compiling it costs PostgreSQL more than the aggregate itself.
   */
  async windowFigures(wpkId: string, previousFrom: Date, from: Date, to: Date): Promise<NodeWindowRead> {
    const db = this.db;
    const params = db.params();
    const float = (v: string) => (db.isPostgres ? `(${v})::float8` : `CAST(${v} AS REAL)`);
    // 1-based nearest rank: max(1, ceil(f·n)) in double arithmetic, as percentile_disc and nearestRankOffset do
    const rank = (f: number, n: string) =>
      db.isPostgres ? `GREATEST(1, CEIL(${f}::float8 * ${n}::float8))` : `MAX(1, CAST(${f} * ${n} AS INTEGER) + (${f} * ${n} > CAST(${f} * ${n} AS INTEGER)))`;
    const sql = `WITH g AS (
        SELECT node, duration_ms AS d, CASE WHEN happened_at >= ${params.add(db.toDbTime(from))} THEN 1 ELSE 0 END AS cur,
               COUNT(*) AS n, SUM(failed) AS f, SUM(run_duration_ms) AS rd
        FROM workflow_run_nodes
        WHERE wpk_id = ${params.add(wpkId)} AND happened_at >= ${params.add(db.toDbTime(previousFrom))} AND happened_at < ${params.add(db.toDbTime(to))}
        GROUP BY 1, 2, 3
      ),
      h AS (
        SELECT node, d, SUM(CASE WHEN cur = 1 THEN n ELSE 0 END) AS a, SUM(CASE WHEN cur = 0 THEN n ELSE 0 END) AS b
        FROM g WHERE d IS NOT NULL GROUP BY node, d
      ),
      c AS (
        SELECT node, d, a, b, SUM(a) OVER w AS ca, SUM(b) OVER w AS cb, SUM(a + b) OVER w - (a + b) AS below,
               SUM(a) OVER (PARTITION BY node) AS na, SUM(b) OVER (PARTITION BY node) AS nb
        FROM h WINDOW w AS (PARTITION BY node ORDER BY d ROWS UNBOUNDED PRECEDING)
      ),
      m AS (
        SELECT node,
               MIN(CASE WHEN na > 0 AND ca >= ${rank(0.5, 'na')} THEN d END) AS p50_cur,
               MIN(CASE WHEN na > 0 AND ca >= ${rank(0.95, 'na')} THEN d END) AS p95_cur,
               MIN(CASE WHEN nb > 0 AND cb >= ${rank(0.5, 'nb')} THEN d END) AS p50_prev,
               MIN(CASE WHEN nb > 0 AND cb >= ${rank(0.95, 'nb')} THEN d END) AS p95_prev,
               SUM(${float('a')} * (${float('below')} + (${float('a + b')} + 1) / 2)) AS rank_sum,
               SUM(${float('a + b')} * ${float('a + b')} * ${float('a + b')} - ${float('a + b')}) AS tie_sum
        FROM c GROUP BY node
      ),
      t AS (
        SELECT node,
               SUM(CASE WHEN cur = 1 THEN n ELSE 0 END) AS exec_cur, SUM(CASE WHEN cur = 0 THEN n ELSE 0 END) AS exec_prev,
               SUM(CASE WHEN cur = 1 AND d IS NOT NULL THEN n ELSE 0 END) AS timed_cur, SUM(CASE WHEN cur = 0 AND d IS NOT NULL THEN n ELSE 0 END) AS timed_prev,
               SUM(CASE WHEN cur = 1 THEN f ELSE 0 END) AS fail_cur, SUM(CASE WHEN cur = 0 THEN f ELSE 0 END) AS fail_prev,
               SUM(CASE WHEN cur = 1 THEN ${float('d')} * n ELSE 0 END) AS dur_cur, SUM(CASE WHEN cur = 0 THEN ${float('d')} * n ELSE 0 END) AS dur_prev
        FROM g GROUP BY node
      )
      SELECT t.*, m.p50_cur, m.p95_cur, m.p50_prev, m.p95_prev, m.rank_sum, m.tie_sum,
             (SELECT SUM(rd) FROM g WHERE cur = 1) AS run_dur_cur
      FROM t LEFT JOIN m ON m.node = t.node`;
    const rows = await db.readWithoutJit(sql, params.values);
    const nodes: NodeFigures[] = rows.map((r) => ({
      node: String(r.node),
      current: {
        executions: Number(r.exec_cur),
        timed: Number(r.timed_cur),
        failures: Number(r.fail_cur),
        p50_ms: num(r.p50_cur),
        p95_ms: num(r.p95_cur),
        duration_sum_ms: Number(r.dur_cur ?? 0),
      },
      previous: {
        executions: Number(r.exec_prev),
        timed: Number(r.timed_prev),
        failures: Number(r.fail_prev),
        p50_ms: num(r.p50_prev),
        p95_ms: num(r.p95_prev),
        duration_sum_ms: Number(r.dur_prev ?? 0),
      },
      ranks: { n1: Number(r.timed_cur), n2: Number(r.timed_prev), rankSum1: Number(r.rank_sum ?? 0), tieSum: Number(r.tie_sum ?? 0) },
    }));
    return { nodes, run_duration_sum_ms: Number(rows[0]?.run_dur_cur ?? 0) };
  }

  /** Per node, the commonest error texts of its failures in [from, to), most frequent first (then by text, code-point order). */
  async topErrors(wpkId: string, from: Date, to: Date, perNode: number): Promise<Map<string, NodeError[]>> {
    const db = this.db;
    const params = db.params();
    const byText = db.isPostgres ? 'error COLLATE "C"' : 'error';
    const sql = `SELECT node, error, n FROM (
        SELECT node, error, COUNT(*) AS n,
               ROW_NUMBER() OVER (PARTITION BY node ORDER BY COUNT(*) DESC, CASE WHEN error IS NULL THEN 1 ELSE 0 END, ${byText}) AS rn
        FROM workflow_run_nodes
        WHERE wpk_id = ${params.add(wpkId)} AND happened_at >= ${params.add(db.toDbTime(from))} AND happened_at < ${params.add(db.toDbTime(to))} AND failed = 1
        GROUP BY node, error
      ) x WHERE rn <= ${params.add(perNode)} ORDER BY node, rn`;
    const out = new Map<string, NodeError[]>();
    for (const r of await db.read(sql, params.values)) {
      const node = String(r.node);
      const list = out.get(node) ?? [];
      list.push({ error: (r.error as string | null) ?? null, count: Number(r.n) });
      out.set(node, list);
    }
    return out;
  }
}

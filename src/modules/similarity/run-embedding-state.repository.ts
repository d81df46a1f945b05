import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Database, Queryable, SqlParams } from '../../database/database.service';
import { EmbeddingStateName } from './domain/embedding-state';

export interface EmbeddingStateRow {
  run_id: string;
  content_hash: string;
  state: EmbeddingStateName;
  attempts: number;
  last_error: string | null;
  next_attempt_at: Date;
  embedding_key: string | null;
}

const COLUMNS = 'run_id, content_hash, state, attempts, last_error, next_attempt_at, embedding_key';

/** The embedding outbox: the only code that knows how `run_embedding_state` is stored. */
@Injectable()
export class RunEmbeddingStateRepository {

  constructor(private readonly db: Database) {}

  private toRow(r: Record<string, unknown>): EmbeddingStateRow {
    return {
      run_id: String(r.run_id),
      content_hash: String(r.content_hash),
      state: r.state as EmbeddingStateName,
      attempts: Number(r.attempts),
      last_error: (r.last_error as string | null) ?? null,
      next_attempt_at: this.db.fromDbTime(r.next_attempt_at)!,
      embedding_key: (r.embedding_key as string | null) ?? null,
    };
  }

  /** UPDATE … RETURNING: PostgreSQL's driver answers [rows, count], SQLite's the rows. */
  private async updateReturning(sql: string, params: unknown[], on: Queryable = this.db.dataSource): Promise<Record<string, unknown>[]> {
    const raw = (await this.db.query(sql, params, on)) as unknown;
    return this.db.isPostgres ? (raw as [Record<string, unknown>[], number])[0] : (raw as Record<string, unknown>[]);
  }

  private inList(ids: string[], params: ReturnType<Database['params']>): string {
    return ids.map((id) => params.add(id)).join(', ');
  }

  /**
   * Queues the run unless its document is unchanged: one statement. A new hash resets the row to
   * pending and due now; the same hash leaves the row (and any running lease) alone.
   */
  async enqueue(runId: string, contentHash: string, now: Date, on: Queryable): Promise<void> {
    const at = this.db.toDbTime(now);
    const p = (i: number) => this.db.p(i);
    await this.db.query(
      `INSERT INTO run_embedding_state (run_id, content_hash, state, attempts, last_error, next_attempt_at, embedding_key, updated_at)
       VALUES (${p(1)}, ${p(2)}, 'pending', 0, NULL, ${p(3)}, NULL, ${p(4)})
       ON CONFLICT (run_id) DO UPDATE SET content_hash = excluded.content_hash, state = 'pending', attempts = 0,
         last_error = NULL, next_attempt_at = excluded.next_attempt_at, updated_at = excluded.updated_at
       WHERE run_embedding_state.content_hash <> excluded.content_hash`,
      [runId, contentHash, at, at],
      on,
    );
  }

  /**
   * `enqueue` for runs the enclosing statement creates (PostgreSQL): the body of a CTE that reads
   * them from `created_runs`, each with its hash given in the same order as its id.
   */
  enqueueCreatedSql(runIds: string[], contentHashes: string[], now: Date, params: SqlParams): string {
    const ids = params.add(runIds);
    const hashes = params.add(contentHashes);
    const at = params.add(now);
    return `INSERT INTO run_embedding_state (run_id, content_hash, state, attempts, last_error, next_attempt_at, embedding_key, updated_at)
       SELECT c.id, h.content_hash, 'pending', 0, NULL, ${at}::timestamptz, NULL, ${at}::timestamptz
       FROM created_runs c JOIN unnest(${ids}::uuid[], ${hashes}::text[]) AS h(id, content_hash) ON h.id = c.id
       ON CONFLICT (run_id) DO UPDATE SET content_hash = excluded.content_hash, state = 'pending', attempts = 0,
         last_error = NULL, next_attempt_at = excluded.next_attempt_at, updated_at = excluded.updated_at
       WHERE run_embedding_state.content_hash <> excluded.content_hash`;
  }

  /** The backfill's enqueue, outside any run write (serialised with SQLite's writer). */
  async enqueueOutsideTransaction(runId: string, contentHash: string, now: Date): Promise<void> {
    await this.db.serialized(() => this.enqueue(runId, contentHash, now, this.db.dataSource));
  }

  /**
   * Failed runs (or the one run given, if failed) get a fresh set of attempts, due now; answers how
   * many. The backfill and the retry routes do this.
   */
  async retryFailed(now: Date, runId?: string): Promise<number> {
    const at = this.db.toDbTime(now);
    const params = [at, at, ...(runId === undefined ? [] : [runId])];
    const one = runId === undefined ? '' : ` AND run_id = ${this.db.p(3)}`;
    const rows = await this.db.serialized(() =>
      this.updateReturning(
        `UPDATE run_embedding_state SET state = 'pending', attempts = 0, next_attempt_at = ${this.db.p(1)}, updated_at = ${this.db.p(2)}
         WHERE state = 'failed'${one} RETURNING run_id`,
        params,
      ),
    );
    return rows.length;
  }

  /** Deleted runs: their vectors are removed by the worker, then the rows go. */
  async markPurge(runIds: string[], now: Date, tx: EntityManager): Promise<void> {
    if (!runIds.length) return;
    const params = this.db.params();
    const at = params.add(this.db.toDbTime(now));
    const at2 = params.add(this.db.toDbTime(now));
    const list = this.inList(runIds, params);
    await this.db.query(
      `UPDATE run_embedding_state SET state = 'purge', attempts = 0, next_attempt_at = ${at}, updated_at = ${at2}
       WHERE run_id IN (${list})`,
      params.values,
      tx,
    );
  }

  /**
   * Claims up to `limit` due rows (pending or purge) by pushing their next attempt past a lease, so
   * other replicas skip them (SKIP LOCKED on PostgreSQL) and a crashed worker's claim comes back.
   */
  async claimDue(now: Date, limit: number, leaseUntil: Date): Promise<EmbeddingStateRow[]> {
    const params = this.db.params();
    const lease = params.add(this.db.toDbTime(leaseUntil));
    const due = params.add(this.db.toDbTime(now));
    const max = params.add(limit);
    const lock = this.db.isPostgres ? ' FOR UPDATE SKIP LOCKED' : '';
    const sql = `UPDATE run_embedding_state SET next_attempt_at = ${lease}
       WHERE run_id IN (SELECT run_id FROM run_embedding_state WHERE state IN ('pending', 'purge') AND next_attempt_at <= ${due}
                        ORDER BY next_attempt_at, run_id LIMIT ${max}${lock})
       RETURNING ${COLUMNS}`;
    const rows = await this.db.write((tx) => this.updateReturning(sql, params.values, tx));
    return rows.map((r) => this.toRow(r));
  }

  /** Done, unless the run changed while it was being embedded (then it stays pending). */
  async markDone(runId: string, contentHash: string, embeddingKey: string, now: Date): Promise<void> {
    const p = (i: number) => this.db.p(i);
    const at = this.db.toDbTime(now);
    await this.db.serialized(() =>
      this.db.query(
        `UPDATE run_embedding_state SET state = 'done', attempts = 0, last_error = NULL, embedding_key = ${p(1)}, updated_at = ${p(2)}
         WHERE run_id = ${p(3)} AND content_hash = ${p(4)} AND state = 'pending'`,
        [embeddingKey, at, runId, contentHash],
      ),
    );
  }

  /** Records a failed attempt: back to pending at `nextAttemptAt`, or `failed` for good. */
  async markAttemptFailed(
    row: Pick<EmbeddingStateRow, 'run_id' | 'content_hash' | 'state'>,
    attempts: number,
    error: string,
    nextAttemptAt: Date,
    final: boolean,
    now: Date,
  ): Promise<void> {
    const p = (i: number) => this.db.p(i);
    await this.db.serialized(() =>
      this.db.query(
        `UPDATE run_embedding_state SET state = ${p(1)}, attempts = ${p(2)}, last_error = ${p(3)}, next_attempt_at = ${p(4)}, updated_at = ${p(5)}
         WHERE run_id = ${p(6)} AND content_hash = ${p(7)} AND state = ${p(8)}`,
        [final ? 'failed' : row.state, attempts, error.slice(0, 2000), this.db.toDbTime(nextAttemptAt), this.db.toDbTime(now), row.run_id, row.content_hash, row.state],
      ),
    );
  }

  async deleteRows(runIds: string[]): Promise<void> {
    if (!runIds.length) return;
    const params = this.db.params();
    const list = this.inList(runIds, params);
    await this.db.serialized(() => this.db.query(`DELETE FROM run_embedding_state WHERE run_id IN (${list})`, params.values));
  }

  async findByRunId(runId: string): Promise<EmbeddingStateRow | undefined> {
    const rows = await this.db.query(`SELECT ${COLUMNS} FROM run_embedding_state WHERE run_id = ${this.db.p(1)}`, [runId]);
    return rows[0] ? this.toRow(rows[0]) : undefined;
  }

  /** Rows per state, for /metrics and /health. */
  async countByState(): Promise<Record<EmbeddingStateName, number>> {
    const rows = await this.db.query<{ state: EmbeddingStateName; n: string | number }>(
      'SELECT state, COUNT(*) AS n FROM run_embedding_state GROUP BY state',
    );
    const counts: Record<EmbeddingStateName, number> = { pending: 0, done: 0, failed: 0, purge: 0 };
    for (const r of rows) counts[r.state] = Number(r.n);
    return counts;
  }

  /** A new embedder or model: every run embedded with another key is queued again. */
  async requeueOtherKeys(embeddingKey: string, now: Date): Promise<number> {
    const at = this.db.toDbTime(now);
    const p = (i: number) => this.db.p(i);
    const rows = await this.db.serialized(() =>
      this.updateReturning(
        `UPDATE run_embedding_state SET state = 'pending', attempts = 0, next_attempt_at = ${p(1)}, updated_at = ${p(2)}
         WHERE state = 'done' AND embedding_key <> ${p(3)} RETURNING run_id`,
        [at, at, embeddingKey],
      ),
    );
    return rows.length;
  }
}

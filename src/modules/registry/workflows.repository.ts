import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Database, Queryable, SqlParams } from '../../database/database.service';
import type { RunStatus } from '../runs/domain/run';
import { Workflow } from './domain/workflow';

export interface WorkflowFilters {
  owner?: string;
  tag?: string;
  last_status?: RunStatus;
  /** substring of the id or the name, ASCII letters compared case-insensitively */
  q?: string;
  include_archived?: boolean;
}

/** The latest-run columns of a workflow; all null when it has no run. */
export interface LatestRunSummary {
  last_run_id: string | null;
  last_status: RunStatus | null;
  last_run_at: Date | null;
  last_duration_ms: number | null;
  last_error: string | null;
}

/** What the summary hook reads back while it holds the workflow row. */
export interface LockedSummary {
  last_run_id: string | null;
  last_run_at: Date | null;
}

const COLUMNS =
  'id, name, description, version, owner, tags, metadata, archived_at, created_at, updated_at, ' +
  'last_run_id, last_status, last_run_at, last_duration_ms, last_error, runs_total, runs_failed';

/** Lower-cases ASCII letters only: what LOWER() does on both drivers under a byte-wise collation. */
function asciiLower(s: string): string {
  return s.replace(/[A-Z]/g, (c) => c.toLowerCase());
}

function likeContains(s: string): string {
  return `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** The only code that knows how workflows are stored. */
@Injectable()
export class WorkflowsRepository {
  constructor(private readonly db: Database) {}

  private map(row: Record<string, unknown>): Workflow {
    const db = this.db;
    const int = (v: unknown) => (v === null || v === undefined ? null : Number(v));
    return {
      id: String(row.id),
      name: String(row.name),
      description: (row.description as string | null) ?? null,
      version: (row.version as string | null) ?? null,
      owner: (row.owner as string | null) ?? null,
      tags: db.fromDbJson<string[]>(row.tags) ?? [],
      metadata: db.fromDbJson<Record<string, unknown>>(row.metadata),
      archived_at: db.fromDbTime(row.archived_at),
      created_at: db.fromDbTime(row.created_at)!,
      updated_at: db.fromDbTime(row.updated_at)!,
      last_run_id: (row.last_run_id as string | null) ?? null,
      last_status: (row.last_status as RunStatus | null) ?? null,
      last_run_at: db.fromDbTime(row.last_run_at),
      last_duration_ms: int(row.last_duration_ms),
      last_error: (row.last_error as string | null) ?? null,
      runs_total: Number(row.runs_total),
      runs_failed: Number(row.runs_failed),
    };
  }

  async findById(id: string, on: Queryable = this.db.dataSource): Promise<Workflow | undefined> {
    const rows = await this.db.read(`SELECT ${COLUMNS} FROM workflows WHERE id = ${this.db.p(1)}`, [id], on);
    return rows[0] ? this.map(rows[0]) : undefined;
  }

  /** A plain read: it cannot fail in a way that aborts the surrounding PostgreSQL transaction. */
  async exists(id: string, on: Queryable = this.db.dataSource): Promise<boolean> {
    const rows = await this.db.read(`SELECT 1 AS one FROM workflows WHERE id = ${this.db.p(1)}`, [id], on);
    return rows.length > 0;
  }

  /** The stored workflow, locked for the rest of the transaction on PostgreSQL. */
  async findForUpdate(id: string, tx: EntityManager): Promise<Workflow | undefined> {
    const lock = this.db.isPostgres ? ' FOR UPDATE' : '';
    const rows = await this.db.query(`SELECT ${COLUMNS} FROM workflows WHERE id = ${this.db.p(1)}${lock}`, [id], tx);
    return rows[0] ? this.map(rows[0]) : undefined;
  }

  /** Inserts the workflow unless its id exists; true when this call inserted it. */
  async insertIfAbsent(w: Workflow, tx: EntityManager): Promise<boolean> {
    const db = this.db;
    const params = db.params();
    const values = [
      w.id, w.name, w.description, w.version, w.owner, db.toDbJson(w.tags), db.toDbJson(w.metadata),
      w.archived_at ? db.toDbTime(w.archived_at) : null, db.toDbTime(w.created_at), db.toDbTime(w.updated_at),
    ].map((v) => params.add(v));
    const rows = await db.query(
      `INSERT INTO workflows (id, name, description, version, owner, tags, metadata, archived_at, created_at, updated_at, runs_total, runs_failed)
       VALUES (${values.join(', ')}, 0, 0) ON CONFLICT (id) DO NOTHING RETURNING id`,
      params.values,
      tx,
    );
    return rows.length > 0;
  }

  /** Writes the descriptive fields and archived_at; the run summary is the hook's alone. */
  async updateDescription(w: Workflow, tx: EntityManager): Promise<void> {
    const db = this.db;
    const params = db.params();
    const sets = [
      `name = ${params.add(w.name)}`,
      `description = ${params.add(w.description)}`,
      `version = ${params.add(w.version)}`,
      `owner = ${params.add(w.owner)}`,
      `tags = ${params.add(db.toDbJson(w.tags))}`,
      `metadata = ${params.add(db.toDbJson(w.metadata))}`,
      `archived_at = ${params.add(w.archived_at ? db.toDbTime(w.archived_at) : null)}`,
      `updated_at = ${params.add(db.toDbTime(w.updated_at))}`,
    ];
    await db.query(`UPDATE workflows SET ${sets.join(', ')} WHERE id = ${params.add(w.id)}`, params.values, tx);
  }

  private where(filters: WorkflowFilters, params: SqlParams): string[] {
    const clauses: string[] = [];
    if (!filters.include_archived) clauses.push('archived_at IS NULL');
    if (filters.owner !== undefined) clauses.push(`owner = ${params.add(filters.owner)}`);
    if (filters.last_status !== undefined) clauses.push(`last_status = ${params.add(filters.last_status)}`);
    if (filters.tag !== undefined) {
      clauses.push(
        this.db.isPostgres
          ? `tags @> ${params.add(JSON.stringify([filters.tag]))}::jsonb`
          : `EXISTS (SELECT 1 FROM json_each(workflows.tags) WHERE json_each.value = ${params.add(filters.tag)})`,
      );
    }
    if (filters.q !== undefined) {
      const pattern = likeContains(asciiLower(filters.q));
      const c = this.db.isPostgres ? ' COLLATE "C"' : '';
      clauses.push(
        `(LOWER(id${c}) LIKE ${params.add(pattern)} ESCAPE '\\' OR LOWER(name${c}) LIKE ${params.add(pattern)} ESCAPE '\\')`,
      );
    }
    return clauses;
  }

  /** Ordered by id (byte-wise on both drivers), after `afterId` when given. */
  async findPage(filters: WorkflowFilters, limit: number, afterId?: string): Promise<Workflow[]> {
    const params = this.db.params();
    const clauses = this.where(filters, params);
    if (afterId !== undefined) clauses.push(`id > ${params.add(afterId)}`);
    const where = clauses.length ? `WHERE ${clauses.join(' AND ')}` : '';
    const rows = await this.db.read(
      `SELECT ${COLUMNS} FROM workflows ${where} ORDER BY id LIMIT ${params.add(limit)}`,
      params.values,
    );
    return rows.map((r) => this.map(r));
  }

  /**
   * Adds to the run counters and locks the row until the transaction ends (the upsert takes the
   * row lock on PostgreSQL; SQLite writers are serialised). With `register`, an unknown workflow is
   * created (named after its id); without, an unknown one answers undefined and nothing changes.
   * Answers the stored latest-run key.
   */
  async addToCounters(
    id: string,
    delta: { total: number; failed: number },
    register: boolean,
    now: Date,
    tx: EntityManager,
  ): Promise<LockedSummary | undefined> {
    const db = this.db;
    const params = db.params();
    let rows: Array<Record<string, unknown>>;
    if (register) {
      const at = db.toDbTime(now);
      const values = [id, id, db.toDbJson([]), at, at, delta.total, delta.failed].map((v) => params.add(v));
      rows = await db.query(
        `INSERT INTO workflows (id, name, tags, created_at, updated_at, runs_total, runs_failed)
         VALUES (${values.join(', ')})
         ON CONFLICT (id) DO UPDATE SET runs_total = workflows.runs_total + excluded.runs_total,
                                        runs_failed = workflows.runs_failed + excluded.runs_failed
         RETURNING last_run_id, last_run_at`,
        params.values,
        tx,
      );
    } else {
      const lock = db.isPostgres ? ' FOR UPDATE' : '';
      rows = await db.query(`SELECT last_run_id, last_run_at FROM workflows WHERE id = ${db.p(1)}${lock}`, [id], tx);
      if (rows.length) {
        await db.query(
          `UPDATE workflows SET runs_total = runs_total + ${db.p(1)}, runs_failed = runs_failed + ${db.p(2)} WHERE id = ${db.p(3)}`,
          [delta.total, delta.failed, id],
          tx,
        );
      }
    }
    const row = rows[0];
    if (!row) return undefined;
    return { last_run_id: (row.last_run_id as string | null) ?? null, last_run_at: db.fromDbTime(row.last_run_at) };
  }

  async setLatestRun(id: string, s: LatestRunSummary, tx: EntityManager): Promise<void> {
    const db = this.db;
    const params = db.params();
    const sets = [
      `last_run_id = ${params.add(s.last_run_id)}`,
      `last_status = ${params.add(s.last_status)}`,
      `last_run_at = ${params.add(s.last_run_at ? db.toDbTime(s.last_run_at) : null)}`,
      `last_duration_ms = ${params.add(s.last_duration_ms)}`,
      `last_error = ${params.add(s.last_error)}`,
    ];
    await db.query(`UPDATE workflows SET ${sets.join(', ')} WHERE id = ${params.add(id)}`, params.values, tx);
  }
}

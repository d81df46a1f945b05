import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import { DataSource, EntityManager } from 'typeorm';
import { DatabaseKind } from '../config/config';
import { DB_PING_TIMEOUT_MS } from './data-source';
import { Mutex } from './mutex';

/** Something that can run SQL: the data source or a transaction's entity manager. */
export type Queryable = Pick<EntityManager, 'query'>;

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/**
 * The seam between repositories and the two drivers: placeholders, timestamp and JSON encoding,
 * and write transactions. SQLite has one connection, so its write transactions are serialised here
 * (TypeORM would otherwise nest concurrent ones as savepoints on the same connection).
 */
@Injectable()
export class Database {
  readonly kind: DatabaseKind;
  private readonly sqliteWrites = new Mutex();
  /** statement text -> prepared statement name */
  private readonly statementNames = new Map<string, string>();

  /** A statement that writes nothing but, being a write, takes SQLite's write lock (see `write`). */
  private readonly takeWriteLock: string;

  constructor(readonly dataSource: DataSource) {
    this.kind = dataSource.options.type === 'postgres' ? 'postgres' : 'sqlite';
    this.takeWriteLock = `DELETE FROM "${dataSource.options.migrationsTableName ?? 'migrations'}" WHERE 0`;
  }

  get isPostgres(): boolean {
    return this.kind === 'postgres';
  }

  /** Positional placeholder number `i` (1-based). */
  p(i: number): string {
    return this.isPostgres ? `$${i}` : '?';
  }

  /** Builds a parameter list and hands out placeholders as values are added. */
  params(): SqlParams {
    return new SqlParams(this);
  }

  query<T = Record<string, unknown>>(sql: string, params: unknown[] = [], on: Queryable = this.dataSource): Promise<T[]> {
    return on.query(sql, params) as Promise<T[]>;
  }

  /**
   * A hot-path statement run on its own (autocommit). On PostgreSQL it goes straight to the pool as
   * a named statement, so each connection parses and plans it once and later calls only bind and
   * execute; on SQLite it is an ordinary serialised statement. The SQL text must not vary with the
   * values (they are parameters): each distinct text is prepared once per connection.
   */
  prepared<T = Record<string, unknown>>(sql: string, params: unknown[]): Promise<T[]> {
    if (!this.isPostgres) return this.serialized(() => this.query<T>(sql, params));
    return this.named<T>(sql, params);
  }

  /** A hot read outside any transaction: `prepared` without SQLite's write serialisation. */
  preparedRead<T = Record<string, unknown>>(sql: string, params: unknown[]): Promise<T[]> {
    if (!this.isPostgres) return this.query<T>(sql, params);
    return this.named<T>(sql, params);
  }

  /** A read: prepared on the pool when it runs outside a transaction, else on the transaction. */
  read<T = Record<string, unknown>>(sql: string, params: unknown[], on: Queryable = this.dataSource): Promise<T[]> {
    return on === this.dataSource ? this.preparedRead<T>(sql, params) : this.query<T>(sql, params, on);
  }

  private async named<T>(sql: string, params: unknown[]): Promise<T[]> {
    let name = this.statementNames.get(sql);
    if (!name) {
      name = `nops_${createHash('sha1').update(sql).digest('hex').slice(0, 20)}`;
      this.statementNames.set(sql, name);
    }
    const pool = (this.dataSource.driver as unknown as { master: Pool }).master;
    const result = await pool.query<T & Record<string, unknown>>({ name, text: sql, values: params });
    return result.rows;
  }

  /**
   * A long analytical read with PostgreSQL's JIT compilation off for it alone (SET LOCAL, in its own
   * read-only transaction). Past `jit_above_cost` the planner compiles the statement with LLVM,
   * which costs more than it saves for an aggregate that runs once over an index range (measured in
   * reports/performance.md, section 10). Elsewhere a plain read.
   */
  async readWithoutJit<T = Record<string, unknown>>(sql: string, params: unknown[]): Promise<T[]> {
    if (!this.isPostgres) return this.query<T>(sql, params);
    return this.dataSource.transaction('READ COMMITTED', async (tx) => {
      await tx.query('SET LOCAL jit = off');
      return (await tx.query(sql, params)) as T[];
    });
  }

  /**
   * Runs `fn` in one transaction; on SQLite, one writer at a time, holding the file's write lock
   * from its first statement. TypeORM opens SQLite transactions deferred, and in WAL mode a
   * transaction that has read cannot start writing once another process (a second server, the CLI)
   * has committed since: SQLITE_BUSY_SNAPSHOT, at once, whatever busy_timeout says. A write that
   * changes nothing takes the lock first, waiting busy_timeout for it as BEGIN IMMEDIATE would.
   */
  write<T>(fn: (tx: EntityManager) => Promise<T>): Promise<T> {
    if (this.isPostgres) return this.dataSource.transaction(fn);
    return this.sqliteWrites.run(() =>
      this.dataSource.transaction(async (tx) => {
        await tx.query(this.takeWriteLock);
        return fn(tx);
      }),
    );
  }


  /** A statement that must not interleave with a running SQLite write transaction. */
  serialized<T>(fn: () => Promise<T>): Promise<T> {
    if (this.isPostgres) return fn();
    return this.sqliteWrites.run(fn);
  }

  toDbTime(date: Date): Date | string {
    if (this.isPostgres) return date;
    // TypeORM's SQLite datetime format, in UTC; it sorts lexicographically.
    return (
      `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())} ` +
      `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}.${pad(date.getUTCMilliseconds(), 3)}`
    );
  }

  fromDbTime(value: unknown): Date | null {
    if (value === null || value === undefined) return null;
    if (value instanceof Date) return value;
    if (typeof value === 'number') return new Date(value);
    const s = String(value);
    return new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(s) ? s : `${s.replace(' ', 'T')}Z`);
  }

  toDbJson(value: unknown): string | null {
    return value === undefined || value === null ? null : JSON.stringify(value);
  }

  fromDbJson<T = unknown>(value: unknown): T | null {
    if (value === null || value === undefined) return null;
    if (typeof value === 'string' && !this.isPostgres) return JSON.parse(value) as T;
    return value as T;
  }

  /** A cheap round trip, bounded in time, for health checks. */
  async ping(timeoutMs = DB_PING_TIMEOUT_MS): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`database did not answer within ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      await Promise.race([this.dataSource.query('SELECT 1'), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}

export class SqlParams {
  readonly values: unknown[] = [];
  constructor(private readonly db: Database) {}

  /** Adds a value and returns its placeholder. */
  add(value: unknown): string {
    this.values.push(value);
    return this.db.p(this.values.length);
  }
}

import { DataSource, MigrationExecutor, QueryRunner } from 'typeorm';
import { StartupError } from '../common/errors/startup-error';
import { hotPath } from '../common/perf/hot-path';
import { useCreatedTablesCache } from './created-tables-cache';

/** Arbitrary but fixed: replicas starting together take turns applying migrations. */
const MIGRATION_LOCK_ID = 7_316_001;
/** How long a start waits for another process that is migrating the same SQLite file. */
export const SQLITE_MIGRATION_WAIT_MS = 60_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * SQLite's write lock, taken before anything is read: two processes starting on one new file would
 * otherwise both create the migrations table, or both read "nothing applied" and the second fail
 * to write. BEGIN IMMEDIATE waits busy_timeout for the other's migration, and is retried.
 */
async function beginImmediate(runner: QueryRunner, waitMs: number): Promise<void> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    try {
      await runner.query('BEGIN IMMEDIATE');
      return;
    } catch (err) {
      const code = (err as { driverError?: { code?: string }; code?: string }).driverError?.code ?? (err as { code?: string }).code;
      if (code !== 'SQLITE_BUSY' || Date.now() >= deadline) {
        if (code === 'SQLITE_BUSY') throw new StartupError(`another process has been migrating the SQLite database for ${Math.round(waitMs / 1000)} s`);
        throw err;
      }
      await sleep(50);
    }
  }
}

/**
 * Applies pending migrations, all in one transaction, one process at a time: PostgreSQL replicas
 * take turns on an advisory lock, SQLite processes on the database's write lock.
 */
export async function runMigrations(dataSource: DataSource, options: { sqliteWaitMs?: number } = {}): Promise<string[]> {
  const runner = dataSource.createQueryRunner();
  useCreatedTablesCache(runner, { rememberCreated: hotPath('created-tables-cache') });
  const executor = new MigrationExecutor(dataSource, runner);
  if (dataSource.options.type === 'postgres') {
    await runner.connect();
    try {
      await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_ID]);
      executor.transaction = 'all';
      return (await executor.executePendingMigrations()).map((m) => m.name);
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_ID]).catch(() => undefined);
      await runner.release();
    }
  }
  // SQLite: the transaction is this one (the executor must not open its own inside it); foreign
  // keys are switched off outside it, as TypeORM does for its own
  try {
    await runner.beforeMigration();
    await beginImmediate(runner, options.sqliteWaitMs ?? SQLITE_MIGRATION_WAIT_MS);
    let done;
    try {
      executor.transaction = 'none';
      done = await executor.executePendingMigrations();
      await runner.query('COMMIT');
    } catch (err) {
      await runner.query('ROLLBACK').catch(() => undefined);
      throw err;
    }
    return done.map((m) => m.name);
  } finally {
    await runner.afterMigration().catch(() => undefined);
    await runner.release();
  }
}

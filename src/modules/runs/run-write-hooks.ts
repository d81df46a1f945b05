import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { SqlParams } from '../../database/database.service';
import { Run } from './domain/run';

export interface RunWriteEvent {
  /** The run before this write; undefined when the write created it. */
  previous: Run | undefined;
  current: Run;
}

export interface RunDeleteEvent {
  deleted: Array<Pick<Run, 'id' | 'wpk_id' | 'run_id' | 'status'>>;
}

/**
 * Called inside the run-write transaction, so whatever a hook writes commits or rolls back with the
 * run. Other modules plug in here; the runs module imports none of them.
 */
export interface RunWriteHook {
  /** Runs before the run is stored; throwing an AppError rejects the write (nothing is stored). */
  beforeRunWrite?(tx: EntityManager, wpkId: string): Promise<void>;
  afterRunWrite?(tx: EntityManager, event: RunWriteEvent): Promise<void>;
  afterRunsDeleted?(tx: EntityManager, event: RunDeleteEvent): Promise<void>;
  /**
   * Runs once at the end of the transaction's work, before it commits. Work deferred to here takes
   * its locks after every run row the transaction locks, which keeps lock order deadlock-free.
   */
  beforeCommit?(tx: EntityManager): Promise<void>;
  /** The transaction's work failed: drop anything deferred for it. */
  discard?(tx: EntityManager): void;
  /**
   * PostgreSQL's one-statement path for runs a write creates: the hook's work for them as the body
   * of one data-modifying CTE of the insert statement itself, reading the inserted rows from the
   * CTE `created_runs` (the columns in CREATED_RUN_COLUMNS). It replaces `beforeRunWrite`, `afterRunWrite`
   * and `beforeCommit` for those runs. Locks it takes come after the new run rows, never before, as
   * on the transaction path. Answer undefined to send this write down the transaction path.
   */
  createdRunsStatement?(runs: readonly Run[], params: SqlParams): string | undefined;
}

/** What `created_runs` exposes to a hook's statement. */
export const CREATED_RUN_COLUMNS = 'id, wpk_id, run_id, status, duration_ms, error, started_at, created_at';

@Injectable()
export class RunWriteHooks {
  private readonly hooks: RunWriteHook[] = [];

  register(hook: RunWriteHook): void {
    this.hooks.push(hook);
  }

  /**
   * Every hook's statement for the created runs, or undefined when some hook that takes part in
   * run writes has none for this write.
   */
  createdRunsStatements(runs: readonly Run[], params: SqlParams): string[] | undefined {
    const statements: string[] = [];
    for (const hook of this.hooks) {
      const involved = hook.beforeRunWrite || hook.afterRunWrite || hook.beforeCommit || hook.createdRunsStatement;
      if (!involved) continue;
      const sql = hook.createdRunsStatement?.(runs, params);
      if (sql === undefined) return undefined;
      statements.push(sql);
    }
    return statements;
  }

  async beforeWrite(tx: EntityManager, wpkId: string): Promise<void> {
    for (const hook of this.hooks) await hook.beforeRunWrite?.(tx, wpkId);
  }

  async afterWrite(tx: EntityManager, event: RunWriteEvent): Promise<void> {
    for (const hook of this.hooks) await hook.afterRunWrite?.(tx, event);
  }

  async afterDelete(tx: EntityManager, event: RunDeleteEvent): Promise<void> {
    for (const hook of this.hooks) await hook.afterRunsDeleted?.(tx, event);
  }

  /** Wraps the work of one run-write transaction so hooks can finish deferred work or drop it. */
  async inTransaction<T>(tx: EntityManager, work: () => Promise<T>): Promise<T> {
    try {
      const result = await work();
      for (const hook of this.hooks) await hook.beforeCommit?.(tx);
      return result;
    } catch (err) {
      for (const hook of this.hooks) hook.discard?.(tx);
      throw err;
    }
  }
}

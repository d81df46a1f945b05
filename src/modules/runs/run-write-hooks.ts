import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
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
}

@Injectable()
export class RunWriteHooks {
  private readonly hooks: RunWriteHook[] = [];

  register(hook: RunWriteHook): void {
    this.hooks.push(hook);
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

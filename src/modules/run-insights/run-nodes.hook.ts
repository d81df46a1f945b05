import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { SqlParams } from '../../database/database.service';
import type { Run } from '../runs/domain/run';
import { RunDeleteEvent, RunWriteEvent, RunWriteHook, RunWriteHooks } from '../runs/run-write-hooks';
import { RunNodesRepository } from './run-nodes.repository';

/**
 * Keeps `workflow_run_nodes` in step with the runs, inside each run's own write: a new run gets its
 * rows, a write that changes the node logs or when the run happened (or its duration) replaces
 * them, a deleted run loses them.
 */
@Injectable()
export class RunNodesHook implements RunWriteHook, OnModuleInit {
  constructor(
    private readonly hooks: RunWriteHooks,
    private readonly nodes: RunNodesRepository,
  ) {}

  onModuleInit(): void {
    this.hooks.register(this);
  }

  async afterRunWrite(tx: EntityManager, { previous, current }: RunWriteEvent): Promise<void> {
    if (previous && !changed(previous, current)) return;
    await this.nodes.replaceForRun(current, tx, !previous);
  }

  /** The one-statement path (PostgreSQL, new runs): their rows in one insert. */
  createdRunsStatement(runs: readonly Run[], params: SqlParams): string {
    return this.nodes.insertCreatedSql(runs, params);
  }

  async afterRunsDeleted(tx: EntityManager, { deleted }: RunDeleteEvent): Promise<void> {
    await this.nodes.deleteForRuns(deleted.map((r) => r.id), tx);
  }
}

const time = (d: Date | null) => (d ? d.getTime() : null);

/** Whether a write changed anything the node rows hold: a write without node_logs keeps the stored array itself. */
function changed(previous: Run, current: Run): boolean {
  return (
    previous.node_logs !== current.node_logs ||
    previous.duration_ms !== current.duration_ms ||
    time(previous.started_at) !== time(current.started_at) ||
    time(previous.created_at) !== time(current.created_at)
  );
}

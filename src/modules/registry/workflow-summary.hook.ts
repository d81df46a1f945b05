import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { SqlParams } from '../../database/database.service';
import { AppError } from '../../common/errors/app-error';
import { AppConfig } from '../../config/config';
import type { Run } from '../runs/domain/run';
import { RunDeleteEvent, RunWriteEvent, RunWriteHook, RunWriteHooks } from '../runs/run-write-hooks';
import { RunsService } from '../runs/runs.service';
import { compareCodePoints, decideLatest, runKey } from './domain/latest-run';
import { LatestRunSummary, WorkflowsRepository } from './workflows.repository';

type SummaryRun = Pick<Run, 'run_id' | 'status' | 'duration_ms' | 'error' | 'started_at' | 'created_at'>;

/** What one transaction did to one workflow's runs, applied in one go before it commits. */
interface PendingSummary {
  total: number;
  failed: number;
  /** final state of each run written, by run_id */
  written: Map<string, SummaryRun>;
  deleted: Set<string>;
}

const isFailed = (run: Pick<Run, 'status'> | undefined) => (run?.status === 'failed' ? 1 : 0);

function summaryOf(run: SummaryRun | undefined): LatestRunSummary {
  if (!run) return { last_run_id: null, last_status: null, last_run_at: null, last_duration_ms: null, last_error: null };
  return {
    last_run_id: run.run_id,
    last_status: run.status,
    last_run_at: run.started_at ?? run.created_at,
    last_duration_ms: run.duration_ms,
    last_error: run.error,
  };
}

/**
 * Keeps every workflow's counters and latest-run summary exact, inside the run-write transaction.
 *
 * Run events are only collected while the transaction writes runs; `beforeCommit` then locks each
 * touched workflow row once, in id order, adds the counter deltas and moves the latest run. Taking
 * the workflow locks last and sorted means no transaction ever holds a workflow row while waiting
 * for a run row, so batches and concurrent writes of one workflow cannot deadlock, and the hot
 * summary row is held only for the end of the transaction. Cost per transaction and workflow: one
 * upsert that locks and reads back the stored latest key, plus one UPDATE when the latest changes.
 */
@Injectable()
export class WorkflowSummaryHook implements RunWriteHook, OnModuleInit {
  private readonly pending = new Map<EntityManager, Map<string, PendingSummary>>();

  constructor(
    private readonly hooks: RunWriteHooks,
    private readonly workflows: WorkflowsRepository,
    private readonly runs: RunsService,
    private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.hooks.register(this);
  }

  /** With auto-registration off, a run for an unregistered workflow is refused before anything is written. */
  async beforeRunWrite(tx: EntityManager, wpkId: string): Promise<void> {
    if (this.config.registryAutoRegister) return;
    if (this.pending.get(tx)?.has(wpkId)) return;
    if (!(await this.workflows.exists(wpkId, tx))) {
      throw new AppError(
        'WORKFLOW_NOT_FOUND',
        `no workflow with id ${wpkId}; register it with POST /workflows (REGISTRY_AUTO_REGISTER is off)`,
      );
    }
  }

  /**
   * The one-statement path (PostgreSQL, new runs): per workflow the counters grow by the new runs
   * and the latest moves to the greatest new run unless the stored latest sorts above it, the rule
   * `decideLatest` applies. Workflow rows are upserted in id order, after the run rows.
   */
  createdRunsStatement(_runs: readonly Run[], params: SqlParams): string | undefined {
    if (!this.config.registryAutoRegister) return undefined;
    const now = params.add(new Date());
    return this.createdRunsSql(now);
  }

  private createdRunsSql(now: string): string {
    const newer = `(w.last_run_id IS NULL OR w.last_run_at IS NULL
      OR (excluded.last_run_at, excluded.last_run_id COLLATE "C") >= (w.last_run_at, w.last_run_id COLLATE "C"))`;
    const latest = (column: string) => `${column} = CASE WHEN ${newer} THEN excluded.${column} ELSE w.${column} END`;
    return `INSERT INTO workflows AS w (id, name, tags, created_at, updated_at, runs_total, runs_failed,
                                        last_run_id, last_status, last_run_at, last_duration_ms, last_error)
      SELECT b.wpk_id, b.wpk_id, '[]'::jsonb, ${now}::timestamptz, ${now}::timestamptz, n.total, n.failed,
             b.run_id, b.status, b.at, b.duration_ms, b.error
      FROM (SELECT DISTINCT ON (wpk_id) wpk_id, run_id, status, COALESCE(started_at, created_at) AS at, duration_ms, error
            FROM created_runs ORDER BY wpk_id, COALESCE(started_at, created_at) DESC, run_id COLLATE "C" DESC) b
      JOIN (SELECT wpk_id, count(*)::int AS total, (count(*) FILTER (WHERE status = 'failed'))::int AS failed
            FROM created_runs GROUP BY wpk_id) n ON n.wpk_id = b.wpk_id
      ORDER BY b.wpk_id COLLATE "C"
      ON CONFLICT (id) DO UPDATE SET runs_total = w.runs_total + excluded.runs_total,
        runs_failed = w.runs_failed + excluded.runs_failed,
        ${['last_run_id', 'last_status', 'last_duration_ms', 'last_error', 'last_run_at'].map(latest).join(',\n        ')}`;
  }

  async afterRunWrite(tx: EntityManager, { previous, current }: RunWriteEvent): Promise<void> {
    const p = this.pendingFor(tx, current.wpk_id);
    if (!previous) p.total += 1;
    p.failed += isFailed(current) - isFailed(previous);
    p.deleted.delete(current.run_id);
    p.written.set(current.run_id, current);
  }

  async afterRunsDeleted(tx: EntityManager, { deleted }: RunDeleteEvent): Promise<void> {
    for (const run of deleted) {
      const p = this.pendingFor(tx, run.wpk_id);
      p.total -= 1;
      p.failed -= isFailed(run);
      p.written.delete(run.run_id);
      p.deleted.add(run.run_id);
    }
  }

  async beforeCommit(tx: EntityManager): Promise<void> {
    const byWorkflow = this.pending.get(tx);
    if (!byWorkflow) return;
    this.pending.delete(tx);
    const now = new Date();
    for (const wpkId of [...byWorkflow.keys()].sort(compareCodePoints)) {
      await this.apply(tx, wpkId, byWorkflow.get(wpkId)!, now);
    }
  }

  discard(tx: EntityManager): void {
    this.pending.delete(tx);
  }

  private pendingFor(tx: EntityManager, wpkId: string): PendingSummary {
    let byWorkflow = this.pending.get(tx);
    if (!byWorkflow) this.pending.set(tx, (byWorkflow = new Map()));
    let p = byWorkflow.get(wpkId);
    if (!p) byWorkflow.set(wpkId, (p = { total: 0, failed: 0, written: new Map(), deleted: new Set() }));
    return p;
  }

  private async apply(tx: EntityManager, wpkId: string, p: PendingSummary, now: Date): Promise<void> {
    // Only a write registers a workflow; deleting runs of an unknown one changes nothing.
    const stored = await this.workflows.addToCounters(wpkId, { total: p.total, failed: p.failed }, p.written.size > 0, now, tx);
    if (!stored) return;
    const decision = decideLatest({
      stored: stored.last_run_id !== null && stored.last_run_at ? { at: stored.last_run_at, run_id: stored.last_run_id } : undefined,
      written: p.written,
      deleted: p.deleted,
      keyOf: runKey,
    });
    if (decision.kind === 'set') {
      await this.workflows.setLatestRun(wpkId, summaryOf(decision.run), tx);
    } else if (decision.kind === 'recompute') {
      await this.workflows.setLatestRun(wpkId, summaryOf(await this.runs.findLatestForWorkflow(wpkId, tx)), tx);
    }
  }
}

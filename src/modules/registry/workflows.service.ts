import { Injectable } from '@nestjs/common';
import { AppError } from '../../common/errors/app-error';
import { decodeCursor, encodeCursor } from '../../common/pagination/cursor';
import { Database } from '../../database/database.service';
import type { Run } from '../runs/domain/run';
import { RecordResult, RenderedRunPage, RunListQuery, RunsService } from '../runs/runs.service';
import { StatsWindow, successRate, windowStart } from './domain/stats-window';
import { applyWorkflowPatch, newWorkflow, Workflow, WorkflowPatch } from './domain/workflow';
import { NotifyRunDto } from './dto/notify-run.dto';
import { WorkflowFilters, WorkflowsRepository } from './workflows.repository';

export interface WorkflowPage {
  items: Workflow[];
  limit: number;
  next_cursor: string | null;
}

export interface WorkflowStats {
  window: StatsWindow;
  runs: number;
  failures: number;
  success_rate: number | null;
  duration_ms: { p50: number | null; p95: number | null; max: number | null };
  usage: { input_tokens: number; output_tokens: number; total_tokens: number; cost_usd: number | null };
}

@Injectable()
export class WorkflowsService {
  constructor(
    private readonly repository: WorkflowsRepository,
    private readonly runs: RunsService,
    private readonly db: Database,
  ) {}

  /**
   * Registers a workflow, or updates the descriptive fields of a registered one (absent fields are
   * kept). Registering an archived workflow brings it back.
   */
  async register(id: string, patch: WorkflowPatch): Promise<{ workflow: Workflow; created: boolean }> {
    return this.db.write(async (tx) => {
      const now = new Date();
      const candidate = newWorkflow(id, patch, now);
      if (await this.repository.insertIfAbsent(candidate, tx)) return { workflow: candidate, created: true };
      const stored = await this.repository.findForUpdate(id, tx);
      if (!stored) throw new Error(`workflow ${id} vanished between insert and update`);
      const updated = { ...applyWorkflowPatch(stored, patch, now), archived_at: null };
      await this.repository.updateDescription(updated, tx);
      return { workflow: updated, created: false };
    });
  }

  async get(id: string): Promise<Workflow> {
    const workflow = await this.repository.findById(id);
    if (!workflow) throw notFound(id);
    return workflow;
  }

  async update(id: string, patch: WorkflowPatch): Promise<Workflow> {
    return this.db.write(async (tx) => {
      const stored = await this.repository.findForUpdate(id, tx);
      if (!stored) throw notFound(id);
      const updated = applyWorkflowPatch(stored, patch, new Date());
      await this.repository.updateDescription(updated, tx);
      return updated;
    });
  }

  /** Archives the workflow (idempotent: archiving again keeps the first archived_at). Its runs stay. */
  async archive(id: string): Promise<Workflow> {
    return this.db.write(async (tx) => {
      const stored = await this.repository.findForUpdate(id, tx);
      if (!stored) throw notFound(id);
      if (stored.archived_at) return stored;
      const now = new Date();
      const archived = { ...stored, archived_at: now, updated_at: now };
      await this.repository.updateDescription(archived, tx);
      return archived;
    });
  }

  async list(filters: WorkflowFilters, limit = 20, cursor?: string): Promise<WorkflowPage> {
    const after = cursor === undefined ? undefined : (decodeCursor(cursor, ['string'])[0] as string);
    const rows = await this.repository.findPage(filters, limit + 1, after);
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return { items, limit, next_cursor: rows.length > limit && last ? encodeCursor([last.id]) : null };
  }

  /** The workflow's run history: GET /runs with wpk_id fixed. */
  /**
   * Every stored run's workflow is registered: the summary hook registers it in the run's own write,
   * or refuses the run, and workflows are archived, never deleted. So a page with runs proves the
   * workflow exists, and only an empty page costs the existence check.
   */
  async listRuns(id: string, query: Omit<RunListQuery, 'wpk_id' | 'run_id' | 'tag' | 'model'>): Promise<RenderedRunPage> {
    const page = await this.runs.listRendered({ ...query, wpk_id: id });
    if (page.items.length === 0) await this.mustExist(id);
    return page;
  }

  async latestRun(id: string): Promise<Run> {
    const workflow = await this.get(id);
    const run = workflow.last_run_id === null ? undefined : await this.runs.findByRunId(id, workflow.last_run_id);
    if (!run) throw new AppError('RUN_NOT_FOUND', `workflow ${id} has no run`);
    return run;
  }

  /**
   * The runtime agent's callback: records the run under the workflow in the path, through the same
   * write (and summary hook) as POST /runs. An unknown workflow with auto-registration off is
   * refused by the hook.
   */
  notify(id: string, body: NotifyRunDto): Promise<RecordResult> {
    return this.runs.record({ ...body, wpk_id: id });
  }

  async stats(id: string, window: StatsWindow, now = new Date()): Promise<WorkflowStats> {
    await this.mustExist(id);
    const s = await this.runs.windowStats(id, windowStart(window, now), [0.5, 0.95]);
    return {
      window,
      runs: s.runs,
      failures: s.failures,
      success_rate: successRate(s.completed, s.runs),
      duration_ms: { p50: s.percentiles[0], p95: s.percentiles[1], max: s.max_duration_ms },
      usage: { input_tokens: s.input_tokens, output_tokens: s.output_tokens, total_tokens: s.total_tokens, cost_usd: s.cost_usd },
    };
  }

  private async mustExist(id: string): Promise<void> {
    if (!(await this.repository.exists(id))) throw notFound(id);
  }
}

function notFound(id: string): AppError {
  return new AppError('WORKFLOW_NOT_FOUND', `no workflow with id ${id}`);
}

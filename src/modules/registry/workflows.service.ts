import { Injectable } from '@nestjs/common';
import { AppError } from '../../common/errors/app-error';
import { decodeCursor, encodeCursor } from '../../common/pagination/cursor';
import { Database } from '../../database/database.service';
import type { Run } from '../runs/domain/run';
import { RecordResult, RunListQuery, RunPage, RunsService } from '../runs/runs.service';
import { failureRatio, planMetricsRange } from './domain/metrics-range';
import { StatsWindow, successRate, windowStart } from './domain/stats-window';
import { applyWorkflowPatch, newWorkflow, Workflow, WorkflowPatch } from './domain/workflow';
import { NotifyRunDto } from './dto/notify-run.dto';
import { WorkflowFilters, WorkflowsRepository } from './workflows.repository';

export interface WorkflowPage {
  items: Workflow[];
  limit: number;
  next_cursor: string | null;
}

export interface MetricBucket {
  at: Date;
  runs: number;
  completed: number;
  failed: number;
  running: number;
  failure_ratio: number | null;
  duration_p50_ms: number | null;
  duration_p95_ms: number | null;
  total_tokens: number;
  cost_usd: number | null;
}

export interface WorkflowMetrics {
  step: string;
  from: Date;
  to: Date;
  buckets: MetricBucket[];
}

export interface Stats24h {
  runs: number;
  failed: number;
  duration_p95_ms: number | null;
  /** 24 counts, oldest hour first */
  hourly: number[];
}

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

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

  /**
   * The last 24 h of each workflow: runs, failures and p95 duration over the day, and runs per hour
   * (hour i covers [now − 24 h + i h, now − 23 h + i h)). Two grouped reads for the whole page.
   */
  async stats24h(ids: readonly string[], now = new Date()): Promise<Map<string, Stats24h>> {
    const from = new Date(now.getTime() - DAY_MS);
    const [hourly, day] = await Promise.all([
      this.runs.bucketStats(ids, from, now, HOUR_MS, false),
      this.runs.bucketStats(ids, from, now, DAY_MS, true),
    ]);
    const out = new Map<string, Stats24h>(ids.map((id) => [id, { runs: 0, failed: 0, duration_p95_ms: null, hourly: new Array<number>(24).fill(0) }]));
    for (const b of hourly) {
      const stats = out.get(b.wpk_id);
      if (stats && b.bucket >= 0 && b.bucket < 24) stats.hourly[b.bucket] = b.runs;
    }
    for (const b of day) {
      const stats = out.get(b.wpk_id);
      if (stats && b.bucket === 0) Object.assign(stats, { runs: b.runs, failed: b.failed, duration_p95_ms: b.p95 });
    }
    return out;
  }

  /**
   * The workflow's runs bucketed by when they happened over [from, to): every bucket of the range,
   * empty ones with zeros. 400 naming the field when the range is empty or has too many buckets.
   */
  async metrics(id: string, query: { from?: Date; to?: Date; step?: string }, now = new Date()): Promise<WorkflowMetrics> {
    const range = planMetricsRange(query, now);
    if (Array.isArray(range)) throw AppError.validation(range);
    await this.mustExist(id);
    const rows = await this.runs.bucketStats([id], new Date(range.startMs), new Date(range.endMs), range.stepMs, true);
    const byBucket = new Map(rows.map((r) => [r.bucket, r]));
    const buckets: MetricBucket[] = [];
    for (let i = 0; i < range.buckets; i++) {
      const r = byBucket.get(i);
      buckets.push({
        at: new Date(range.startMs + i * range.stepMs),
        runs: r?.runs ?? 0,
        completed: r?.completed ?? 0,
        failed: r?.failed ?? 0,
        running: r?.running ?? 0,
        failure_ratio: r ? failureRatio(r.failed, r.runs, r.running) : null,
        duration_p50_ms: r?.p50 ?? null,
        duration_p95_ms: r?.p95 ?? null,
        total_tokens: r?.total_tokens ?? 0,
        cost_usd: r?.cost_usd ?? null,
      });
    }
    return { step: range.step, from: new Date(range.startMs), to: new Date(range.endMs), buckets };
  }

  /**
   * The workflow's run history: GET /runs with wpk_id fixed.
   *
   * Every stored run's workflow is registered: the summary hook registers it in the run's own write,
   * or refuses the run, and workflows are archived, never deleted. So a page with runs proves the
   * workflow exists, and only an empty page costs the existence check.
   */
  async listRuns(id: string, query: Omit<RunListQuery, 'wpk_id' | 'run_id' | 'model'>): Promise<RunPage> {
    const page = await this.runs.list({ ...query, wpk_id: id });
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

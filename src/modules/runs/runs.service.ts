import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AppError, FieldError } from '../../common/errors/app-error';
import { decodeTimeIdCursor, encodeCursor } from '../../common/pagination/cursor';
import { parseTimestamp } from '../../common/validation/timestamps';
import { findUnstorable } from '../../common/validation/storable';
import { validateDto } from '../../common/validation/validation.pipe';
import { MetricsService } from '../../common/metrics/metrics.service';
import { GroupCommit } from '../../common/perf/group-commit';
import { hotPath } from '../../common/perf/hot-path';
import { AppConfig } from '../../config/config';
import { Database, Queryable } from '../../database/database.service';
import { MAX_OFFSET_ROWS, offsetOfPage } from './domain/offset-paging';
import { canCreate, mergeRun, newRun, Run, RunPatch } from './domain/run';
import { validateNodeLogs } from './domain/node-logs';
import { PriceTable, priceReported, ReportedUsage } from './domain/pricing';
import { normalizeUsage, RunUsage, sortedModels } from './domain/usage';
import { redact } from './domain/redaction';
import { CreateRunDto } from './dto/create-run.dto';
import { FailedRunRef, RunBucketStats, RunFilters, RunPageRequest, RunsRepository, RunSummary, RunWindowStats } from './runs.repository';
import { CREATED_RUN_COLUMNS, RunWriteHooks } from './run-write-hooks';

export interface RecordResult {
  run: Run;
  created: boolean;
}

export interface BatchItemResult {
  index: number;
  result: 'created' | 'updated' | 'error';
  id?: string;
  error?: { code: string; message: string; details?: unknown };
}

/** What a caller of `inWriteTransaction` writes runs with, inside that one transaction. */
export interface RunWriter {
  tx: EntityManager;
  /** Stores a patch as record() does (hooks included); a run it creates gets `id` when given. */
  write(patch: RunPatch, id?: string): Promise<RecordResult>;
  /** Deletes the run (hooks included); the deleted run, or undefined when there was none. */
  remove(wpkId: string, runId: string): Promise<Run | undefined>;
}

export interface RunListQuery extends RunFilters {
  limit?: number;
  cursor?: string;
  page?: number;
}

/** A page of runs. */
export interface Page<T> {
  items: T[];
  limit: number;
  next_cursor: string | null;
  page?: number;
  total?: number;
  /** with `page`: true when `total` is an estimate (more runs match than the bounded count reads) */
  total_estimated?: boolean;
}

export type RunPage = Page<RunSummary>;

const RETENTION_BATCH = 1000;

@Injectable()
export class RunsService {
  private readonly logger = new Logger(RunsService.name);
  private readonly redactKeys: ReadonlySet<string>;
  /** MODEL_PRICES_FILE, or undefined: no costs are computed */
  readonly prices: PriceTable | undefined;
  /**
   * Concurrent `POST /runs` calls written together when they arrive while earlier writes are under
   * way (src/common/perf/group-commit.ts): on PostgreSQL new runs in one statement; on SQLite (one
   * writer at a time, and each commit writes its pages to the log) the writes in one transaction.
   * On PostgreSQL a second statement goes out while one is in flight only once 16 runs wait: a
   * second slot that took each newcomer alone halved the groups and cost a statement per request.
   * Alternating 5 s loads of 64 connections on this machine (req/s, median of the repeats): empty
   * tables 2,188 against 1,988 with the second slot taking any group and 2,058 with one slot (6
   * repeats); 1M runs in the tables 2,183 against 1,912 and 2,096 (5 repeats).
   */
  readonly creates = new GroupCommit<Run, boolean>(
    async (runs) => {
      const created = await this.createInOneStatement(runs);
      return runs.map((run) => created?.has(run.id) ?? false);
    },
    (run) => `${run.wpk_id}\u0000${run.run_id}`,
    { slots: 2, busyMinGroup: 16, maxGroup: 256, onGroup: (size) => this.metrics.runWriteGroupSize.observe(size) },
  );
  readonly transactions = new GroupCommit<RunPatch, RecordResult | AppError>(
    (patches) => this.writeInOneTransaction(patches),
    (patch) => `${patch.wpk_id}\u0000${patch.run_id}`,
    { slots: 1, maxGroup: 256, gatherOneTurn: true, onGroup: (size) => this.metrics.runWriteGroupSize.observe(size) },
  );

  constructor(
    private readonly repository: RunsRepository,
    private readonly db: Database,
    private readonly hooks: RunWriteHooks,
    private readonly metrics: MetricsService,
    private readonly config: AppConfig,
  ) {
    this.redactKeys = new Set(config.redactKeys);
    this.prices = config.modelPrices ? new PriceTable(config.modelPrices) : undefined;
  }

  /**
   * Usage and models as stored: token totals filled in, models distinct and sorted, and costs the
   * write does not give priced from the table (node logs first, as the run's cost may be theirs).
   */
  private reportedUsage(dto: CreateRunDto, nodeLogs: unknown[] | null | undefined): { usage?: RunUsage | null; models?: string[] | null; node_logs?: unknown[] | null } {
    const reported: ReportedUsage[] = [];
    const logs = nodeLogs?.map((item) => {
      const log = item as Record<string, unknown>;
      if ((log.usage === undefined || log.usage === null) && (log.models === undefined || log.models === null)) return item;
      const models = Array.isArray(log.models) ? sortedModels(log.models as string[]) : null;
      const usage = log.usage ? priceReported({ usage: normalizeUsage(log.usage as Record<string, unknown>), models }, [], this.prices) : null;
      reported.push({ usage, models });
      return { ...log, ...(log.usage === undefined ? {} : { usage }), ...(log.models === undefined ? {} : { models }) };
    });
    const models = dto.models === undefined || dto.models === null ? dto.models : sortedModels(dto.models);
    const usage = dto.usage === undefined || dto.usage === null ? dto.usage : priceReported({ usage: normalizeUsage(dto.usage), models: models ?? null }, reported, this.prices);
    return { usage, models, node_logs: nodeLogs === undefined || nodeLogs === null ? nodeLogs : logs };
  }

  /** A payload with the values of REDACT_KEYS keys masked, as every run write stores it. */
  redactPayload<T>(value: T): T {
    return value === undefined || value === null ? value : (redact(value, this.redactKeys) as T);
  }

  /** A validated DTO as a patch: node logs checked, secrets redacted, timestamps parsed. */
  toPatch(dto: CreateRunDto): RunPatch {
    const nodeLogErrors = validateNodeLogs(dto.node_logs);
    if (nodeLogErrors.length) throw AppError.validation(nodeLogErrors);
    const keys = this.redactKeys;
    const time = (v: string | null | undefined) => (v === undefined ? undefined : v === null ? null : parseTimestamp(v)!);
    const { usage, models, node_logs } = this.reportedUsage(dto, dto.node_logs === undefined ? undefined : (redact(dto.node_logs, keys) as unknown[] | null));
    return {
      wpk_id: dto.wpk_id,
      run_id: dto.run_id,
      status: dto.status,
      inputs: dto.inputs === undefined ? undefined : redact(dto.inputs, keys),
      outputs: dto.outputs === undefined ? undefined : redact(dto.outputs, keys),
      duration_ms: dto.duration_ms,
      node_logs,
      error: dto.error,
      tags: dto.tags,
      metadata: dto.metadata === undefined ? undefined : (redact(dto.metadata, keys) as Record<string, unknown> | null),
      usage,
      models,
      started_at: time(dto.started_at),
      ended_at: time(dto.ended_at),
      created_at: dto.created_at ? parseTimestamp(dto.created_at) : undefined,
    };
  }

  /** Validates one raw batch item exactly as POST /runs would. */
  async validateItem(raw: unknown, field = ''): Promise<RunPatch> {
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
      throw AppError.field(field || 'body', 'must be a JSON object');
    }
    const bad = findUnstorable(raw);
    if (bad) throw AppError.validation([bad]);
    if (['__proto__', 'constructor', 'prototype'].some((k) => Object.prototype.hasOwnProperty.call(raw, k))) {
      throw AppError.field('body', 'has an unknown field');
    }
    return this.toPatch(await validateDto(CreateRunDto, raw));
  }

  /**
   * On PostgreSQL a new run is one autocommitted statement: the insert and every hook's work for it
   * (workflow summary, embedding outbox). A run that exists already, SQLite, and writes a hook
   * cannot fold into that statement take the transaction path: lock, merge, hooks, commit.
   */
  async record(dto: CreateRunDto): Promise<RecordResult> {
    const patch = this.toPatch(dto);
    const candidate = canCreate(patch) ? newRun(randomUUID(), patch, new Date()) : undefined;
    const created = candidate && (await this.createOne(candidate));
    const result = candidate && created ? { run: candidate, created: true } : await this.writeInTransaction(patch);
    this.count(result);
    return result;
  }

  /** The transaction path of one write; on SQLite shared with concurrent calls' writes when the `group-commit` change is on. */
  private async writeInTransaction(patch: RunPatch): Promise<RecordResult> {
    if (this.db.isPostgres || !hotPath('group-commit')) return this.db.write((tx) => this.hooks.inTransaction(tx, () => this.writeOne(patch, tx)));
    const result = await this.transactions.submit(patch);
    if (result instanceof AppError) throw result;
    return result;
  }

  /**
   * The patches written in order in one transaction; a refusal decided before any statement ran
   * (an AppError) is that patch's answer and leaves the others' writes in place.
   */
  private writeInOneTransaction(patches: readonly RunPatch[]): Promise<Array<RecordResult | AppError>> {
    return this.db.write((tx) =>
      this.hooks.inTransaction(tx, async () => {
        const results: Array<RecordResult | AppError> = [];
        for (const patch of patches) {
          try {
            results.push(await this.writeOne(patch, tx));
          } catch (err) {
            if (!(err instanceof AppError)) throw err;
            results.push(err);
          }
        }
        return results;
      }),
    );
  }

  /**
   * Each item is validated on its own. On PostgreSQL the new runs among the valid ones are inserted
   * first, in one statement with their hooks' work; the rest (and everything, elsewhere) are written
   * in one transaction, in order, so a repeated (wpk_id, run_id) later in the batch updates the run
   * the earlier item created. Per key the order of writes is the batch's order either way, so the
   * stored result is the same; a retry after a failure between the two converges on it too. Only
   * the first item of a key may take the one-statement path, and only with a status: an item
   * without one updates a run that exists by its turn in the batch, or is refused.
   */
  async recordBatch(items: unknown[]): Promise<{ items: BatchItemResult[]; created: number; updated: number; failed: number }> {
    const results: BatchItemResult[] = new Array(items.length);
    let valid: Array<{ index: number; patch: RunPatch }> = [];
    for (let index = 0; index < items.length; index++) {
      try {
        valid.push({ index, patch: await this.validateItem(items[index]) });
      } catch (err) {
        results[index] = { index, result: 'error', error: this.itemError(err) };
      }
    }
    const written: RecordResult[] = [];
    const now = new Date();
    const seen = new Set<string>();
    const candidates = new Map<number, Run>();
    for (const { index, patch } of valid) {
      const key = `${patch.wpk_id}\u0000${patch.run_id}`;
      if (!seen.has(key) && canCreate(patch)) candidates.set(index, newRun(randomUUID(), patch, now));
      seen.add(key);
    }
    const created = await this.createInOneStatement([...candidates.values()]);
    if (created) {
      valid = valid.filter(({ index }) => {
        const candidate = candidates.get(index);
        if (!candidate || !created.has(candidate.id)) return true;
        written.push({ run: candidate, created: true });
        results[index] = { index, result: 'created', id: candidate.id };
        return false;
      });
    }
    if (valid.length) {
      await this.db.write((tx) => this.hooks.inTransaction(tx, async () => {
        for (const { index, patch } of valid) {
          try {
            const result = await this.writeOne(patch, tx);
            written.push(result);
            results[index] = { index, result: result.created ? 'created' : 'updated', id: result.run.id };
          } catch (err) {
            // Only refusals decided before any statement ran (AppError) leave the transaction usable.
            if (!(err instanceof AppError)) throw err;
            results[index] = { index, result: 'error', error: this.itemError(err) };
          }
        }
      }));
    }
    written.forEach((r) => this.count(r));
    const createdCount = results.filter((r) => r.result === 'created').length;
    const updated = results.filter((r) => r.result === 'updated').length;
    return { items: results, created: createdCount, updated, failed: items.length - createdCount - updated };
  }

  /** PostgreSQL: whether the run was new and is now stored, written with the new runs of concurrent calls when the `group-commit` change is on. */
  private async createOne(run: Run): Promise<boolean> {
    if (!this.db.isPostgres) return false;
    if (hotPath('group-commit')) return this.creates.submit(run);
    return (await this.createInOneStatement([run]))?.has(run.id) ?? false;
  }

  /** PostgreSQL: inserts the runs not stored yet in one statement; the ids inserted, or undefined when this write cannot. */
  private async createInOneStatement(runs: Run[]): Promise<Set<string> | undefined> {
    if (!this.db.isPostgres || !runs.length) return undefined;
    return this.repository.insertNewInOneStatement(runs, CREATED_RUN_COLUMNS, (params) => this.hooks.createdRunsStatements(runs, params));
  }

  private itemError(err: unknown): { code: string; message: string; details?: unknown } {
    if (err instanceof AppError) {
      return err.details === undefined ? { code: err.code, message: err.message } : { code: err.code, message: err.message, details: err.details };
    }
    throw err;
  }

  /**
   * Runs `work` in one run-write transaction: what it writes through the writer commits or rolls
   * back together with whatever else it does on `writer.tx`. An AppError a hook throws before a
   * write (an unregistered workflow) leaves the transaction usable.
   */
  async inWriteTransaction<T>(work: (writer: RunWriter) => Promise<T>): Promise<T> {
    const written: RecordResult[] = [];
    const result = await this.db.write((tx) =>
      this.hooks.inTransaction(tx, () =>
        work({
          tx,
          write: async (patch, id) => {
            const r = await this.writeOne(patch, tx, id);
            written.push(r);
            return r;
          },
          remove: async (wpkId, runId) => {
            const stored = await this.repository.findForUpdate(wpkId, runId, tx);
            if (!stored) return undefined;
            await this.repository.deleteByIds([stored.id], tx);
            await this.hooks.afterDelete(tx, { deleted: [stored] });
            return stored;
          },
        }),
      ),
    );
    written.forEach((r) => this.count(r));
    return result;
  }

  private async writeOne(patch: RunPatch, tx: EntityManager, id: string = randomUUID()): Promise<RecordResult> {
    await this.hooks.beforeWrite(tx, patch.wpk_id);
    const now = new Date();
    if (canCreate(patch)) {
      const candidate = newRun(id, patch, now);
      if (await this.repository.insertIfAbsent(candidate, tx)) {
        await this.hooks.afterWrite(tx, { previous: undefined, current: candidate });
        return { run: candidate, created: true };
      }
    }
    const stored = await this.repository.findForUpdate(patch.wpk_id, patch.run_id, tx);
    if (!stored) {
      // a refusal before anything was written: the batch's transaction stays usable
      if (!canCreate(patch)) throw AppError.field('status', 'is required to create a run');
      throw new Error(`run ${patch.wpk_id}/${patch.run_id} vanished between insert and update`);
    }
    const merged = mergeRun(stored, patch, now);
    await this.repository.update(merged, stored, tx);
    await this.hooks.afterWrite(tx, { previous: stored, current: merged });
    return { run: merged, created: false };
  }

  private count(result: RecordResult): void {
    this.metrics.runsIngested.inc({ status: result.run.status, result: result.created ? 'created' : 'updated' });
  }

  async get(id: string): Promise<Run> {
    const run = await this.repository.findById(id);
    if (!run) throw new AppError('RUN_NOT_FOUND', `no run with id ${id}`);
    return run;
  }

  /** The summaries of those of the runs that exist, by id (one read for all of them). */
  async summariesOf(ids: readonly string[]): Promise<Map<string, RunSummary>> {
    const out = new Map<string, RunSummary>();
    for (const run of await this.repository.findSummariesByIds(ids)) out.set(run.id, run);
    return out;
  }

  /** The run a workflow calls `run_id`, if stored. */
  findByRunId(wpkId: string, runId: string): Promise<Run | undefined> {
    return this.repository.findByRunId(wpkId, runId);
  }

  /**
   * The workflow's latest run: the greatest (started_at ?? created_at, run_id), run_id compared in
   * code-point order on both drivers. Pass the transaction to see its uncommitted writes.
   */
  findLatestForWorkflow(wpkId: string, on?: Queryable): Promise<RunSummary | undefined> {
    return this.repository.findLatestForWorkflow(wpkId, on);
  }

  /** Counts and nearest-rank duration percentiles over a workflow's runs whose started_at ?? created_at is at or after `since`. */
  windowStats(wpkId: string, since: Date, fractions: readonly number[]): Promise<RunWindowStats> {
    return this.repository.windowStats(wpkId, since, fractions);
  }

  /**
   * Per workflow and bucket of `stepMs` from `from`, figures of the runs that happened (see
   * happenedAt) in [from, to); buckets without runs are left out.
   */
  bucketStats(wpkIds: readonly string[], from: Date, to: Date, stepMs: number, percentiles: boolean): Promise<RunBucketStats[]> {
    return this.repository.bucketStats(wpkIds, from, to, stepMs, percentiles);
  }

  /** The workflow's latest `limit` failed runs that happened in [from, to), latest first. */
  latestFailed(wpkId: string, from: Date, to: Date, limit: number): Promise<FailedRunRef[]> {
    return this.repository.findLatestFailed(wpkId, from, to, limit);
  }

  /** A page of runs as domain summaries. */
  list(query: RunListQuery): Promise<RunPage> {
    return this.page(query, (filters, page) => this.repository.findPage(filters, page), (run) => [run.created_at.toISOString(), run.id]);
  }

  /** Paging: the seed's offset `page` with its total, or a keyset cursor of (created_at ISO, id). */
  private async page<T>(
    query: RunListQuery,
    fetch: (filters: RunFilters, page: RunPageRequest) => Promise<T[]>,
    sortKey: (item: T) => [string, string],
  ): Promise<Page<T>> {
    const limit = query.limit ?? 20;
    if (query.page !== undefined && query.cursor !== undefined) {
      throw AppError.validation([
        { field: 'page', message: 'cannot be combined with cursor' },
        { field: 'cursor', message: 'cannot be combined with page' },
      ]);
    }
    const filters: RunFilters = {
      wpk_id: query.wpk_id,
      run_id: query.run_id,
      status: query.status,
      since: query.since,
      until: query.until,
      tag: query.tag,
      model: query.model,
    };
    if (query.page !== undefined) {
      const offset = offsetOfPage(query.page, limit);
      const [rows, count] = await Promise.all([fetch(filters, { limit: limit + 1, offset }), this.repository.countUpTo(filters, MAX_OFFSET_ROWS)]);
      const items = rows.slice(0, limit);
      const last = items[items.length - 1];
      // past the deepest offset page, paging goes on with this cursor
      const next_cursor = rows.length > limit && last ? encodeCursor(sortKey(last)) : null;
      return { items, limit, next_cursor, page: query.page, total: count.total, total_estimated: count.estimated };
    }
    const after = query.cursor ? decodeTimeIdCursor(query.cursor) : undefined;
    const rows = await fetch(filters, { limit: limit + 1, after });
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    const next_cursor = rows.length > limit && last ? encodeCursor(sortKey(last)) : null;
    return { items, limit, next_cursor };
  }

  /** Deletes runs older than the retention period in bounded batches; returns how many went. */
  async purgeExpired(now = new Date()): Promise<number> {
    const days = this.config.runRetentionDays;
    if (!days) return 0;
    const cutoff = new Date(now.getTime() - days * 86_400_000);
    let total = 0;
    for (;;) {
      const deleted = await this.db.write((tx) => this.hooks.inTransaction(tx, async () => {
        const expired = await this.repository.findExpired(cutoff, RETENTION_BATCH, tx);
        await this.repository.deleteByIds(expired.map((r) => r.id), tx);
        if (expired.length) await this.hooks.afterDelete(tx, { deleted: expired });
        return expired.length;
      }));
      total += deleted;
      if (deleted < RETENTION_BATCH) break;
    }
    if (total) this.logger.log(`retention: deleted ${total} runs created before ${cutoff.toISOString()}`);
    return total;
  }
}

export type { FailedRunRef, RunBucketStats } from './runs.repository';

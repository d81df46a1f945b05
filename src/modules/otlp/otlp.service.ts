import { Injectable, Logger } from '@nestjs/common';
import { AppError } from '../../common/errors/app-error';
import { MetricsService } from '../../common/metrics/metrics.service';
import { findUnstorable } from '../../common/validation/storable';
import { AppConfig } from '../../config/config';
import type { RunPatch } from '../runs/domain/run';
import { RunsService, RunWriter } from '../runs/runs.service';
import { DecodedExport, readExport } from './domain/otlp-request';
import { isReadAttribute, SpanFacts, spanFacts, traceToRun, TraceRun } from './domain/trace-mapping';
import { OtlpCodec, OtlpDecodeError, OtlpEncoding } from './otlp-codec';
import { OtlpSpansRepository } from './otlp-spans.repository';
import { OtlpTracesRepository, TraceRow } from './otlp-traces.repository';

export interface ExportOutcome {
  /** spans not stored: over a limit, unusable, or of a workflow that may not record runs */
  rejected: number;
  /** why, for partial_success; empty when everything was taken as sent */
  message: string;
}

/** Traces one sweep marks or drops at most, per transaction. */
const SWEEP_BATCH = 200;
/** A trace that never made a run (its workflow not registered) is dropped after a day without spans. */
const ABANDONED_AFTER_MS = 86_400_000;
const MAX_MESSAGE_CHARS = 2_000;
/**
 * Exports decoded and written at once, at most; more are answered 429 with Retry-After (standard
 * exporters back off and retry), which bounds the memory held by bodies waiting on the database.
 */
export const MAX_CONCURRENT_EXPORTS = 32;

/** A span says something a run needs: without one, a trace nobody has seen makes no run. */
const isRelevant = (f: SpanFacts) => f.agent || f.langgraph !== undefined || f.model !== undefined || f.genai_step !== undefined || f.wpk_id !== undefined || f.run_id !== undefined;

/**
 * OTLP traces into runs. Each export is one run-write transaction: per trace (in id order, each
 * trace row locked) the spans not seen before are added to the ones stored, the trace is mapped
 * again as a whole (domain/trace-mapping.ts) and its run written with every field replaced. A
 * span id seen twice changes nothing, so an exporter's retry is free; a root arriving late
 * completes the run, and moves it when the root names another workflow than the first spans did.
 */
@Injectable()
export class OtlpService {
  private readonly logger = new Logger(OtlpService.name);
  private inFlight = 0;

  constructor(
    private readonly runs: RunsService,
    private readonly traces: OtlpTracesRepository,
    private readonly spans: OtlpSpansRepository,
    private readonly config: AppConfig,
    private readonly metrics: MetricsService,
    private readonly codec: OtlpCodec,
  ) {}

  /** An OTLP/HTTP body (protobuf or OTLP/JSON), decoded and exported. */
  async exportBody(body: Buffer, encoding: OtlpEncoding): Promise<ExportOutcome> {
    return this.admitted(() => {
      let request: DecodedExport;
      try {
        request = this.codec.decode(body, encoding);
      } catch (err) {
        if (err instanceof OtlpDecodeError) throw new AppError('MALFORMED_OTLP', err.message);
        throw err;
      }
      return this.export(request);
    });
  }

  /** Runs an export unless MAX_CONCURRENT_EXPORTS are running already (429 OTLP_BUSY). */
  async admitted<T>(work: () => Promise<T>): Promise<T> {
    if (this.inFlight >= MAX_CONCURRENT_EXPORTS) {
      throw new AppError('OTLP_BUSY', `${MAX_CONCURRENT_EXPORTS} exports are being written; retry shortly`, undefined, 1);
    }
    this.inFlight++;
    try {
      return await work();
    } finally {
      this.inFlight--;
    }
  }

  async export(request: DecodedExport): Promise<ExportOutcome> {
    const read = readExport(
      request,
      { maxSpans: this.config.otlp.maxSpansPerRequest, maxAttributes: this.config.otlp.maxAttributesPerSpan, maxValueBytes: this.config.maxBodyBytes },
      isReadAttribute,
    );
    const problems = [...read.problems];
    let rejected = read.rejected;
    const byTrace = new Map<string, Map<string, SpanFacts>>();
    for (const span of read.spans) {
      const facts = spanFacts(span);
      if (facts.inputs !== undefined) facts.inputs = this.runs.redactPayload(facts.inputs);
      if (facts.outputs !== undefined) facts.outputs = this.runs.redactPayload(facts.outputs);
      const bad = findUnstorable(facts);
      if (bad) {
        rejected++;
        problems.push(`span ${span.span_id} rejected: ${bad.field} ${bad.message}`);
        continue;
      }
      let spans = byTrace.get(span.trace_id);
      if (!spans) byTrace.set(span.trace_id, (spans = new Map()));
      if (!spans.has(facts.span_id)) spans.set(facts.span_id, facts);
    }
    let ignored = 0;
    if (byTrace.size) {
      const outcome = await this.runs.inWriteTransaction((w) => this.exportTraces(byTrace, w));
      rejected += outcome.rejected;
      problems.push(...outcome.problems);
      ignored = outcome.ignored;
    }
    this.metrics.otlpSpans.inc({ result: 'ignored' }, ignored);
    this.metrics.otlpSpans.inc({ result: 'rejected' }, rejected);
    this.metrics.otlpSpans.inc({ result: 'accepted' }, read.spans.length + read.rejected - rejected - ignored);
    let message = problems.join('; ');
    if (message.length > MAX_MESSAGE_CHARS) message = `${message.slice(0, MAX_MESSAGE_CHARS)}…`;
    return { rejected, message };
  }

  private async exportTraces(byTrace: Map<string, Map<string, SpanFacts>>, w: RunWriter): Promise<{ rejected: number; ignored: number; problems: string[] }> {
    const now = new Date();
    const ids = [...byTrace.keys()].sort();
    const relevant = ids.filter((id) => [...byTrace.get(id)!.values()].some(isRelevant));
    const rows = await this.traces.lock(ids, relevant, now, w.tx);
    let rejected = 0;
    let ignored = 0;
    const problems: string[] = [];
    const storedByTrace = await this.spans.findFactsOf([...rows.keys()], w.tx);
    const toInsert: Array<readonly [string, SpanFacts]> = [];
    const toSave: TraceRow[] = [];
    for (const traceId of ids) {
      const incoming = byTrace.get(traceId)!;
      const row = rows.get(traceId);
      if (!row) {
        // nothing of it is an agent, graph, node or model span, and no earlier export said so
        ignored += incoming.size;
        continue;
      }
      const stored = storedByTrace.get(traceId) ?? [];
      const known = new Set(stored.map((f) => f.span_id));
      const fresh = [...incoming.values()].filter((f) => !known.has(f.span_id));
      if (!fresh.length) continue;
      const view = traceToRun(traceId, [...stored, ...fresh], this.runs.prices);
      try {
        await this.writeRun(row, view, w, now);
      } catch (err) {
        if (!(err instanceof AppError) || err.code !== 'WORKFLOW_NOT_FOUND') throw err;
        if (!view.rooted) {
          // the workflow the first spans point to may not record runs; the root may name another
          this.logger.debug(`trace ${traceId}: waiting for its root span (workflow ${view.wpk_id} is not registered)`);
        } else {
          rejected += fresh.length;
          problems.push(`workflow "${view.wpk_id}" is not registered and REGISTRY_AUTO_REGISTER is off: the ${fresh.length} spans of trace ${traceId} were rejected`);
          await this.dropTrace(row, w);
          continue;
        }
      }
      for (const f of fresh) toInsert.push([traceId, f]);
      toSave.push({ ...row, rooted: view.rooted, updated_at: now });
    }
    await this.spans.insertMany(toInsert, w.tx);
    await this.traces.saveMany(toSave, w.tx);
    return { rejected, ignored, problems };
  }

  /** Writes the trace's run under its current key (moving it off an earlier one) and points the row at it. */
  private async writeRun(row: TraceRow, view: TraceRun, w: RunWriter, now: Date): Promise<void> {
    const { run } = await w.write(this.patchOf(row, view));
    const previous = row.run_uuid !== null && row.wpk_id !== null && row.run_id !== null && (row.wpk_id !== run.wpk_id || row.run_id !== run.run_id) ? { wpk_id: row.wpk_id, run_id: row.run_id, uuid: row.run_uuid } : undefined;
    Object.assign(row, { wpk_id: run.wpk_id, run_id: run.run_id, run_uuid: run.id, updated_at: now });
    if (previous) {
      // the row points at the new run first, so deleting the old one leaves the trace alone
      await this.traces.save(row, w.tx);
      const removed = await w.remove(previous.wpk_id, previous.run_id);
      if (removed && removed.id !== previous.uuid) this.logger.warn(`trace ${row.trace_id}: removed run ${previous.wpk_id}/${previous.run_id}, which another writer had replaced`);
    }
  }

  private patchOf(row: TraceRow, view: TraceRun): RunPatch {
    const metadata: Record<string, unknown> = { otlp_trace_id: row.trace_id, otlp_spans: view.spans };
    if (!view.rooted && row.root_missing) metadata.otlp_root_missing = true;
    return {
      wpk_id: view.wpk_id,
      run_id: view.run_id,
      status: view.status,
      inputs: this.runs.redactPayload(view.inputs),
      outputs: this.runs.redactPayload(view.outputs),
      duration_ms: view.duration_ms,
      node_logs: view.node_logs,
      error: view.error,
      metadata,
      usage: view.usage,
      models: view.models,
      started_at: view.started_at,
      ended_at: view.ended_at,
    };
  }

  /** A trace whose root names a workflow that may not record runs: its spans and any run made before the root came go. */
  private async dropTrace(row: TraceRow, w: RunWriter): Promise<void> {
    await this.spans.deleteByTraces([row.trace_id], w.tx);
    await this.traces.deleteByIds([row.trace_id], w.tx);
    if (row.wpk_id !== null && row.run_id !== null && row.run_uuid !== null) await w.remove(row.wpk_id, row.run_id);
  }

  /**
   * Runs whose root span has not arrived OTLP_ROOT_WAIT_S after their first span get
   * `metadata.otlp_root_missing: true` (they stay `running` with the spans seen); traces that
   * never made a run and saw no span for a day are dropped. Returns the runs marked.
   */
  async sweep(now = new Date()): Promise<number> {
    let marked = 0;
    for (;;) {
      const n = await this.runs.inWriteTransaction(async (w) => {
        const waiting = await this.traces.findWaitingSince(new Date(now.getTime() - this.config.otlp.rootWaitS * 1000), SWEEP_BATCH, w.tx);
        for (const row of waiting) {
          const view = traceToRun(row.trace_id, await this.spans.findFacts(row.trace_id, w.tx), this.runs.prices);
          row.root_missing = true;
          if (!view.rooted) await this.writeRun(row, view, w, now);
          await this.traces.save({ ...row, rooted: view.rooted, updated_at: now }, w.tx);
        }
        const abandoned = await this.traces.findAbandoned(new Date(now.getTime() - ABANDONED_AFTER_MS), SWEEP_BATCH, w.tx);
        await this.spans.deleteByTraces(abandoned, w.tx);
        await this.traces.deleteByIds(abandoned, w.tx);
        return waiting.length + abandoned.length;
      });
      marked += n;
      if (n < SWEEP_BATCH) break;
    }
    return marked;
  }

  /** The stored spans of deleted runs go with them (run retention). */
  async forgetRuns(runUuids: readonly string[], w: Pick<RunWriter, 'tx'>): Promise<void> {
    const traceIds = await this.traces.findByRuns(runUuids, w.tx);
    await this.spans.deleteByTraces(traceIds, w.tx);
    await this.traces.deleteByIds(traceIds, w.tx);
  }
}

import { Injectable, Logger } from '@nestjs/common';
import { AppError } from '../../common/errors/app-error';
import { AppConfig } from '../../config/config';
import type { Run } from '../runs/domain/run';
import { RunsService } from '../runs/runs.service';
import { embeddingKey, MAX_ATTEMPTS, retryDelayMs } from './domain/embedding-state';
import { buildRunDocument, documentHash } from './domain/run-document';
import { Embedder, EmbeddingError } from './embedders/embedder';
import { EmbeddingStateRow, RunEmbeddingStateRepository } from './run-embedding-state.repository';
import { SimilarityMetrics } from './similarity.metrics';
import { MilvusSchemaError } from './stores/milvus.vector-store';
import { VectorItem, VectorStore } from './stores/vector-store';

export interface DrainResult {
  claimed: number;
  embedded: number;
  /** attempts that failed and will be retried */
  retried: number;
  /** runs marked failed for good */
  failed: number;
  purged: number;
}

/** How long a claimed row stays invisible to other workers; a crashed claim comes back after it. */
const LEASE_MS = 120_000;
/** Outages back off less far than bad input, so the backlog drains soon after recovery. */
const TRANSIENT_CAP_MS = 60_000;
const PERMANENT_CAP_MS = 5 * 60_000;

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

/**
 * Drains the embedding outbox: claims due rows in batches, embeds their runs' documents in one
 * embedder call, stores the vectors and marks each run. Failures back off exponentially; input
 * errors mark a run `failed` after MAX_ATTEMPTS, outages never do. Calls are serialised.
 */
@Injectable()
export class EmbeddingWorker {
  private readonly logger = new Logger(EmbeddingWorker.name);
  private chain: Promise<unknown> = Promise.resolve();
  private key: string | undefined;
  private prepared = false;
  private preparing: Promise<boolean> | undefined;
  /** the last embedder failure, until a batch succeeds (for /health) */
  lastEmbedderError: string | undefined;
  lastStoreError: string | undefined;

  constructor(
    private readonly states: RunEmbeddingStateRepository,
    private readonly embedder: Embedder,
    private readonly store: VectorStore,
    private readonly runs: RunsService,
    private readonly config: AppConfig,
    private readonly metrics: SimilarityMetrics,
  ) {}

  /** embedder:model:dimensions of the current embedder; asks the embedder once if needed. */
  async currentKey(): Promise<string> {
    this.key ??= embeddingKey(this.embedder.name, this.embedder.model, await this.embedder.dimensions());
    return this.key;
  }

  /**
   * Learns the dimensions, prepares the store and re-queues vectors of another model. Called at
   * boot and before draining until it succeeds; a schema conflict is rethrown (a startup error).
   */
  prepare(): Promise<boolean> {
    if (this.prepared) return Promise.resolve(true);
    this.preparing ??= this.tryPrepare().finally(() => {
      this.preparing = undefined;
    });
    return this.preparing;
  }

  private async tryPrepare(): Promise<boolean> {
    try {
      const key = await this.currentKey();
      await this.store.prepare(await this.embedder.dimensions());
      const requeued = await this.states.requeueOtherKeys(key, new Date());
      if (requeued) this.logger.log(`embedding model changed to ${key}: re-embedding ${requeued} runs in the background`);
      this.prepared = true;
      this.lastStoreError = undefined;
      return true;
    } catch (err) {
      if (err instanceof MilvusSchemaError) throw err;
      if (err instanceof EmbeddingError) this.lastEmbedderError = err.message;
      else this.lastStoreError = message(err);
      this.logger.warn(`similar-run search not ready yet: ${message(err)}`);
      return false;
    }
  }

  /** One pass over up to EMBEDDING_BATCH_SIZE due rows. Tests call this directly. */
  drainOnce(now = new Date()): Promise<DrainResult> {
    const run = this.chain.then(() => this.drain(now));
    this.chain = run.catch(() => undefined);
    return run;
  }

  /** Drains until nothing is due (or a pass makes no progress). */
  async drainAll(now = new Date(), maxPasses = 1_000_000): Promise<DrainResult> {
    const total: DrainResult = { claimed: 0, embedded: 0, retried: 0, failed: 0, purged: 0 };
    for (let i = 0; i < maxPasses; i++) {
      const r = await this.drainOnce(now);
      for (const k of Object.keys(total) as Array<keyof DrainResult>) total[k] += r[k];
      if (r.claimed === 0 || r.embedded + r.purged + r.failed === 0) break;
    }
    return total;
  }

  private async drain(now: Date): Promise<DrainResult> {
    const result: DrainResult = { claimed: 0, embedded: 0, retried: 0, failed: 0, purged: 0 };
    if (!(await this.prepare())) return result;
    const rows = await this.states.claimDue(now, this.config.similarity.batchSize, new Date(now.getTime() + LEASE_MS));
    result.claimed = rows.length;
    if (!rows.length) return result;
    const purge = rows.filter((r) => r.state === 'purge');
    const pending = rows.filter((r) => r.state !== 'purge');
    if (purge.length) await this.purge(purge, now, result);
    if (pending.length) await this.embed(pending, now, result);
    this.metrics.attempts.inc({ result: 'embedded' }, result.embedded);
    this.metrics.attempts.inc({ result: 'retried' }, result.retried);
    this.metrics.attempts.inc({ result: 'failed' }, result.failed);
    return result;
  }

  private async purge(rows: EmbeddingStateRow[], now: Date, result: DrainResult): Promise<void> {
    const ids = rows.map((r) => r.run_id);
    try {
      await this.store.remove(ids);
      await this.states.deleteRows(ids);
      result.purged += ids.length;
      this.lastStoreError = undefined;
    } catch (err) {
      this.lastStoreError = message(err);
      await this.retryLater(rows, err, true, now, result);
    }
  }

  private async embed(rows: EmbeddingStateRow[], now: Date, result: DrainResult): Promise<void> {
    const key = await this.currentKey();
    const found = await Promise.all(rows.map((r) => this.findRun(r.run_id)));
    const gone = rows.filter((_, i) => !found[i]).map((r) => r.run_id);
    // A run deleted without the hook (by hand): nothing to embed, nothing to keep.
    if (gone.length) await this.states.deleteRows(gone);
    const live = rows.map((row, i) => ({ row, run: found[i] })).filter((x): x is { row: EmbeddingStateRow; run: Run } => !!x.run);
    if (!live.length) return;
    const docs = live.map(({ run }) => buildRunDocument(run, { includeInputsOutputs: this.config.similarity.embedInputsOutputs }));
    let vectors: Float32Array[];
    try {
      vectors = await this.embedder.embed(docs);
      this.lastEmbedderError = undefined;
    } catch (err) {
      this.lastEmbedderError = message(err);
      const transient = !(err instanceof EmbeddingError) || err.transient;
      this.logger.warn(`embedding ${live.length} runs failed (${transient ? 'will retry' : 'input error'}): ${message(err)}`);
      await this.retryLater(live.map((x) => x.row), err, transient, now, result);
      return;
    }
    const items: VectorItem[] = live.map(({ run }, i) => ({
      runId: run.id,
      wpkId: run.wpk_id,
      status: run.status,
      runCreatedAt: run.created_at,
      embeddingKey: key,
      contentHash: documentHash(docs[i]),
      vector: vectors[i],
    }));
    try {
      await this.store.upsert(items);
      this.lastStoreError = undefined;
    } catch (err) {
      this.lastStoreError = message(err);
      this.logger.warn(`storing ${items.length} vectors failed (will retry): ${message(err)}`);
      await this.retryLater(live.map((x) => x.row), err, true, now, result);
      return;
    }
    for (const { row } of live) await this.states.markDone(row.run_id, row.content_hash, key, new Date());
    result.embedded += live.length;
  }

  private async findRun(id: string): Promise<Run | undefined> {
    try {
      return await this.runs.get(id);
    } catch (err) {
      if (err instanceof AppError && err.code === 'RUN_NOT_FOUND') return undefined;
      throw err;
    }
  }

  private async retryLater(rows: EmbeddingStateRow[], err: unknown, transient: boolean, now: Date, result: DrainResult): Promise<void> {
    for (const row of rows) {
      const attempts = row.attempts + 1;
      const final = !transient && attempts >= MAX_ATTEMPTS;
      const delay = retryDelayMs(attempts, 1000, transient ? TRANSIENT_CAP_MS : PERMANENT_CAP_MS);
      await this.states.markAttemptFailed(row, attempts, message(err), new Date(now.getTime() + delay), final, now);
      if (final) result.failed += 1;
      else result.retried += 1;
    }
  }

  /** Queues the run's current document, outside any run write; a document already queued or embedded stays as it is. */
  async enqueue(run: Run): Promise<void> {
    const doc = buildRunDocument(run, { includeInputsOutputs: this.config.similarity.embedInputsOutputs });
    await this.states.enqueueOutsideTransaction(run.id, documentHash(doc), new Date());
  }

  /**
   * Queues every stored run whose document is not queued or embedded yet, and gives failed runs a
   * fresh start; the worker (or `drainAll`) then embeds them. Returns how many runs were visited.
   */
  async backfill(pageSize = 200): Promise<number> {
    let cursor: string | undefined;
    let visited = 0;
    await this.states.retryFailed(new Date());
    for (;;) {
      const page = await this.runs.list({ limit: pageSize, cursor });
      for (const summary of page.items) {
        const run = await this.findRun(summary.id);
        if (!run) continue;
        await this.enqueue(run);
        visited += 1;
      }
      if (!page.next_cursor) break;
      cursor = page.next_cursor;
    }
    return visited;
  }
}

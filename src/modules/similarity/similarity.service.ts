import { Injectable } from '@nestjs/common';
import { AppError } from '../../common/errors/app-error';
import type { Run, RunStatus } from '../runs/domain/run';
import { RunsService } from '../runs/runs.service';
import type { EmbeddingStateName } from './domain/embedding-state';
import { queryDocument } from './domain/run-document';
import { EmbeddingWorker } from './embedding.worker';
import { Embedder } from './embedders/embedder';
import { RunEmbeddingStateRepository } from './run-embedding-state.repository';
import { VectorHit, VectorStore } from './stores/vector-store';

export interface SimilarityFilters {
  k: number;
  wpk_id?: string;
  status?: RunStatus;
  since?: Date;
}

export interface SimilarRun {
  score: number;
  run: Pick<Run, 'id' | 'wpk_id' | 'run_id' | 'status' | 'error' | 'created_at'>;
}

export interface EmbeddingRetry {
  run_id: string;
  state: EmbeddingStateName;
  /** false when there was nothing to retry: the run is queued already, or embedded */
  requeued: boolean;
}

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** Nearest-neighbour questions over run embeddings. */
@Injectable()
export class SimilarityService {
  constructor(
    private readonly runs: RunsService,
    private readonly states: RunEmbeddingStateRepository,
    private readonly embedder: Embedder,
    private readonly store: VectorStore,
    private readonly worker: EmbeddingWorker,
  ) {}

  /** The runs nearest to a stored run, itself excluded. */
  async similarTo(id: string, filters: SimilarityFilters): Promise<SimilarRun[]> {
    await this.runs.get(id);
    const state = await this.states.findByRunId(id);
    if (state?.state === 'failed') {
      throw new AppError('EMBEDDING_FAILED', `embedding run ${id} failed after ${state.attempts} attempts: ${state.last_error ?? 'unknown error'}`, {
        attempts: state.attempts,
        last_error: state.last_error,
      });
    }
    const pending = () =>
      new AppError(
        'EMBEDDING_PENDING',
        state
          ? `run ${id} is not embedded yet; retry in a few seconds`
          : `run ${id} is not queued for embedding; runs stored before similar-run search was enabled need \`npm run embeddings:backfill\``,
        { retry_after_seconds: 2 },
        2,
      );
    if (!state) throw pending();
    const key = await this.key();
    const vector = await this.storeCall(() => this.store.vectorOf(id, key));
    // A run being re-embedded (new content or model) answers with its previous vector meanwhile.
    if (!vector) throw pending();
    const hits = await this.storeCall(() => this.store.search(vector, filters.k, { ...this.filterOf(filters), embeddingKey: key, excludeRunId: id }));
    return this.hydrate(hits);
  }

  /**
   * The current embedding of each of the runs that has one (runs not embedded yet, or embedded
   * under another model, are absent): what callers need to group runs by similarity.
   */
  async vectorsOf(runIds: readonly string[]): Promise<Map<string, Float32Array>> {
    if (!runIds.length) return new Map();
    const key = await this.key();
    return this.storeCall(() => this.store.vectorsOf(runIds, key));
  }

  /** Free-text search: the query is embedded like a run's document. */
  async search(query: string, filters: SimilarityFilters): Promise<SimilarRun[]> {
    const key = await this.key();
    let vector: Float32Array;
    try {
      [vector] = await this.embedder.embed([queryDocument(query)]);
    } catch (err) {
      throw new AppError('EMBEDDER_UNAVAILABLE', `the embedder did not answer: ${message(err)}`, undefined, 5);
    }
    const hits = await this.storeCall(() => this.store.search(vector, filters.k, { ...this.filterOf(filters), embeddingKey: key }));
    return this.hydrate(hits);
  }

  /**
   * Gives a run whose embedding failed a fresh set of attempts, due now; a run never queued (stored
   * before similar-run search was on) is queued. A run queued or embedded already is left alone.
   */
  async retryRun(id: string): Promise<EmbeddingRetry> {
    const run = await this.runs.get(id);
    const state = await this.states.findByRunId(id);
    if (!state) {
      await this.worker.enqueue(run);
      return { run_id: id, state: 'pending', requeued: true };
    }
    if (state.state === 'failed' && (await this.states.retryFailed(new Date(), id)) > 0) return { run_id: id, state: 'pending', requeued: true };
    const now = await this.states.findByRunId(id);
    return { run_id: id, state: now?.state ?? 'pending', requeued: false };
  }

  /** Every run whose embedding failed gets a fresh set of attempts; answers how many. */
  retryFailed(): Promise<number> {
    return this.states.retryFailed(new Date());
  }

  private filterOf(filters: SimilarityFilters) {
    return { wpkId: filters.wpk_id, status: filters.status, since: filters.since };
  }

  private async key(): Promise<string> {
    try {
      return await this.worker.currentKey();
    } catch (err) {
      throw new AppError('EMBEDDER_UNAVAILABLE', `the embedder did not answer: ${message(err)}`, undefined, 5);
    }
  }

  private async storeCall<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      throw new AppError('VECTOR_STORE_UNAVAILABLE', `the vector store did not answer: ${message(err)}`, undefined, 5);
    }
  }

  /** Hits as runs, best first; a hit whose run was deleted meanwhile is dropped. */
  private async hydrate(hits: VectorHit[]): Promise<SimilarRun[]> {
    const runs = await this.runs.summariesOf(hits.map((h) => h.runId));
    const out: SimilarRun[] = [];
    for (const hit of hits) {
      const run = runs.get(hit.runId);
      if (!run) continue;
      out.push({
        score: Math.round(hit.score * 10_000) / 10_000,
        run: { id: run.id, wpk_id: run.wpk_id, run_id: run.run_id, status: run.status, error: run.error, created_at: run.created_at },
      });
    }
    return out;
  }
}

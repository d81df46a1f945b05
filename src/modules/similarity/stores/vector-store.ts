import type { DependencyStatus } from '../../../common/health/health-indicators';

export interface VectorItem {
  runId: string;
  wpkId: string;
  status: string;
  runCreatedAt: Date;
  /** embedder:model:dimensions; searches only ever compare vectors of one key */
  embeddingKey: string;
  contentHash: string;
  vector: Float32Array;
}

export interface VectorFilter {
  embeddingKey: string;
  wpkId?: string;
  status?: string;
  /** run created at or after */
  since?: Date;
  /** leave this run out (the query run itself) */
  excludeRunId?: string;
}

export interface VectorHit {
  runId: string;
  score: number;
}

/** A vector store failure; the worker retries it with backoff, searches answer it as unavailable. */
export class VectorStoreError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'VectorStoreError';
  }
}

/**
 * The vector store port (and DI token). Two implementations: vectors in the database with exact
 * in-memory search (the default), and Milvus.
 */
export abstract class VectorStore {
  abstract readonly name: string;
  /** Prepares storage for vectors of this size; a conflict with what exists is an error. */
  abstract prepare(dimensions: number): Promise<void>;
  abstract upsert(items: VectorItem[]): Promise<void>;
  abstract remove(runIds: string[]): Promise<void>;
  abstract vectorOf(runId: string, embeddingKey: string): Promise<Float32Array | undefined>;
  /** The vectors of those runs that have one under the key; one lookup each unless a store does better. */
  async vectorsOf(runIds: readonly string[], embeddingKey: string): Promise<Map<string, Float32Array>> {
    const out = new Map<string, Float32Array>();
    for (const id of runIds) {
      const v = await this.vectorOf(id, embeddingKey);
      if (v) out.set(id, v);
    }
    return out;
  }
  /** Nearest first; filters apply before ranking. */
  abstract search(query: Float32Array, k: number, filter: VectorFilter): Promise<VectorHit[]>;
  abstract describe(): Promise<DependencyStatus>;
  async close(): Promise<void> {}
}

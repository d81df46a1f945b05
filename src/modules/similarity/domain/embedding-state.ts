/** Where a run stands in the embedding pipeline. `purge`: the run was deleted, its vector must go. */
export type EmbeddingStateName = 'pending' | 'done' | 'failed' | 'purge';

/** After this many failed attempts a run is marked `failed` with the last error. */
export const MAX_ATTEMPTS = 5;

/** Exponential backoff after the n-th failed attempt (1-based): base·2^(n−1), capped. */
export function retryDelayMs(attempt: number, baseMs = 1000, capMs = 5 * 60_000): number {
  if (!Number.isInteger(attempt) || attempt < 1) throw new RangeError(`attempt must be a positive integer, got ${attempt}`);
  return Math.min(capMs, baseMs * 2 ** Math.min(attempt - 1, 30));
}

/** Identifies the vector space: vectors of another key are never compared with the current one. */
export function embeddingKey(embedder: string, model: string, dimensions: number): string {
  return `${embedder}:${model}:${dimensions}`;
}

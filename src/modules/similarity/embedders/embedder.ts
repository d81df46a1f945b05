import type { DependencyStatus } from '../../../common/health/health-indicators';
import type { EmbeddingDocument } from '../domain/run-document';

/** An embedding failure; `transient` ones (outage, rate limit) are retried without counting towards `failed`. */
export class EmbeddingError extends Error {
  constructor(
    message: string,
    readonly transient: boolean,
  ) {
    super(message);
    this.name = 'EmbeddingError';
  }
}

/**
 * The embedder port (and DI token): turns documents into unit vectors. Two implementations: the
 * local hashing embedder and an OpenAI-compatible HTTP one.
 */
export abstract class Embedder {
  /** `local` or `openai` */
  abstract readonly name: string;
  abstract readonly model: string;
  /** The vector size; may ask the service once when the model's size is not configured. */
  abstract dimensions(): Promise<number>;
  /** One vector per document, in order, each L2-normalised. */
  abstract embed(docs: EmbeddingDocument[]): Promise<Float32Array[]>;
  /** For /health: never contains secrets. */
  abstract describe(): Promise<DependencyStatus>;
}

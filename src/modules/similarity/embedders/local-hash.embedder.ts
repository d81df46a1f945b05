import type { DependencyStatus } from '../../../common/health/health-indicators';
import { HASH_DIMENSIONS, HASH_MODEL, hashEmbed } from '../domain/hash-embedding';
import type { EmbeddingDocument } from '../domain/run-document';
import { Embedder } from './embedder';

/** Deterministic and offline: hashed word and character n-grams. Matches words, not meaning. */
export class LocalHashEmbedder extends Embedder {
  readonly name = 'local';
  readonly model = HASH_MODEL;

  async dimensions(): Promise<number> {
    return HASH_DIMENSIONS;
  }

  async embed(docs: EmbeddingDocument[]): Promise<Float32Array[]> {
    return docs.map((d) => hashEmbed(d, HASH_DIMENSIONS));
  }

  async describe(): Promise<DependencyStatus> {
    return { status: 'up', required: false, embedder: this.name, model: this.model, dimensions: HASH_DIMENSIONS };
  }
}

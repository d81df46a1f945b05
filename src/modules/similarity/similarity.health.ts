import { Injectable, OnModuleInit } from '@nestjs/common';
import { HealthContributors } from '../../common/health/health-indicators';
import { EmbeddingWorker } from './embedding.worker';
import { Embedder } from './embedders/embedder';
import { VectorStore } from './stores/vector-store';

/** Lists the embedder and the vector store in /health; they are optional, so the status code never changes. */
@Injectable()
export class SimilarityHealth implements OnModuleInit {
  constructor(
    private readonly contributors: HealthContributors,
    private readonly embedder: Embedder,
    private readonly store: VectorStore,
    private readonly worker: EmbeddingWorker,
  ) {}

  onModuleInit(): void {
    this.contributors.register({
      name: 'embedder',
      check: async () => {
        const status = await this.embedder.describe();
        const error = this.worker.lastEmbedderError;
        return error ? { ...status, status: 'degraded', detail: error } : status;
      },
    });
    this.contributors.register({
      name: 'vector_store',
      check: async () => {
        const status = await this.store.describe();
        const error = this.worker.lastStoreError;
        return error && status.status === 'up' ? { ...status, status: 'degraded', detail: error } : status;
      },
    });
  }
}

/** With EMBEDDINGS_ENABLED=false both still appear, as disabled. */
@Injectable()
export class SimilarityDisabledHealth implements OnModuleInit {
  constructor(private readonly contributors: HealthContributors) {}

  onModuleInit(): void {
    for (const name of ['embedder', 'vector_store']) {
      this.contributors.register({ name, check: async () => ({ status: 'disabled', required: false, detail: 'EMBEDDINGS_ENABLED=false' }) });
    }
  }
}

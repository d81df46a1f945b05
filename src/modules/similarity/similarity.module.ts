import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig, SimilarityConfig } from '../../config/config';
import { RunsModule } from '../runs/runs.module';
import { EmbeddingJob } from './embedding.job';
import { EmbeddingOutboxHook } from './embedding-outbox.hook';
import { EmbeddingWorker } from './embedding.worker';
import { Embedder } from './embedders/embedder';
import { LocalHashEmbedder } from './embedders/local-hash.embedder';
import { OpenAiEmbedder } from './embedders/openai.embedder';
import { RunEmbeddingStateRepository } from './run-embedding-state.repository';
import { RunEmbeddingsRepository } from './run-embeddings.repository';
import { SimilarityController } from './similarity.controller';
import { SimilarityDisabledHealth, SimilarityHealth } from './similarity.health';
import { SimilarityMetrics } from './similarity.metrics';
import { SimilarityService } from './similarity.service';
import { EmbeddedVectorStore } from './stores/embedded.vector-store';
import { MilvusVectorStore } from './stores/milvus.vector-store';
import { VectorStore } from './stores/vector-store';

export function createEmbedder(config: SimilarityConfig): Embedder {
  if (config.embedder === 'openai' && config.openai) {
    return new OpenAiEmbedder({ apiKey: config.openai.apiKey, baseUrl: config.openai.baseUrl, model: config.model, dimensions: config.dimensions });
  }
  return new LocalHashEmbedder();
}

export function createVectorStore(config: SimilarityConfig, embedded: RunEmbeddingsRepository): VectorStore {
  if (config.milvus) return new MilvusVectorStore(config.milvus);
  return new EmbeddedVectorStore(embedded);
}

/**
 * Similar-run search. Plugs into the runs module's write hooks (an outbox row per run write) and
 * embeds in the background; runs knows nothing of it. EMBEDDINGS_ENABLED=false leaves only the
 * /health entries.
 */
const registrations = new WeakMap<AppConfig, DynamicModule>();

@Module({})
export class SimilarityModule {
  /**
   * One module per config object: the app and modules that use SimilarityService (when it is on)
   * import the same DynamicModule, which Nest then instantiates once (one worker, one store).
   */
  static register(config: AppConfig): DynamicModule {
    let registered = registrations.get(config);
    if (!registered) {
      registered = SimilarityModule.build(config);
      registrations.set(config, registered);
    }
    return registered;
  }

  private static build(config: AppConfig): DynamicModule {
    if (!config.similarity.enabled) return { module: SimilarityModule, providers: [SimilarityDisabledHealth] };
    return {
      module: SimilarityModule,
      imports: [RunsModule],
      controllers: [SimilarityController],
      providers: [
        RunEmbeddingStateRepository,
        RunEmbeddingsRepository,
        { provide: Embedder, useFactory: (c: AppConfig) => createEmbedder(c.similarity), inject: [AppConfig] },
        {
          provide: VectorStore,
          useFactory: (c: AppConfig, embedded: RunEmbeddingsRepository) => createVectorStore(c.similarity, embedded),
          inject: [AppConfig, RunEmbeddingsRepository],
        },
        EmbeddingOutboxHook,
        SimilarityMetrics,
        EmbeddingWorker,
        EmbeddingJob,
        SimilarityService,
        SimilarityHealth,
      ],
      exports: [SimilarityService, EmbeddingWorker],
    };
  }
}

import { RunEmbeddingEntity } from './run-embedding.entity';
import { RunEmbeddingStateEntity } from './run-embedding-state.entity';

export const SIMILARITY_ENTITIES = [RunEmbeddingStateEntity, RunEmbeddingEntity];

import { InitialSchema1764374400000 } from './1764374400000-InitialSchema';
import { Registry1764374500000 } from './1764374500000-Registry';
import { Insight1764374600000 } from './1764374600000-Insight';
import { Embeddings1764374700000 } from './1764374700000-Embeddings';
import { ProbeSensitivity1764374800000 } from './1764374800000-ProbeSensitivity';

/** Every migration, in order. Listed explicitly so the app and the CLI run the same set from src or dist. */
export const MIGRATIONS = [InitialSchema1764374400000, Registry1764374500000, Insight1764374600000, Embeddings1764374700000, ProbeSensitivity1764374800000];

import { InitialSchema1764374400000 } from './1764374400000-InitialSchema';

/** Every migration, in order. Listed explicitly so the app and the CLI run the same set from src or dist. */
export const MIGRATIONS = [InitialSchema1764374400000];

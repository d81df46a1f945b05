import { AppConfig, DatabaseKind, databaseKindFromEnv, loadConfig } from './config';

/** The only place that reads process.env. */
export function configFromProcessEnv(overrides: Record<string, string | undefined> = {}): AppConfig {
  return loadConfig({ ...process.env, ...overrides });
}

export function databaseKindFromProcessEnv(): DatabaseKind {
  return databaseKindFromEnv(process.env);
}

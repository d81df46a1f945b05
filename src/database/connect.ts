import { DataSource } from 'typeorm';
import { StartupError } from '../common/errors/startup-error';
import { AppConfig } from '../config/config';
import { buildDataSourceOptions } from './data-source';
import { runMigrations } from './migrations-runner';

export interface ConnectOptions {
  /** connection attempts before giving up (PostgreSQL; SQLite opens once) */
  attempts?: number;
  delayMs?: number;
  /** told of each failed attempt that will be retried, and of applied migrations */
  warn?: (message: string) => void;
  info?: (message: string) => void;
}

/** Where the database is, for messages: host:port/database for PostgreSQL (never the user or password), the file for SQLite. */
export function databaseLocation(config: AppConfig): string {
  if (config.database.kind === 'sqlite') return config.database.sqlitePath;
  const url = new URL(config.database.url);
  const database = decodeURIComponent(url.pathname.replace(/^\//, '')) || decodeURIComponent(url.username) || 'postgres';
  return `${url.hostname || 'localhost'}:${url.port || 5432}/${database}`;
}

/** The reason a connection failed, in words: node's AggregateError (IPv4 and IPv6 tried) has no message of its own. */
function reasonOf(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const inner = (err as { errors?: unknown[] }).errors;
  if (!err.message && Array.isArray(inner) && inner.length) return [...new Set(inner.map(reasonOf))].join('; ');
  return err.message || (err as { code?: string }).code || err.name;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Opens the database and applies pending migrations, before anything else starts. PostgreSQL gets
 * `attempts` tries a `delayMs` apart (it may be starting alongside); then a StartupError says where,
 * why and how long it was tried.
 */
export async function connectDatabase(config: AppConfig, options: ConnectOptions = {}): Promise<DataSource> {
  const attempts = config.database.kind === 'postgres' ? (options.attempts ?? 6) : 1;
  const delayMs = options.delayMs ?? 1000;
  const where = databaseLocation(config);
  const started = Date.now();
  let dataSource: DataSource | undefined;
  for (let attempt = 1; !dataSource; attempt++) {
    const candidate = new DataSource(buildDataSourceOptions(config));
    try {
      await candidate.initialize();
      dataSource = candidate;
    } catch (err) {
      if (candidate.isInitialized) await candidate.destroy().catch(() => undefined);
      const reason = reasonOf(err);
      if (config.database.kind === 'sqlite') throw new StartupError(`cannot open the SQLite database at ${where}: ${reason}`);
      if (attempt >= attempts) {
        const seconds = ((Date.now() - started) / 1000).toFixed(1);
        throw new StartupError(`cannot connect to PostgreSQL at ${where}: ${reason} (retried ${attempt - 1} times over ${seconds} s)`);
      }
      options.warn?.(`cannot connect to PostgreSQL at ${where}: ${reason}; retrying in ${delayMs / 1000} s (attempt ${attempt} of ${attempts})`);
      await sleep(delayMs);
    }
  }
  try {
    const applied = await runMigrations(dataSource);
    if (applied.length) options.info?.(`applied migrations: ${applied.join(', ')}`);
  } catch (err) {
    await dataSource.destroy().catch(() => undefined);
    throw err;
  }
  return dataSource;
}

import * as fs from 'node:fs';
import * as path from 'node:path';
import { DataSource, DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from '../../migrations';
import { AppConfig } from '../config/config';
import { ENTITY_DRIVER } from './columns';
import { ENTITIES } from './entities';

/**
 * How long a query waits for a pooled connection (to be opened, or freed) before the request gets
 * a 503. A database that refuses connections fails at once whatever this is; the wait only bounds
 * one that does not answer. At 1 s a busy host's slow backend start turned into spurious 503s
 * (seen with the load average at 13 on two cores), so it is 3 s.
 */
export const DB_CONNECT_TIMEOUT_MS = 3000;
/** The health check's round trip: /health answers within about a second whatever the database does. */
export const DB_PING_TIMEOUT_MS = 1000;
export const SQLITE_BUSY_TIMEOUT_MS = 1000;

/**
 * One set of data source options, shared by the app (through TypeOrmModule) and the migration CLI.
 * The schema only ever comes from migrations.
 */
export function buildDataSourceOptions(config: AppConfig): DataSourceOptions {
  if (config.database.kind !== ENTITY_DRIVER) {
    throw new Error(
      `entities were declared for ${ENTITY_DRIVER} but the configuration selects ${config.database.kind}; ` +
        'set DATABASE_URL before the process starts',
    );
  }
  const common = {
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsRun: false,
    synchronize: false,
    logging: false,
  } as const;
  if (config.database.kind === 'postgres') {
    return {
      ...common,
      type: 'postgres',
      url: config.database.url,
      migrationsTransactionMode: 'all',
      extra: {
        max: 20,
        connectionTimeoutMillis: DB_CONNECT_TIMEOUT_MS,
        idleTimeoutMillis: 30_000,
        application_name: 'neuralops',
      },
    };
  }
  fs.mkdirSync(path.dirname(config.database.sqlitePath), { recursive: true });
  return {
    ...common,
    type: 'better-sqlite3',
    database: config.database.sqlitePath,
    enableWAL: true,
    timeout: SQLITE_BUSY_TIMEOUT_MS,
    prepareDatabase: (db: { pragma: (s: string) => unknown }) => {
      db.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
      db.pragma('synchronous = NORMAL');
    },
  };
}

export function createDataSource(config: AppConfig): DataSource {
  return new DataSource(buildDataSourceOptions(config));
}

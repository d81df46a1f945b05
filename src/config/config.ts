import * as path from 'node:path';

export type DatabaseKind = 'postgres' | 'sqlite';
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

/** A bad environment value. The message always names the variable. */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(`${variable}: ${message}`);
    this.name = 'ConfigError';
  }
}

export interface DatabaseConfig {
  kind: DatabaseKind;
  /** postgres:// URL, or the SQLite file path */
  url: string;
  sqlitePath: string;
}

/**
 * The one typed configuration object. Built from the environment exactly once (`loadConfig`) and
 * injected as a value; nothing else in the code base reads `process.env`.
 */
export class AppConfig {
  port!: number;
  host!: string;
  dataDir!: string;
  database!: DatabaseConfig;
  adminApiKey!: string | undefined;
  maxBodyBytes!: number;
  maxBatchBodyBytes!: number;
  logLevel!: LogLevel;
  runRetentionDays!: number | undefined;
  redactKeys!: string[];
  /** REGISTRY_AUTO_REGISTER: a run for an unknown workflow registers it (true) or is refused with 404 (false). */
  registryAutoRegister!: boolean;
  /** Deprecation and other notices gathered while loading, logged once at boot. */
  warnings!: string[];

  constructor(values: Omit<AppConfig, never>) {
    Object.assign(this, values);
  }
}

type Env = Record<string, string | undefined>;

/** Exactly true/false/1/0 (case-insensitive); anything else stops the boot naming the variable. */
function strictBoolean(name: string, raw: string | undefined, fallback: boolean): boolean {
  if (raw === undefined || raw === '') return fallback;
  const v = raw.trim().toLowerCase();
  if (v === 'true' || v === '1') return true;
  if (v === 'false' || v === '0') return false;
  throw new ConfigError(name, `must be true, false, 1 or 0, got "${raw}"`);
}

const LOG_LEVELS: LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];
const DEFAULT_REDACT_KEYS = 'api_key,password,token,authorization,secret';

function read(env: Env, name: string, aliases: string[], warnings: string[]): string | undefined {
  const value = env[name];
  if (value !== undefined && value !== '') return value;
  for (const alias of aliases) {
    const aliased = env[alias];
    if (aliased !== undefined && aliased !== '') {
      warnings.push(`${alias} is deprecated; use ${name}`);
      return aliased;
    }
  }
  return undefined;
}

function integer(name: string, raw: string | undefined, fallback: number, min: number, max: number): number {
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw.trim())) throw new ConfigError(name, `must be a whole number, got "${raw}"`);
  const value = Number(raw.trim());
  if (value < min || value > max) throw new ConfigError(name, `must be between ${min} and ${max}, got ${value}`);
  return value;
}

/** Which database the environment selects; used where the choice is needed before DI exists. */
export function databaseKindFromEnv(env: Env): DatabaseKind {
  const url = env.DATABASE_URL || env.POSTGRES_DSN;
  return url && /^postgres(ql)?:\/\//i.test(url) ? 'postgres' : 'sqlite';
}

export function loadConfig(env: Env): AppConfig {
  const warnings: string[] = [];

  const port = integer('PORT', env.PORT, 8080, 0, 65535);
  const host = env.HOST || '127.0.0.1';
  const dataDir = path.resolve(env.DATA_DIR || './data');

  const dbUrl = read(env, 'DATABASE_URL', ['POSTGRES_DSN'], warnings);
  const sqlitePath = path.join(dataDir, 'neuralops.db');
  let database: DatabaseConfig;
  if (dbUrl === undefined) {
    database = { kind: 'sqlite', url: sqlitePath, sqlitePath };
  } else if (/^postgres(ql)?:\/\//i.test(dbUrl)) {
    try {
      new URL(dbUrl);
    } catch {
      throw new ConfigError('DATABASE_URL', 'is not a valid URL');
    }
    database = { kind: 'postgres', url: dbUrl, sqlitePath };
  } else {
    const scheme = dbUrl.split(':')[0];
    throw new ConfigError(
      'DATABASE_URL',
      `unsupported scheme "${scheme}"; use postgres:// or postgresql://, or leave it unset for SQLite`,
    );
  }

  const adminApiKey = env.ADMIN_API_KEY || undefined;
  if (adminApiKey !== undefined && !/^[\x21-\x7e]{16,256}$/.test(adminApiKey)) {
    throw new ConfigError('ADMIN_API_KEY', 'must be 16 to 256 printable ASCII characters without spaces');
  }

  const maxBodyBytes = integer('MAX_BODY_BYTES', env.MAX_BODY_BYTES, 1024 * 1024, 1024, 1024 * 1024 * 1024);
  const maxBatchBodyBytes = integer(
    'MAX_BATCH_BODY_BYTES',
    env.MAX_BATCH_BODY_BYTES,
    16 * 1024 * 1024,
    1024,
    1024 * 1024 * 1024,
  );

  const logLevel = (env.LOG_LEVEL || 'info').toLowerCase() as LogLevel;
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new ConfigError('LOG_LEVEL', `must be one of ${LOG_LEVELS.join(', ')}, got "${env.LOG_LEVEL}"`);
  }

  const runRetentionDays =
    env.RUN_RETENTION_DAYS === undefined || env.RUN_RETENTION_DAYS === ''
      ? undefined
      : integer('RUN_RETENTION_DAYS', env.RUN_RETENTION_DAYS, 0, 1, 36500);

  const redactKeys = (env.REDACT_KEYS ?? DEFAULT_REDACT_KEYS)
    .split(',')
    .map((k) => k.trim().toLowerCase())
    .filter((k) => k.length > 0);

  const registryAutoRegister = strictBoolean('REGISTRY_AUTO_REGISTER', env.REGISTRY_AUTO_REGISTER, true);

  return new AppConfig({
    port,
    host,
    dataDir,
    database,
    adminApiKey,
    maxBodyBytes,
    maxBatchBodyBytes,
    logLevel,
    runRetentionDays,
    redactKeys,
    registryAutoRegister,
    warnings,
  });
}

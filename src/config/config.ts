import { HOT_PATH_TRICKS, HotPathTrick } from '../common/perf/hot-path';
import * as fs from 'node:fs';
import { isIP } from 'node:net';
import * as path from 'node:path';
import { redactCredentials } from '../common/security/url-credentials';
import { ModelPrice, parsePriceTable } from '../modules/runs/domain/pricing';

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
  /** SIGNAL_RETENTION_DAYS, else RUN_RETENTION_DAYS: resolved signals, their deliveries and probe runs older than this go */
  signalRetentionDays!: number | undefined;
  redactKeys!: string[];
  /** Similar-run search: embedder, vector store and the embedding worker (similarity module). */
  similarity!: SimilarityConfig;
  /** REGISTRY_AUTO_REGISTER: a run for an unknown workflow registers it (true) or is refused with 404 (false). */
  registryAutoRegister!: boolean;
  /** Probes, Prometheus, scheduler and alert delivery (insight module). */
  insight!: InsightConfig;
  /** Deprecation and other notices gathered while loading, logged once at boot. */
  warnings!: string[];
  /** CORS_ORIGINS: allowed browser origins; empty = CORS off */
  corsOrigins!: string[];
  /** RATE_LIMIT_PER_KEY_PER_S: requests per second per API key; undefined = no rate limiting */
  rateLimitPerKeyPerS!: number | undefined;
  /** The server the OpenAPI document names: PUBLIC_URL when set, else `/` (wherever the document was read) */
  apiServerUrl!: string;
  /** AUTH_FAILURES_PER_IP_PER_S: failed authentications a client address may make per second before 429s */
  authFailuresPerIpPerS!: number;
  /** TRUST_PROXY: Express's `trust proxy` setting (which hops' X-Forwarded-For/-Proto to believe) */
  trustProxy!: TrustProxy;
  /** MODEL_PRICES_FILE: USD per million input and output tokens by model name; undefined = no costs */
  modelPrices!: Record<string, ModelPrice> | undefined;
  /** The OTLP traces endpoint: POST /v1/traces, and OTLP/gRPC when OTLP_GRPC_PORT is set. */
  otlp!: OtlpConfig;
  /** CONSOLE_DIR: the built web console served under /ui/ (default: web/dist of this package) */
  consoleDir!: string;
  /** HOT_PATH_OFF: speed changes turned off, for the bench's ablations (src/common/perf/hot-path.ts); empty in production */
  hotPathOff!: HotPathTrick[];

  constructor(values: Omit<AppConfig, never>) {
    Object.assign(this, values);
  }
}

type Env = Record<string, string | undefined>;

/** Express's `trust proxy`: none or every hop (boolean), the number of hops, or the proxies' addresses. */
export type TrustProxy = boolean | number | string[];

const PROXY_RANGES = ['loopback', 'linklocal', 'uniquelocal'];

/** TRUST_PROXY, read as Express reads `trust proxy`; every address and subnet is checked here. */
function trustProxy(raw: string | undefined): TrustProxy {
  const value = raw?.trim() ?? '';
  if (value === '' || value.toLowerCase() === 'false') return false;
  if (value.toLowerCase() === 'true') return true;
  if (/^\d+$/.test(value)) return integer('TRUST_PROXY', value, 0, 0, 1000);
  const entries = value.split(',').map((e) => e.trim()).filter((e) => e.length > 0);
  for (const entry of entries) {
    if (PROXY_RANGES.includes(entry)) continue;
    const [address, range, ...rest] = entry.split('/');
    const kind = isIP(address);
    const max = kind === 6 ? 128 : 32;
    const validRange =
      range === undefined || (/^\d+$/.test(range) && Number(range) >= 1 && Number(range) <= max) || (kind === 4 && isIP(range) === 4);
    if (!kind || !validRange || rest.length) {
      throw new ConfigError(
        'TRUST_PROXY',
        `"${entry}" is not an IP address, subnet or one of ${PROXY_RANGES.join(', ')}; use true, false, a hop count or a comma-separated list of those`,
      );
    }
  }
  return entries;
}

export interface OtlpConfig {
  /** OTLP_GRPC_PORT: the OTLP/gRPC server's port; undefined = off */
  grpcPort: number | undefined;
  /** OTLP_GRPC_HOST: its address, default HOST */
  grpcHost: string;
  /** OTLP_ROOT_WAIT_S: how long a trace's runs wait for their root span before otlp_root_missing is set */
  rootWaitS: number;
  /** spans one export may carry; beyond, the rest are rejected */
  maxSpansPerRequest: number;
  /** attributes kept per span; beyond, the rest are dropped */
  maxAttributesPerSpan: number;
}

function modelPrices(raw: string | undefined): Record<string, ModelPrice> | undefined {
  if (raw === undefined || raw.trim() === '') return undefined;
  const file = path.resolve(raw.trim());
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    const reason = err instanceof SyntaxError ? `is not valid JSON (${err.message})` : `cannot be read (${(err as NodeJS.ErrnoException).code ?? String(err)})`;
    throw new ConfigError('MODEL_PRICES_FILE', `${file} ${reason}`);
  }
  const { table, error } = parsePriceTable(json);
  if (error) throw new ConfigError('MODEL_PRICES_FILE', `${file}: ${error}`);
  return table;
}

/** This package's root: the nearest folder above this file with its package.json (from src/ or dist/src/ alike). */
function packageRoot(): string {
  let dir = __dirname;
  for (;;) {
    try {
      const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string };
      if (pkg.name === 'neuralops') return dir;
    } catch {
      // no package.json here: keep climbing
    }
    const up = path.dirname(dir);
    if (up === dir) return process.cwd();
    dir = up;
  }
}

export interface InsightConfig {
  prometheus: { url: string; bearerToken?: string; username?: string; password?: string } | undefined;
  promTimeoutMs: number;
  schedulerEnabled: boolean;
  probesFile: string | undefined;
  probeMaxSeries: number;
  probeConcurrency: number;
  alertmanagerUrl: string | undefined;
  webhookUrl: string | undefined;
  webhookSecret: string | undefined;
  /** Base of links handed to Alertmanager and webhooks, without a trailing slash. */
  publicUrl: string;
}

function httpUrl(name: string, raw: string | undefined): string | undefined {
  if (raw === undefined || raw === '') return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(name, `is not a valid URL: "${redactCredentials(raw)}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ConfigError(name, `must be an http:// or https:// URL, got "${redactCredentials(raw)}"`);
  return raw.replace(/\/+$/, '');
}

/** PUBLIC_URL is the base of links others follow and show: a user and password in it are left out. */
function publicUrl(raw: string | undefined, warnings: string[]): string | undefined {
  const checked = httpUrl('PUBLIC_URL', raw);
  if (checked === undefined) return undefined;
  const url = new URL(checked);
  if (!url.username && !url.password) return checked;
  warnings.push('PUBLIC_URL: the user and password in it are left out of the links sent to Alertmanager and webhooks');
  url.username = '';
  url.password = '';
  return url.toString().replace(/\/+$/, '');
}

function bool(name: string, raw: string | undefined, fallback: boolean): boolean {
  if (raw === undefined || raw === '') return fallback;
  const v = raw.trim().toLowerCase();
  if (['true', '1', 'yes', 'on'].includes(v)) return true;
  if (['false', '0', 'no', 'off'].includes(v)) return false;
  throw new ConfigError(name, `must be true or false, got "${raw}"`);
}

export function loadInsightConfig(env: Env, warnings: string[], port: number, host: string): InsightConfig {
  const promUrl = httpUrl('PROM_URL', read(env, 'PROM_URL', ['PROMETHEUS_URL'], warnings));
  const bearerToken = env.PROM_BEARER_TOKEN || undefined;
  const username = env.PROM_USERNAME || undefined;
  const password = env.PROM_PASSWORD || undefined;
  if (bearerToken && username) throw new ConfigError('PROM_BEARER_TOKEN', 'set either PROM_BEARER_TOKEN or PROM_USERNAME/PROM_PASSWORD, not both');
  if (password !== undefined && username === undefined) throw new ConfigError('PROM_USERNAME', 'is required when PROM_PASSWORD is set');
  if ((bearerToken || username) && !promUrl) throw new ConfigError('PROM_URL', 'is required when Prometheus credentials are set');
  const webhookUrl = httpUrl('WEBHOOK_URL', env.WEBHOOK_URL);
  const webhookSecret = env.WEBHOOK_SECRET || undefined;
  if (webhookUrl && !webhookSecret) throw new ConfigError('WEBHOOK_SECRET', 'is required when WEBHOOK_URL is set (deliveries are signed)');
  if (webhookSecret !== undefined && webhookSecret.length < 16) throw new ConfigError('WEBHOOK_SECRET', 'must be at least 16 characters');
  const probesFile = env.PROBES_FILE ? path.resolve(env.PROBES_FILE) : undefined;
  return {
    prometheus: promUrl ? { url: promUrl, bearerToken, username, password } : undefined,
    promTimeoutMs: integer('PROM_TIMEOUT_MS', env.PROM_TIMEOUT_MS, 10_000, 100, 600_000),
    schedulerEnabled: bool('SCHEDULER_ENABLED', env.SCHEDULER_ENABLED, true),
    probesFile,
    probeMaxSeries: integer('PROBE_MAX_SERIES', env.PROBE_MAX_SERIES, 20, 1, 10_000),
    probeConcurrency: integer('PROBE_CONCURRENCY', env.PROBE_CONCURRENCY, 4, 1, 256),
    alertmanagerUrl: httpUrl('ALERTMANAGER_URL', env.ALERTMANAGER_URL),
    webhookUrl,
    webhookSecret,
    publicUrl: publicUrl(env.PUBLIC_URL, warnings) ?? `http://${host}:${port}`,
  };
}

/** Exactly true/false/1/0 (case-insensitive); anything else stops the boot naming the variable. */
function strictBoolean(name: string, raw: string | undefined, fallback: boolean): boolean {
  if (raw === undefined || raw === '') return fallback;
  const v = raw.trim().toLowerCase();
  if (v === 'true' || v === '1') return true;
  if (v === 'false' || v === '0') return false;
  throw new ConfigError(name, `must be true, false, 1 or 0, got "${raw}"`);
}

export interface SimilarityConfig {
  enabled: boolean;
  embedder: 'local' | 'openai';
  openai: { apiKey: string; baseUrl: string | undefined } | undefined;
  /** the OpenAI-compatible model; the local embedder has its own fixed model */
  model: string;
  /** asked of the OpenAI-compatible embedder; undefined: the model's own size */
  dimensions: number | undefined;
  embedInputsOutputs: boolean;
  milvus: { address: string; token: string | undefined; collection: string; timeoutMs: number } | undefined;
  workerIntervalMs: number;
  batchSize: number;
}

const EMBEDDERS = ['auto', 'local', 'openai'] as const;

/**
 * MILVUS_ADDRESS as the Milvus SDK takes it: `host[:port]`, or an http:// or https:// URL (https
 * turns TLS on) without a path. A `user:password@` in it is Milvus's token, taken out of the address.
 */
function milvusAddress(raw: string, token: string | undefined): { address: string; token: string | undefined } {
  const hasScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(raw);
  const invalid = (why: string) => new ConfigError('MILVUS_ADDRESS', `${why}; use host:port or an http(s)://host:port URL`);
  let url: URL;
  try {
    url = new URL(hasScheme ? raw : `http://${raw}`);
  } catch {
    throw invalid('is not a valid address');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw invalid(`has the scheme "${url.protocol.slice(0, -1)}"`);
  if (!url.hostname) throw invalid('has no host');
  if (url.port === '0') throw invalid('has port 0');
  if (url.pathname !== '/' || url.search || url.hash) throw invalid('must not have a path, query or fragment');
  if (url.username || url.password) {
    if (token) throw new ConfigError('MILVUS_ADDRESS', 'carries a user and password and MILVUS_TOKEN is set too; keep one');
    token = decodeURIComponent(url.username) + (url.password ? `:${decodeURIComponent(url.password)}` : '');
  }
  return { address: hasScheme ? `${url.protocol}//${url.host}` : url.host, token };
}

function similarityFlag(name: string, raw: string | undefined, fallback: boolean): boolean {
  if (raw === undefined || raw.trim() === '') return fallback;
  const v = raw.trim().toLowerCase();
  if (v === 'true' || v === '1') return true;
  if (v === 'false' || v === '0') return false;
  throw new ConfigError(name, `must be true, false, 1 or 0, got "${raw}"`);
}

/** EMBEDDINGS_ENABLED, EMBEDDER, OPENAI_*, EMBEDDING_*, EMBED_INPUTS_OUTPUTS and MILVUS_* (MILVUS_TIMEOUT_MS: per-call deadline). Secrets never enter messages. */
export function loadSimilarityConfig(env: Env, warnings: string[]): SimilarityConfig {
  const enabled = similarityFlag('EMBEDDINGS_ENABLED', env.EMBEDDINGS_ENABLED, true);
  const choice = (env.EMBEDDER || 'auto').trim().toLowerCase();
  if (!(EMBEDDERS as readonly string[]).includes(choice)) {
    throw new ConfigError('EMBEDDER', `must be one of ${EMBEDDERS.join(', ')}, got "${env.EMBEDDER}"`);
  }
  const apiKey = read(env, 'OPENAI_API_KEY', ['OPENAI_KEY'], warnings)?.trim() || undefined;
  const rawBase = env.OPENAI_BASE_URL?.trim() || undefined;
  if (rawBase !== undefined) {
    let url: URL;
    try {
      url = new URL(rawBase);
    } catch {
      throw new ConfigError('OPENAI_BASE_URL', `is not a valid URL: "${redactCredentials(rawBase)}"`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new ConfigError('OPENAI_BASE_URL', `must be an http:// or https:// URL, got "${redactCredentials(rawBase)}"`);
    }
  }
  const embedder = choice === 'auto' ? (apiKey ? 'openai' : 'local') : (choice as 'local' | 'openai');
  if (embedder === 'openai' && !apiKey) {
    throw new ConfigError('OPENAI_API_KEY', 'is required with EMBEDDER=openai (any non-empty value for servers without keys, e.g. Ollama)');
  }
  const model = env.EMBEDDING_MODEL?.trim() || 'text-embedding-3-small';
  if (model.length > 200) throw new ConfigError('EMBEDDING_MODEL', 'must be at most 200 characters');
  const dimensions =
    env.EMBEDDING_DIMENSIONS === undefined || env.EMBEDDING_DIMENSIONS.trim() === ''
      ? undefined
      : integer('EMBEDDING_DIMENSIONS', env.EMBEDDING_DIMENSIONS, 0, 1, 32_768);
  const address = read(env, 'MILVUS_ADDRESS', ['MILVUS_ENDPOINT'], warnings)?.trim() || undefined;
  const collection = env.MILVUS_COLLECTION?.trim() || 'neuralops_runs';
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,254}$/.test(collection)) {
    throw new ConfigError('MILVUS_COLLECTION', `must start with a letter or underscore and hold only letters, digits and underscores, got "${collection}"`);
  }
  const token = env.MILVUS_TOKEN?.trim() || undefined;
  if (token && !address) throw new ConfigError('MILVUS_ADDRESS', 'is required when MILVUS_TOKEN is set');
  const milvus = address ? milvusAddress(address, token) : undefined;
  return {
    enabled,
    embedder,
    openai: embedder === 'openai' ? { apiKey: apiKey!, baseUrl: rawBase?.replace(/\/+$/, '') } : undefined,
    model,
    dimensions,
    embedInputsOutputs: similarityFlag('EMBED_INPUTS_OUTPUTS', env.EMBED_INPUTS_OUTPUTS, true),
    milvus: milvus
      ? { ...milvus, collection, timeoutMs: integer('MILVUS_TIMEOUT_MS', env.MILVUS_TIMEOUT_MS?.trim() || undefined, 10_000, 100, 600_000) }
      : undefined,
    workerIntervalMs: integer('EMBEDDING_WORKER_INTERVAL_MS', env.EMBEDDING_WORKER_INTERVAL_MS?.trim() || undefined, 1000, 50, 3_600_000),
    batchSize: integer('EMBEDDING_BATCH_SIZE', env.EMBEDDING_BATCH_SIZE?.trim() || undefined, 32, 1, 2048),
  };
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
  const signalRetentionDays =
    env.SIGNAL_RETENTION_DAYS === undefined || env.SIGNAL_RETENTION_DAYS === ''
      ? runRetentionDays
      : integer('SIGNAL_RETENTION_DAYS', env.SIGNAL_RETENTION_DAYS, 0, 1, 36500);

  const redactKeys = (env.REDACT_KEYS ?? DEFAULT_REDACT_KEYS)
    .split(',')
    .map((k) => k.trim().toLowerCase())
    .filter((k) => k.length > 0);

  const insight = loadInsightConfig(env, warnings, port, host);

  const registryAutoRegister = strictBoolean('REGISTRY_AUTO_REGISTER', env.REGISTRY_AUTO_REGISTER, true);

  const corsOrigins = (env.CORS_ORIGINS ?? '')
    .split(',')
    .map((o) => o.trim())
    .filter((o) => o.length > 0);
  for (const origin of corsOrigins) {
    if (origin !== '*' && !/^https?:\/\/[^/\s]+$/.test(origin)) {
      throw new ConfigError('CORS_ORIGINS', `"${origin}" is not an origin like https://app.example.com (or *)`);
    }
  }
  const rateLimitPerKeyPerS =
    env.RATE_LIMIT_PER_KEY_PER_S === undefined || env.RATE_LIMIT_PER_KEY_PER_S === ''
      ? undefined
      : integer('RATE_LIMIT_PER_KEY_PER_S', env.RATE_LIMIT_PER_KEY_PER_S, 0, 1, 1_000_000);

  const similarity = loadSimilarityConfig(env, warnings);

  const otlp: OtlpConfig = {
    grpcPort: env.OTLP_GRPC_PORT === undefined || env.OTLP_GRPC_PORT.trim() === '' ? undefined : integer('OTLP_GRPC_PORT', env.OTLP_GRPC_PORT.trim(), 0, 1, 65535),
    grpcHost: env.OTLP_GRPC_HOST?.trim() || host,
    rootWaitS: integer('OTLP_ROOT_WAIT_S', env.OTLP_ROOT_WAIT_S?.trim() || undefined, 60, 1, 86_400),
    maxSpansPerRequest: 10_000,
    maxAttributesPerSpan: 128,
  };

  const hotPathOff = (env.HOT_PATH_OFF ?? '').split(',').map((n) => n.trim()).filter((n) => n.length > 0);
  for (const name of hotPathOff) {
    if (!(HOT_PATH_TRICKS as readonly string[]).includes(name)) throw new ConfigError('HOT_PATH_OFF', `"${name}" is not one of ${HOT_PATH_TRICKS.join(', ')}`);
  }

  return new AppConfig({
    hotPathOff: hotPathOff as HotPathTrick[],
    trustProxy: trustProxy(env.TRUST_PROXY),
    authFailuresPerIpPerS: integer('AUTH_FAILURES_PER_IP_PER_S', env.AUTH_FAILURES_PER_IP_PER_S?.trim() || undefined, 20, 1, 1_000_000),
    corsOrigins,
    apiServerUrl: httpUrl('PUBLIC_URL', env.PUBLIC_URL) ?? '/',
    consoleDir: path.resolve(env.CONSOLE_DIR || path.join(packageRoot(), 'web', 'dist')),
    rateLimitPerKeyPerS,
    insight,
    port,
    host,
    dataDir,
    database,
    adminApiKey,
    maxBodyBytes,
    maxBatchBodyBytes,
    logLevel,
    runRetentionDays,
    signalRetentionDays,
    redactKeys,
    similarity,
    registryAutoRegister,
    modelPrices: modelPrices(env.MODEL_PRICES_FILE),
    otlp,
    warnings,
  });
}

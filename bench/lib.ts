import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import { load as loadWith, LoadOptions, LoadResult } from './loader';
export { freePort } from '../test/support/free-port';
import { freePort } from '../test/support/free-port';

export const ROOT = path.join(__dirname, '..');
export const ADMIN_KEY = `bench-admin-${randomBytes(12).toString('hex')}`;


export { median } from './stats';

/**
 * Names of the bench's databases start with this (`--db-prefix`, default `bench`), so several
 * people can bench against one PostgreSQL server without dropping each other's databases.
 */
let dbPrefix = 'bench';
export function setDatabasePrefix(prefix: string): void {
  if (!/^[a-z_][a-z0-9_]{0,30}$/.test(prefix)) throw new Error(`--db-prefix must be a lower-case SQL identifier of at most 31 characters: ${JSON.stringify(prefix)}`);
  dbPrefix = prefix;
}

export function databasePrefix(): string {
  return dbPrefix;
}

export function benchDatabaseUrl(): string {
  return process.env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
}

/** A database of the bench's own, created and dropped by the harness. */
export async function createDatabase(purpose: string): Promise<{ url: string; name: string; drop: () => Promise<void> }> {
  const admin = benchDatabaseUrl();
  const name = `${dbPrefix}_${purpose}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const c = new Client({ connectionString: admin });
  await c.connect();
  await c.query(`CREATE DATABASE ${name}`);
  await c.end();
  const u = new URL(admin);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    name,
    drop: async () => {
      const d = new Client({ connectionString: admin });
      await d.connect();
      await d.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await d.end();
    },
  };
}

export interface Server {
  url: string;
  child: ChildProcess;
  pid: number;
  /** milliseconds from spawning the process to the first 200 from its health route */
  readyMs: number;
  /** the server's scratch data dir, removed when it stops (NeuralOps keeps its SQLite file, `neuralops.db`, there) */
  dataDir?: string;
  stop: () => Promise<void>;
}

/** Polls `url` every 10 ms until it answers 200. */
async function waitFor(url: string, child: ChildProcess, timeoutMs = 60_000): Promise<void> {
  const start = Date.now();
  while (Date.now() - start < timeoutMs) {
    if (child.exitCode !== null) throw new Error(`process exited with ${child.exitCode}`);
    try {
      const res = await fetch(url);
      await res.arrayBuffer();
      if (res.status === 200) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`);
}

/** Starts a server; `scratchDir` (its data) is removed once it has stopped. */
function spawnServer(args: string[], env: Record<string, string>, health: string, scratchDir?: string): Promise<Server> {
  return (async () => {
    const port = await freePort();
    const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...env, PORT: String(port) }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr!.on('data', (d) => (stderr = (stderr + d).slice(-4000)));
    const url = `http://127.0.0.1:${port}`;
    const spawned = process.hrtime.bigint();
    try {
      await waitFor(url + health, child);
    } catch (err) {
      child.kill('SIGKILL');
      if (scratchDir) fs.rmSync(scratchDir, { recursive: true, force: true });
      throw new Error(`${(err as Error).message}\n${stderr}`);
    }
    return {
      url,
      child,
      pid: child.pid!,
      readyMs: Number(process.hrtime.bigint() - spawned) / 1e6,
      dataDir: scratchDir,
      stop: () =>
        new Promise<void>((resolve) => {
          const done = () => {
            if (scratchDir) fs.rmSync(scratchDir, { recursive: true, force: true });
            resolve();
          };
          if (child.exitCode !== null || child.signalCode !== null) return done();
          child.once('exit', done);
          child.kill('SIGTERM');
          setTimeout(() => child.kill('SIGKILL'), 12_000).unref();
        }),
    };
  })();
}

/**
 * Node flags for both servers: the ones `npm start` runs NeuralOps with (the runtime tuning is the
 * product's, and the baseline gets the same), plus BENCH_SERVER_NODE_ARGS.
 */
function serverNodeArgs(): string[] {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  const start = /^node ((?:--\S+ )*)dist\/src\/main\.js$/.exec(pkg.scripts.start);
  if (!start) throw new Error(`package.json "start" is not "node [flags] dist/src/main.js": ${pkg.scripts.start}`);
  return [...start[1].split(' '), ...(process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ')].filter(Boolean);
}

/**
 * The real server (compiled), with the embedding worker and the scheduler off unless asked, and
 * everything else as deployed (its default log level: one access line per request).
 * BENCH_SERVER_NODE_ARGS adds node flags to it and to the baseline, e.g. `--cpu-prof --cpu-prof-dir=.tmp/prof`.
 */
export function startNeuralOps(opts: { databaseUrl?: string; env?: Record<string, string>; nodeArgs?: string[] }): Promise<Server> {
  const dataDir = opts.env?.DATA_DIR ? undefined : fs.mkdtempSync(path.join(os.tmpdir(), 'neuralops-bench-'));
  return spawnServer(
    // `nodeArgs` come last, so they override the ones of `npm start`
    [...serverNodeArgs(), ...(opts.nodeArgs ?? []), path.join(ROOT, 'dist/src/main.js')],
    {
      DATABASE_URL: opts.databaseUrl ?? '',
      ...(dataDir ? { DATA_DIR: dataDir } : {}),
      ADMIN_API_KEY: ADMIN_KEY,
      EMBEDDINGS_ENABLED: 'false',
      SCHEDULER_ENABLED: 'false',
      PROM_URL: '',
      ...opts.env,
    },
    '/health',
    dataDir,
  );
}

/**
 * The bare baseline. By default it writes to a table of its own; with `readFrom` it serves the read
 * routes from NeuralOps' tables — the PostgreSQL database, or the SQLite file of that server.
 * `tuned` (the default) gives it what NeuralOps' own server gets: the Node flags of `npm start`
 * (and BENCH_SERVER_NODE_ARGS) and the same HTTP-server set-up (BASELINE_TUNED, see
 * bench/baseline-server.ts); `tuned: false` is stock Node and stock Express, to show what the
 * tuning buys.
 */
export function startBaseline(opts: { databaseUrl?: string; readFrom?: Server; tuned?: boolean }): Promise<Server> {
  const tuned = opts.tuned !== false;
  const nodeArgs = tuned ? serverNodeArgs() : [];
  const env = { BASELINE_TUNED: tuned ? '1' : '' };
  if (opts.readFrom) {
    const sqlite = opts.databaseUrl ? '' : path.join(opts.readFrom.dataDir ?? '', 'neuralops.db');
    return spawnServer(
      [...nodeArgs, '-r', 'ts-node/register/transpile-only', path.join(ROOT, 'bench/baseline-server.ts')],
      { ...env, DATABASE_URL: opts.databaseUrl ?? '', SQLITE_PATH: sqlite, BASELINE_MODE: 'read' },
      '/health',
    );
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'neuralops-baseline-'));
  return spawnServer(
    [...nodeArgs, '-r', 'ts-node/register/transpile-only', path.join(ROOT, 'bench/baseline-server.ts')],
    { ...env, DATABASE_URL: opts.databaseUrl ?? '', SQLITE_PATH: path.join(dataDir, 'baseline.db') },
    '/health',
    dataDir,
  );
}

export { checked } from './loader';
export type { LoadResult } from './loader';

/** The bench's loader (bench/loader.ts) with the admin key (or BENCH_KEY) sent on every request. */
export function load(opts: LoadOptions): Promise<LoadResult> {
  return loadWith({ ...opts, headers: { 'x-api-key': process.env.BENCH_KEY ?? ADMIN_KEY, ...opts.headers } });
}

/** A realistic run: about 2 KB of JSON with 5 node logs. */
export function realisticRun(wpk: string, runId: string, at = new Date()): Record<string, unknown> {
  const nodes = ['fetch', 'parse', 'enrich', 'decide', 'store'];
  const t0 = at.getTime() - 1500;
  return {
    wpk_id: wpk,
    run_id: runId,
    status: 'completed',
    inputs: { invoice_url: `https://example.com/invoices/${runId}.pdf`, customer: { id: 'cus_8842', region: 'eu-west-1', tier: 'gold' }, options: { ocr: true, language: 'en' } },
    outputs: { total: 1280.5, currency: 'EUR', lines: 12, decision: 'approve', confidence: 0.93 },
    duration_ms: 1500,
    tags: ['prod', 'invoice'],
    metadata: { model: 'rules-v3', host: 'worker-17', attempt: 1 },
    started_at: new Date(t0).toISOString(),
    ended_at: at.toISOString(),
    node_logs: nodes.map((node, i) => ({
      node,
      step: i + 1,
      status: 'completed',
      started_at: new Date(t0 + i * 300).toISOString(),
      ended_at: new Date(t0 + i * 300 + 280).toISOString(),
      duration_ms: 280,
      inputs: { keys: ['invoice_url', 'customer'], size: 418 },
      outputs: { ok: true, note: `${node} finished without warnings` },
      checkpoint_ns: '',
      thread_id: 'thread-1',
    })),
  };
}

export function fmt(n: number, digits = 1): string {
  return Number.isFinite(n) ? n.toFixed(digits) : 'n/a';
}

/** CPU seconds (user + system) the process has used so far, from /proc. */
export function cpuSeconds(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  const CLOCK_TICKS_PER_S = 100; // USER_HZ on Linux (`getconf CLK_TCK`)
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_S;
}

export function rssMb(pid: number): number {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
    return kb / 1024;
  } catch {
    return NaN;
  }
}

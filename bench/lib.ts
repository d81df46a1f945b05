import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import autocannon from 'autocannon';
import { Client } from 'pg';
export { freePort } from '../test/support/free-port';
import { freePort } from '../test/support/free-port';

export const ROOT = path.join(__dirname, '..');
export const ADMIN_KEY = `bench-admin-${randomBytes(12).toString('hex')}`;


export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

export function benchDatabaseUrl(): string {
  return process.env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
}

/** A database of the bench's own, created and dropped by the harness. */
export async function createDatabase(prefix: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const admin = benchDatabaseUrl();
  const name = `${prefix}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const c = new Client({ connectionString: admin });
  await c.connect();
  await c.query(`CREATE DATABASE ${name}`);
  await c.end();
  const u = new URL(admin);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
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
  /** the server's scratch data dir, removed when it stops (NeuralOps keeps its SQLite file, `neuralops.db`, there) */
  dataDir?: string;
  stop: () => Promise<void>;
}

async function waitFor(url: string, child: ChildProcess, timeoutMs = 60_000): Promise<void> {
  const start = Date.now();
  while (Date.now() - start < timeoutMs) {
    if (child.exitCode !== null) throw new Error(`process exited with ${child.exitCode}`);
    try {
      const res = await fetch(url);
      if (res.status < 500) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100));
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
export function startNeuralOps(opts: { databaseUrl?: string; env?: Record<string, string> }): Promise<Server> {
  const dataDir = opts.env?.DATA_DIR ? undefined : fs.mkdtempSync(path.join(os.tmpdir(), 'neuralops-bench-'));
  return spawnServer(
    [...serverNodeArgs(), path.join(ROOT, 'dist/src/main.js')],
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
 */
export function startBaseline(opts: { databaseUrl?: string; readFrom?: Server; serverClasses?: boolean }): Promise<Server> {
  const classes = opts.serverClasses ? '1' : '';
  if (opts.readFrom) {
    const sqlite = opts.databaseUrl ? '' : path.join(opts.readFrom.dataDir ?? '', 'neuralops.db');
    return spawnServer(
      [...serverNodeArgs(), '-r', 'ts-node/register/transpile-only', path.join(ROOT, 'bench/baseline-server.ts')],
      { DATABASE_URL: opts.databaseUrl ?? '', SQLITE_PATH: sqlite, BASELINE_MODE: 'read', BASELINE_SERVER_CLASSES: classes },
      '/health',
    );
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'neuralops-baseline-'));
  return spawnServer(
    [...serverNodeArgs(), '-r', 'ts-node/register/transpile-only', path.join(ROOT, 'bench/baseline-server.ts')],
    { DATABASE_URL: opts.databaseUrl ?? '', SQLITE_PATH: path.join(dataDir, 'baseline.db'), BASELINE_SERVER_CLASSES: classes },
    '/health',
    dataDir,
  );
}

export interface LoadResult {
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
  non2xx: number;
  requests: number;
}

export async function load(opts: {
  url: string;
  connections: number;
  duration: number;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: () => string;
  path?: () => string;
}): Promise<LoadResult> {
  const result = await autocannon({
    url: opts.url,
    connections: opts.connections,
    duration: opts.duration,
    headers: { 'content-type': 'application/json', 'x-api-key': process.env.BENCH_KEY ?? ADMIN_KEY, ...opts.headers },
    requests: [
      {
        method: opts.method ?? 'GET',
        setupRequest: (req: Record<string, unknown>) => {
          if (opts.body) req.body = opts.body();
          if (opts.path) req.path = opts.path();
          return req;
        },
      },
    ],
  } as unknown as autocannon.Options);
  const lat = result.latency as unknown as Record<string, number>;
  return {
    rps: result.requests.average,
    p50: lat.p50,
    p95: lat.p97_5 ?? lat.p90,
    p99: lat.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    requests: result.requests.total,
  };
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

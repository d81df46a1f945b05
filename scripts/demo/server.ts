import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

export interface DemoServer {
  url: string;
  apiKey: string;
  /** null when the demo uses NEURALOPS_URL */
  dataDir: string | null;
  logFile: string | null;
  how: string;
  /** the child's pid, null when the demo uses NEURALOPS_URL */
  pid: number | null;
  stop(): Promise<void>;
  /** leave it running after the demo exits */
  detach(): void;
}

/** The repository root (this file runs from scripts/demo or, compiled, from dist/scripts/demo). */
const ROOT = (() => {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
})();

/** Uses NEURALOPS_URL + NEURALOPS_API_KEY when set, else starts the server as a child on a free port. */
export async function startDemoServer(env: NodeJS.ProcessEnv = process.env): Promise<DemoServer> {
  if (env.NEURALOPS_URL) {
    if (!env.NEURALOPS_API_KEY) throw new Error('NEURALOPS_URL needs NEURALOPS_API_KEY (an admin key)');
    const url = env.NEURALOPS_URL.replace(/\/+$/, '');
    await waitHealthy(url, 10_000, null);
    return { url, apiKey: env.NEURALOPS_API_KEY, dataDir: null, logFile: null, pid: null, how: 'NEURALOPS_URL', stop: async () => undefined, detach: () => undefined };
  }
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'neuralops-demo-'));
  const apiKey = `demo-${randomBytes(18).toString('hex')}`;
  const logFile = path.join(dataDir, 'server.log');
  const log = fs.openSync(logFile, 'a');
  const fresh = env.NEURALOPS_DEMO_FROM_SOURCE !== '1' && distIsFresh();
  const args = fresh ? [path.join(ROOT, 'dist/src/main.js')] : ['-r', path.join(ROOT, 'scripts/ts-register.js'), path.join(ROOT, 'src/main.ts')];
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: ROOT,
    env: {
      ...withoutKeys(env, ['DATABASE_URL', 'POSTGRES_DSN', 'PROM_URL', 'MILVUS_ADDRESS', 'MILVUS_ENDPOINT', 'OPENAI_API_KEY', 'OPENAI_KEY']),
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      ADMIN_API_KEY: apiKey,
      // the demo runs its probe on demand; embeddings are picked up quickly for the similar-runs step
      SCHEDULER_ENABLED: 'false',
      EMBEDDINGS_ENABLED: 'true',
      EMBEDDER: 'local',
      EMBEDDING_WORKER_INTERVAL_MS: '200',
      LOG_LEVEL: env.DEMO_LOG_LEVEL ?? 'warn',
      TS_NODE_PROJECT: path.join(ROOT, 'tsconfig.json'),
    },
    stdio: ['ignore', log, log],
    detached: true,
  });
  fs.closeSync(log);
  let exited: string | null = null;
  child.on('exit', (code, signal) => {
    exited = `the server exited (${signal ?? code}); see ${logFile}`;
  });
  const url = `http://127.0.0.1:${port}`;
  await waitHealthy(url, 90_000, () => exited);
  const stop = async () => {
    if (exited || child.pid === undefined) return;
    const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await gone;
    clearTimeout(timer);
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  return {
    url,
    apiKey,
    dataDir,
    logFile,
    pid: child.pid ?? null,
    how: fresh ? 'node dist/src/main.js' : 'ts-node src/main.ts (no fresh build; `npm run build` starts it faster)',
    stop,
    detach: () => child.unref(),
  };
}

async function waitHealthy(url: string, timeoutMs: number, failed: (() => string | null) | null): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    const reason = failed?.();
    if (reason) throw new Error(reason);
    try {
      const res = await fetch(`${url}/health`, { signal: AbortSignal.timeout(2_000) });
      if (res.status === 200) return;
      last = `health answered ${res.status}`;
    } catch (err) {
      last = err instanceof Error ? err.message : String(err);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`NeuralOps at ${url} did not become healthy within ${timeoutMs / 1000} s (${last})`);
}

function withoutKeys(env: NodeJS.ProcessEnv, keys: string[]): NodeJS.ProcessEnv {
  const copy = { ...env };
  for (const k of keys) delete copy[k];
  return copy;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/** dist/src/main.js exists and is newer than every source and migration file. */
function distIsFresh(): boolean {
  let built: number;
  try {
    built = fs.statSync(path.join(ROOT, 'dist/src/main.js')).mtimeMs;
  } catch {
    return false;
  }
  const newest = (dir: string): number => {
    let max = 0;
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) max = Math.max(max, newest(full));
      else if (entry.name.endsWith('.ts')) max = Math.max(max, fs.statSync(full).mtimeMs);
    }
    return max;
  };
  return newest(path.join(ROOT, 'src')) <= built && newest(path.join(ROOT, 'migrations')) <= built;
}

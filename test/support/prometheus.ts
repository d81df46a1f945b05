import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
export { freePort } from './free-port';
import { freePort } from './free-port';

/**
 * Real Prometheus and Alertmanager for tests: each started on a free 127.0.0.1 port with its own
 * temporary config and data directory. Without the binaries the suites skip loudly; under CI=true
 * they fail instead.
 */

function which(names: string[]): string | undefined {
  for (const name of names) {
    for (const dir of (process.env.PATH ?? '').split(path.delimiter).concat(['/usr/bin', '/usr/local/bin', '/bin'])) {
      const candidate = path.join(dir, name);
      try {
        fs.accessSync(candidate, fs.constants.X_OK);
        return candidate;
      } catch {
        // next
      }
    }
  }
  return undefined;
}

export const BINARIES = {
  prometheus: process.env.PROMETHEUS_BIN || which(['prometheus']),
  promtool: process.env.PROMTOOL_BIN || which(['promtool']),
  alertmanager: process.env.ALERTMANAGER_BIN || which(['prometheus-alertmanager', 'alertmanager']),
};

export function missingBinaries(): string[] {
  return Object.entries(BINARIES)
    .filter(([, bin]) => !bin)
    .map(([name]) => name);
}

/**
 * `describe` when Prometheus, promtool and Alertmanager are installed. Otherwise: under CI=true a
 * failing test naming what is missing; locally a loud skip.
 */
export function describeWithPrometheus(name: string, fn: () => void, base: (name: string, fn: () => void) => void = describe): void {
  const missing = missingBinaries();
  if (!missing.length) {
    base(name, fn);
    return;
  }
  if (process.env.CI === 'true') {
    describe(name, () => {
      it('needs Prometheus, promtool and Alertmanager installed', () => {
        throw new Error(`missing under CI=true: ${missing.join(', ')} (apt-get install prometheus prometheus-alertmanager)`);
      });
    });
    return;
  }
  // eslint-disable-next-line no-console
  console.warn(`\n!!! SKIPPED (${missing.join(', ')} not installed): ${name}\n!!! apt-get install prometheus prometheus-alertmanager to run it.\n`);
  describe.skip(name, fn);
}


export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

async function waitReady(url: string, proc: ManagedProcess, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    if (proc.exited) throw new Error(`${proc.name} exited (${proc.exitCode}) before it was ready:\n${proc.output().slice(-3000)}`);
    try {
      const res = await fetch(`${url}/-/ready`);
      if (res.status === 200) return;
      last = `HTTP ${res.status}`;
    } catch (err) {
      last = err instanceof Error ? err.message : String(err);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${proc.name} at ${url} not ready after ${timeoutMs} ms (${last}):\n${proc.output().slice(-3000)}`);
}

export class ManagedProcess {
  private child: ChildProcess | undefined;
  private log: string[] = [];
  exited = false;
  exitCode: number | null = null;

  constructor(
    readonly name: string,
    private readonly bin: string,
    private readonly args: string[],
  ) {}

  start(): void {
    this.exited = false;
    const child = spawn(this.bin, this.args, { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout!.on('data', (d: Buffer) => this.log.push(d.toString()));
    child.stderr!.on('data', (d: Buffer) => this.log.push(d.toString()));
    child.on('exit', (code) => {
      this.exited = true;
      this.exitCode = code;
    });
    this.child = child;
  }

  output(): string {
    return this.log.join('');
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || this.exited) return;
    const done = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await done;
    clearTimeout(timer);
  }
}

export interface RunningPrometheus {
  url: string;
  port: number;
  dataDir: string;
  process: ManagedProcess;
  stop(): Promise<void>;
  /** start again on the same port and data */
  restart(): Promise<void>;
  close(): Promise<void>;
}

/** OpenMetrics text → TSDB blocks in `dataDir` (promtool, 24 h blocks). */
export function backfill(dataDir: string, openMetrics: string): void {
  const input = path.join(dataDir, '..', `backfill-${process.pid}-${Date.now()}.om`);
  fs.writeFileSync(input, openMetrics.endsWith('# EOF\n') ? openMetrics : `${openMetrics}# EOF\n`);
  try {
    execFileSync(BINARIES.promtool!, ['tsdb', 'create-blocks-from', 'openmetrics', '--max-block-duration=24h', input, dataDir], { stdio: 'pipe' });
  } finally {
    fs.rmSync(input, { force: true });
  }
}

export interface PrometheusOptions {
  /** scrape these host:port targets' /metrics every second */
  scrapeTargets?: string[];
  /** OpenMetrics samples to backfill before start */
  openMetrics?: string;
  /** must reach back past the oldest backfilled sample */
  retention?: string;
  /** also scrape Prometheus's own /metrics every second (job "prometheus", several hundred real series) */
  scrapeSelf?: boolean;
}

export async function startPrometheus(options: PrometheusOptions = {}): Promise<RunningPrometheus> {
  const root = tempDir('neuralops-prom-');
  const dataDir = path.join(root, 'data');
  fs.mkdirSync(dataDir);
  if (options.openMetrics) backfill(dataDir, options.openMetrics);
  const port = await freePort();
  const job = (name: string, targets: string[]) =>
    `  - job_name: ${name}\n    scrape_interval: 1s\n    scrape_timeout: 1s\n    static_configs:\n      - targets: [${targets.map((t) => `'${t}'`).join(', ')}]\n`;
  const jobs = [
    ...(options.scrapeTargets?.length ? [job('neuralops', options.scrapeTargets)] : []),
    ...(options.scrapeSelf ? [job('prometheus', [`127.0.0.1:${port}`])] : []),
  ];
  const scrape = jobs.length ? `scrape_configs:\n${jobs.join('')}` : 'scrape_configs: []\n';
  const configFile = path.join(root, 'prometheus.yml');
  fs.writeFileSync(configFile, `global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\n${scrape}`);
  const proc = new ManagedProcess('prometheus', BINARIES.prometheus!, [
    `--config.file=${configFile}`,
    `--storage.tsdb.path=${dataDir}`,
    `--storage.tsdb.retention.time=${options.retention ?? '3650d'}`,
    `--web.listen-address=127.0.0.1:${port}`,
    '--log.level=warn',
  ]);
  const url = `http://127.0.0.1:${port}`;
  proc.start();
  await waitReady(url, proc);
  return {
    url,
    port,
    dataDir,
    process: proc,
    stop: () => proc.stop(),
    restart: async () => {
      proc.start();
      await waitReady(url, proc);
    },
    close: async () => {
      await proc.stop();
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}

export interface RunningAlertmanager {
  url: string;
  close(): Promise<void>;
  /** GET /api/v2/alerts */
  alerts(): Promise<Array<{ labels: Record<string, string>; annotations: Record<string, string>; generatorURL: string; startsAt: string; endsAt: string; status: { state: string } }>>;
}

export async function startAlertmanager(fixedPort?: number): Promise<RunningAlertmanager> {
  const root = tempDir('neuralops-am-');
  const configFile = path.join(root, 'alertmanager.yml');
  fs.writeFileSync(configFile, "route:\n  receiver: blackhole\n  group_wait: 0s\nreceivers:\n  - name: blackhole\n");
  const port = fixedPort ?? (await freePort());
  const proc = new ManagedProcess('alertmanager', BINARIES.alertmanager!, [
    `--config.file=${configFile}`,
    `--storage.path=${path.join(root, 'data')}`,
    `--web.listen-address=127.0.0.1:${port}`,
    '--cluster.listen-address=',
    '--log.level=warn',
  ]);
  const url = `http://127.0.0.1:${port}`;
  proc.start();
  await waitReady(url, proc);
  return {
    url,
    close: async () => {
      await proc.stop();
      fs.rmSync(root, { recursive: true, force: true });
    },
    alerts: async () => (await (await fetch(`${url}/api/v2/alerts`)).json()) as never,
  };
}

/** Polls an async condition (a real system catching up), failing after `timeoutMs`. */
export async function eventually<T>(fn: () => Promise<T | undefined>, timeoutMs = 20_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const v = await fn();
      if (v !== undefined) return v;
    } catch (err) {
      last = err;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${what} not reached within ${timeoutMs} ms${last ? `: ${String(last)}` : ''}`);
}

/**
 * Part 6 of the performance bench: many Prometheus probes on the real scheduler against a real
 * Prometheus. Lateness is read back from the service's own records (each probe's `created_at`,
 * `next_run_at` and recent runs over the HTTP API); CPU and RSS from /proc of the server process.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadInsightConfig } from '../src/config/config';
import { backoffMs } from '../src/modules/insight/domain/probe';
import { BINARIES, RunningPrometheus, startPrometheus } from '../test/support/prometheus';
import { ADMIN_KEY, cpuSeconds, createDatabase, fmt, rssMb, startNeuralOps } from './lib';

interface ProbeRow {
  id: string;
  name: string;
  interval_s: number;
  created_at: string;
  next_run_at: string | null;
}

interface RunRow {
  started_at: string;
  finished_at: string;
  points_scored: number;
  error: string | null;
}

interface DriverResult {
  driver: string;
  /** runs started from the probes' creation to the end of the window */
  runs: number;
  /** what `runs` would be if each probe ran exactly every interval from its creation */
  expectedRuns: number;
  maxLateMs: number;
  p99LateMs: number;
  p50LateMs: number;
  lateOverInterval: number;
  starts: number;
  overdueAtEnd: number;
  errors: number;
  firstError: string | undefined;
  points: number;
  /** mean time between a probe's consecutive starts, ms */
  meanPeriodMs: number;
  cpuSeconds: number;
  windowS: number;
  rssStart: number;
  rssEnd: number;
  load1: number;
}

const headers = { 'content-type': 'application/json', 'x-api-key': ADMIN_KEY };

function promVersion(): string {
  const out = execFileSync(BINARIES.prometheus!, ['--version'], { stdio: ['ignore', 'pipe', 'pipe'] }).toString();
  return /version (\S+)/.exec(out)?.[1] ?? '';
}

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function pool<T>(items: T[], workers: number, fn: (item: T, i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (next < items.length) {
        const i = next++;
        await fn(items[i], i);
      }
    }),
  );
}

/** Selector strings for distinct series Prometheus scrapes from itself, one series each. */
async function seriesSelectors(prom: RunningPrometheus, wanted: number): Promise<string[]> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const res = await fetch(`${prom.url}/api/v1/series?${new URLSearchParams({ 'match[]': '{job="prometheus"}', start: String(Date.now() / 1000 - 60) })}`);
    const body = (await res.json()) as { data?: Array<Record<string, string>> };
    const selectors = (body.data ?? [])
      .map((labels) => {
        const { __name__: name, ...rest } = labels;
        return `${name}{${Object.entries(rest)
          .sort(([a], [b]) => (a < b ? -1 : 1))
          .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
          .join(',')}}`;
      })
      .sort();
    if (selectors.length >= Math.min(wanted, 200) || Date.now() > deadline) {
      if (!selectors.length) throw new Error('Prometheus scraped no series of its own');
      return selectors;
    }
    await new Promise((r) => setTimeout(r, 500));
  }
}

async function getJson<T>(url: string): Promise<T> {
  const res = await fetch(url, { headers });
  if (res.status !== 200) throw new Error(`GET ${url}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

async function measure(driver: 'sqlite' | 'postgres', prom: RunningPrometheus, queries: string[], intervalS: number, windowS: number): Promise<DriverResult> {
  const db = driver === 'postgres' ? await createDatabase('probes') : undefined;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'neuralops-bench-probes-'));
  const server = await startNeuralOps({ databaseUrl: db?.url, env: { SCHEDULER_ENABLED: 'true', PROM_URL: prom.url, DATA_DIR: dataDir } });
  let exited: string | undefined;
  let stderr = '';
  server.child.stderr?.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
  server.child.once('exit', (code, signal) => (exited = `exited (${signal ?? code})`));
  try {
    await pool(queries, 8, async (query, i) => {
      const res = await fetch(`${server.url}/probes`, { method: 'POST', headers, body: JSON.stringify({ name: `bench-probe-${i}`, query, interval_s: intervalS, step: `${intervalS}s` }) });
      if (res.status !== 201) throw new Error(`POST /probes ${query}: ${res.status} ${await res.text()}`);
    });

    // the window opens once every probe exists; lateness also covers the runs before it
    const cpu0 = cpuSeconds(server.pid);
    const rssStart = rssMb(server.pid);
    const t0 = Date.now();
    await new Promise((r) => setTimeout(r, windowS * 1000));
    if (exited) throw new Error(`the ${driver} server ${exited} during the window; no figure is reported\n${stderr}`);
    const cpu1 = cpuSeconds(server.pid);
    const t1 = Date.now();
    const rssEnd = rssMb(server.pid);
    const load1 = os.loadavg()[0];
    const { items } = await getJson<{ items: ProbeRow[] }>(`${server.url}/probes`);

    const late: number[] = [];
    let expectedRuns = 0;
    let overdueAtEnd = 0;
    let errors = 0;
    let points = 0;
    let firstError: string | undefined;
    const periods: number[] = [];
    await pool(items, 8, async (probe) => {
      const detail = await getJson<{ recent_runs: RunRow[] }>(`${server.url}/probes/${probe.id}`);
      if (detail.recent_runs.length >= 20) throw new Error(`probe ${probe.name} has 20 or more runs; the API shows only the latest 20, so a shorter window is needed`);
      const runs = detail.recent_runs.filter((r) => Date.parse(r.started_at) <= t1).sort((a, b) => Date.parse(a.started_at) - Date.parse(b.started_at));
      const intervalMs = probe.interval_s * 1000;
      const created = Date.parse(probe.created_at);
      expectedRuns += Math.floor((t1 - created) / intervalMs) + 1;
      // the service's own schedule: due at creation, then the previous run's finish plus the interval (or the back-off after a failure)
      let due = created;
      let failures = 0;
      for (const [k, run] of runs.entries()) {
        const started = Date.parse(run.started_at);
        if (k) periods.push(started - Date.parse(runs[k - 1].started_at));
        late.push(Math.max(0, started - due));
        points += run.points_scored;
        failures = run.error === null ? 0 : failures + 1;
        if (run.error !== null) {
          errors++;
          firstError ??= run.error;
        }
        due = Date.parse(run.finished_at) + (failures ? backoffMs(intervalMs, failures) : intervalMs);
      }
      // due before the window closed and not started by then: it counts as late by what it has waited so far
      const pending = probe.next_run_at ? Date.parse(probe.next_run_at) : due;
      const lastStart = runs.length ? Date.parse(runs[runs.length - 1].started_at) : -Infinity;
      if (pending < t1 && lastStart < pending) {
        overdueAtEnd++;
        late.push(t1 - pending);
      }
    });
    late.sort((a, b) => a - b);
    return {
      driver: driver === 'postgres' ? 'PostgreSQL' : 'SQLite',
      runs: late.length - overdueAtEnd,
      expectedRuns,
      maxLateMs: late[late.length - 1] ?? NaN,
      p99LateMs: percentile(late, 99),
      p50LateMs: percentile(late, 50),
      lateOverInterval: late.filter((ms) => ms > intervalS * 1000).length,
      starts: late.length,
      overdueAtEnd,
      errors,
      firstError,
      points,
      meanPeriodMs: periods.reduce((a, b) => a + b, 0) / periods.length,
      cpuSeconds: cpu1 - cpu0,
      windowS: (t1 - t0) / 1000,
      rssStart,
      rssEnd,
      load1,
    };
  } finally {
    await server.stop();
    await db?.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** `## 6.` of reports/performance: `count` probes every `interval` s, measured for `duration` s per driver. */
export async function probes(opts: { smoke: boolean; duration?: number }): Promise<string[]> {
  const count = opts.smoke ? 50 : 500;
  const intervalS = opts.smoke ? 10 : 60;
  // 3½ or 5½ intervals: the run count is not decided by a start falling a second either side of the end
  const windowS = opts.duration ?? (opts.smoke ? 35 : 330);
  const concurrency = loadInsightConfig(process.env, [], 0, '127.0.0.1').probeConcurrency;
  const prom = await startPrometheus({ scrapeSelf: true, retention: '1d' });
  const rows: string[] = [];
  const notes: string[] = [];
  let seriesCount = 0;
  try {
    const selectors = await seriesSelectors(prom, count);
    seriesCount = selectors.length;
    // one selected series per probe; past the distinct series, scaled copies keep every query distinct
    const queries = Array.from({ length: count }, (_, i) => {
      const s = selectors[i % selectors.length];
      const k = Math.floor(i / selectors.length);
      return k ? `${s} * ${k + 1}` : s;
    });
    for (const driver of ['sqlite', 'postgres'] as const) {
      const r = await measure(driver, prom, queries, intervalS, windowS);
      const cpuPerMin = (r.cpuSeconds / r.windowS) * 60;
      rows.push(
        `| ${r.driver} | ${r.runs} / ${r.expectedRuns} | ${fmt(r.p50LateMs / 1000, 2)} | ${fmt(r.p99LateMs / 1000, 2)} | ${fmt(r.maxLateMs / 1000, 2)} | **${r.lateOverInterval}** of ${r.starts} (${r.overdueAtEnd} still waiting at the end) | ${r.errors} | ${fmt(cpuPerMin, 2)} (${fmt((r.cpuSeconds / r.windowS) * 100, 1)} %) | ${fmt(r.rssStart, 0)} → ${fmt(r.rssEnd, 0)} | ${fmt(r.load1, 2)} |`,
      );
      notes.push(
        `${r.driver}: ${r.points} points scored over ${r.runs} runs${r.points ? '' : ' (the queries returned no data)'}; a probe's consecutive starts ${fmt(r.meanPeriodMs / 1000, 2)} s apart on average (the next run is due the interval after the previous one finished, and is found by the next 1 s tick)${r.firstError ? `; first run error: \`${r.firstError.replace(/`/g, "'")}\`` : ''}.`,
      );
    }
  } finally {
    await prom.close();
  }
  return [
    `## 6. Probing: ${count} Prometheus probes every ${intervalS} s`,
    '',
    `A real Prometheus ${promVersion()} scraping its own /metrics every second (${seriesCount} distinct series); the compiled server with the scheduler on (PROBE_CONCURRENCY ${concurrency}); ${count} probes created over \`POST /probes\`, each one distinct PromQL selector of one series (scaled copies \`* k\` past the distinct series), interval and step ${intervalS} s, default detector and lookback. Then ${windowS} s per driver from the last probe's creation (the CPU window); run counts and lateness cover everything from the first probe's creation to the end of it. Lateness of a start = its \`started_at\` minus when the service scheduled it (the probe's creation for the first run, else the previous run's \`finished_at\` plus the interval, or the back-off after a failure), read back from \`GET /probes\` and \`GET /probes/:id\`; a probe still due and unstarted when the window closes counts as late by how long it has waited. CPU: utime + stime of the server process over the window, from /proc. Target: no start late by more than one interval.`,
    '',
    '| driver | runs started by the end / if each ran exactly every interval | lateness p50 s | p99 s | max s | due starts late by > 1 interval | runs with an error | server CPU s per minute (% of one core) | server RSS MB start → end | 1-min load average at the end |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...rows,
    ...(notes.length ? ['', ...notes] : []),
    '',
    'Regenerate: `npm run bench:probes` (`-- --probe-window S` for another window)',
  ];
}

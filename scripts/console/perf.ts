/**
 * `npm run console:perf`: how fast each console page shows its data, in Debian's Chromium against
 * the compiled server (`npm run build` first), on SQLite and on PostgreSQL. Data at the sizes the
 * console promises to handle, recorded through the API: 10,000 workflows (three runs each in the
 * last day), a run with 500 node logs, and a signal whose series around the episode is 10,000 points.
 *
 * A page's time is from navigation start until its table, chart or timeline holds the data (read
 * in the page with performance.now()), on a cold load: a new tab with the HTTP cache cleared. Each
 * page is loaded 5 times; the median and every load are written to reports/performance/9-console.md,
 * then reports/performance.md is assembled. The initial JavaScript's gzipped size is measured on
 * web/dist.
 *
 *   --loads N     cold loads per page (default 5)
 *   --only sqlite|postgres
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { NeuralOpsClient, type CreateRun, type NodeLog } from '@neuralops/client';
import type { BrowserContext } from 'playwright-core';
import { ADMIN_KEY, createDatabase, fmt, median, ROOT, startNeuralOps } from '../../bench/lib';
import { CONSOLE_DIST, launchBrowser } from '../../test/support/console-browser';

const args = process.argv.slice(2);
const opt = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
};
const LOADS = Number(opt('loads', '5'));
const DRIVERS = opt('only', 'sqlite,postgres').split(',') as Array<'sqlite' | 'postgres'>;
const MIN = 60_000;
const WORKFLOWS = 10_000;
const NODE_LOGS = 500;
const CHART_POINTS = 10_000;
const BUDGET_MS = 1000;

interface Seeded {
  workflowId: string;
  bigRunId: string;
  signalId: string;
}

/** 500 node logs: fifty subgraph nodes of nine steps each, with a few failures and an interrupt. */
function bigRun(startMs: number): CreateRun {
  const logs: NodeLog[] = [];
  let t = startMs;
  for (let g = 0; g < 50 && logs.length < NODE_LOGS; g++) {
    const groupStart = t;
    const children: NodeLog[] = [];
    for (let k = 0; k < 9; k++) {
      const d = 20 + ((g * 7 + k * 13) % 40);
      children.push({ node: `step_${k}`, path: [`stage_${g}`], status: g % 17 === 5 && k === 4 ? 'failed' : 'completed', error: g % 17 === 5 && k === 4 ? 'tool call failed' : undefined, started_at: new Date(t).toISOString(), ended_at: new Date(t + d).toISOString(), outputs: { k } });
      t += d;
    }
    logs.push({ node: `stage_${g}`, status: g === 49 ? 'interrupted' : 'completed', started_at: new Date(groupStart).toISOString(), ended_at: new Date(t).toISOString() }, ...children);
  }
  return { wpk_id: 'perf-graph', run_id: 'perf-500', status: 'failed', error: 'tool call failed', node_logs: logs.slice(0, NODE_LOGS), started_at: new Date(startMs).toISOString(), ended_at: new Date(t).toISOString(), created_at: new Date(t + 10).toISOString(), duration_ms: t - startMs };
}

async function seed(client: NeuralOpsClient): Promise<Seeded> {
  const now = Date.now();
  // 10,000 workflows, each with three runs in the last day (they register themselves)
  const runs: CreateRun[] = [];
  for (let w = 0; w < WORKFLOWS; w++) {
    for (let k = 0; k < 3; k++) {
      const at = now - ((w * 3 + k) % 1380) * MIN - k * 7_000;
      runs.push({ wpk_id: `wf-${String(w).padStart(5, '0')}`, run_id: `r${k}`, status: (w + k) % 11 === 0 ? 'failed' : 'completed', duration_ms: 300 + ((w * 31 + k * 17) % 2000), created_at: new Date(at).toISOString() });
    }
  }
  for (let i = 0; i < runs.length; i += 500) {
    const res = await client.recordRuns(runs.slice(i, i + 500));
    if (res.failed) throw new Error(`seeding runs: ${JSON.stringify(res.items.find((r) => r.result === 'error'))}`);
  }
  const big = await client.recordRun(bigRun(now - 20 * MIN));
  // one burst of runs 6,667 min ago and nothing since: a runs_count probe with a week of cooldown
  // holds that episode open, so its series around the episode spans 10,000 one-minute points
  const burstAt = Math.floor(now / MIN) * MIN - Math.round((CHART_POINTS / 1.5) * MIN) + 5_000;
  await client.recordRuns(Array.from({ length: 40 }, (_, i) => ({ wpk_id: 'perf-chart', run_id: `b${i}`, status: 'completed' as const, duration_ms: 100, created_at: new Date(burstAt + i).toISOString() })));
  const probe = await client.createProbe({ name: 'perf-burst', source: 'runs', query: 'runs_count', wpk_id: 'perf-chart', lookback: '5d', step: '1m', detector: 'robust', detector_params: { window: 30 }, cooldown_s: 7 * 86_400 });
  const ran = await client.runProbe(probe.id);
  if (ran.run.error) throw new Error(`perf probe failed: ${ran.run.error}`);
  const signal = (await client.listSignals({ probe_id: probe.id, state: 'firing' })).items[0];
  if (!signal) throw new Error('the perf probe raised no signal');
  const series = await client.signalSeries(signal.id);
  if (Math.abs(series.samples.length - CHART_POINTS) > 5) throw new Error(`the signal's series has ${series.samples.length} points, not about ${CHART_POINTS}`);
  return { workflowId: 'wf-00042', bigRunId: big.id, signalId: signal.id };
}

/** When a page holds its data: every selector matches at least so many elements, and an attribute reaches a value. */
interface Ready {
  all: Array<[string, number]>;
  attr?: [string, string, number];
}

interface PageCase {
  name: string;
  path: string;
  ready: Ready;
}

function cases(s: Seeded): PageCase[] {
  return [
    { name: `Workflows (${WORKFLOWS.toLocaleString('en')} workflows, first page of 50 with 24 h stats)`, path: '/workflows', ready: { all: [['tbody tr', 50], ['svg.sparkline', 50]] } },
    { name: 'Workflow (3 charts of 24 h, run table)', path: `/workflows/${s.workflowId}`, ready: { all: [['.chart-box canvas', 3], ['[aria-label="Runs of the workflow"] tbody tr', 3]] } },
    { name: `Run (${NODE_LOGS} node logs on the timeline)`, path: `/runs/${s.bigRunId}`, ready: { all: [['.wf-row', NODE_LOGS]] } },
    { name: 'Signals (first page of 50)', path: '/signals', ready: { all: [['tbody tr', 1]] } },
    { name: `Signal (series of ${CHART_POINTS.toLocaleString('en')} points)`, path: `/signals/${s.signalId}`, ready: { all: [['.chart-box canvas', 1]], attr: ['.chart-box', 'data-points', CHART_POINTS - 5] } },
    { name: 'Probes', path: '/probes', ready: { all: [['tbody tr', 1]] } },
    { name: 'API keys', path: '/api-keys', ready: { all: [['tbody tr', 1]] } },
  ];
}

/**
 * One cold load: a new tab, the HTTP cache emptied, signed in through sessionStorage; ms from
 * navigation start until the data shows. The check runs in the page every frame from a script the
 * browser adds before the page's own (the page's policy allows no eval, so nothing is evaluated
 * from a string).
 */
async function coldLoad(context: BrowserContext, base: string, c: PageCase): Promise<number> {
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(e.message));
  try {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.clearBrowserCache');
    await page.addInitScript((key: string) => sessionStorage.setItem('neuralops.apiKey', key), ADMIN_KEY);
    await page.addInitScript((ready: Ready) => {
      const w = window as unknown as { __readyAt?: number };
      const holds = () =>
        ready.all.every(([selector, n]) => document.querySelectorAll(selector).length >= n) &&
        (!ready.attr || Number(document.querySelector(ready.attr[0])?.getAttribute(ready.attr[1])) >= ready.attr[2]);
      const tick = () => {
        if (holds()) w.__readyAt = performance.now();
        else requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    }, c.ready);
    await page.goto(`${base}/ui${c.path}`, { waitUntil: 'commit' });
    const deadline = Date.now() + 30_000;
    let ms: number | undefined;
    while (ms === undefined) {
      if (Date.now() > deadline) throw new Error(`${c.path}: the data did not show within 30 s`);
      await page.waitForTimeout(25);
      ms = await page.evaluate(() => (window as unknown as { __readyAt?: number }).__readyAt);
    }
    if (errors.length) throw new Error(`${c.path}: ${errors.join('; ')}`);
    return ms;
  } finally {
    await page.close();
  }
}

function initialJsGzip(): { files: number; bytes: number } {
  const html = fs.readFileSync(path.join(CONSOLE_DIST, 'index.html'), 'utf8');
  const scripts = [...html.matchAll(/<(?:script[^>]+src|link[^>]+rel="modulepreload"[^>]+href)="\/ui\/([^"]+\.js)"/g)].map((m) => m[1]);
  const bytes = scripts.reduce((n, f) => n + zlib.gzipSync(fs.readFileSync(path.join(CONSOLE_DIST, f)), { level: 9 }).length, 0);
  return { files: scripts.length, bytes };
}

function commit(): string {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'src', 'web', 'packages/client/src', 'scripts/console'], { cwd: ROOT, encoding: 'utf8' }).trim();
    return dirty ? `${head} with uncommitted changes` : head;
  } catch {
    return 'unknown';
  }
}

async function main(): Promise<void> {
  if (!fs.existsSync(path.join(ROOT, 'dist/src/main.js')) || !fs.existsSync(path.join(CONSOLE_DIST, 'index.html'))) throw new Error('run `npm run build` first');
  const js = initialJsGzip();
  const rows: string[] = [];
  let over = 0;
  const browser = await launchBrowser();
  try {
    for (const driver of DRIVERS) {
      const db = driver === 'postgres' ? await createDatabase('console') : undefined;
      const server = await startNeuralOps({ databaseUrl: db?.url, env: { LOG_LEVEL: 'warn' } });
      try {
        const client = new NeuralOpsClient({ baseUrl: server.url, apiKey: ADMIN_KEY, timeoutMs: 120_000 });
        const started = Date.now();
        const seeded = await seed(client);
        process.stdout.write(`${driver}: seeded in ${fmt((Date.now() - started) / 1000)} s\n`);
        for (const c of cases(seeded)) {
          await coldLoad(browser.context, server.url, c); // warms the server's own caches and statement plans, not the browser's
          const times: number[] = [];
          for (let i = 0; i < LOADS; i++) times.push(await coldLoad(browser.context, server.url, c));
          const m = median(times);
          if (m > BUDGET_MS) over++;
          process.stdout.write(`${driver} ${c.name}: median ${fmt(m, 0)} ms (${times.map((t) => fmt(t, 0)).join(', ')})\n`);
          rows.push(`| ${driver === 'sqlite' ? 'SQLite' : 'PostgreSQL'} | ${c.name} | **${fmt(m, 0)}** | ${times.map((t) => fmt(t, 0)).join(', ')} |`);
        }
      } finally {
        await server.stop();
        await db?.drop();
      }
    }
  } finally {
    await browser.close();
  }
  const lines = [
    '## 9. Web console: first render with data',
    '',
    `_Measured ${new Date().toISOString().slice(0, 10)} on commit ${commit()}._`,
    '',
    `\`npm run build && npm run console:perf\`. Debian's Chromium ${chromiumVersion()} (headless, through playwright-core) against the compiled server on the same two cores, over loopback. Each page is loaded ${LOADS} times cold (a new tab, the browser's HTTP cache cleared, the key in sessionStorage); the time runs from navigation start until the page's table, chart or timeline holds its data (performance.now() in the page, polled every frame). One load before them warms the server, not the browser. Data recorded through the API: ${WORKFLOWS.toLocaleString('en')} workflows with three runs each in the last 24 h, a run with ${NODE_LOGS} node logs (50 subgraphs), a signal whose series around its episode is ${CHART_POINTS.toLocaleString('en')} points (fetched and re-scored on every load). Budget: ${BUDGET_MS} ms each.`,
    '',
    `Initial JavaScript: ${js.files} file${js.files === 1 ? '' : 's'}, **${fmt(js.bytes / 1024, 1)} KB gzipped** (budget 250 KB; gzip -9 of the scripts index.html loads).`,
    '',
    '| database | page | median ms | each load, ms |',
    '| --- | --- | ---: | --- |',
    ...rows,
    '',
    over ? `**${over} page(s) over the ${BUDGET_MS} ms budget.**` : `Every page is within the ${BUDGET_MS} ms budget.`,
  ];
  const out = path.join(ROOT, 'reports', 'performance');
  fs.mkdirSync(out, { recursive: true });
  fs.writeFileSync(path.join(out, '9-console.md'), `${lines.join('\n')}\n`);
  execFileSync(process.execPath, [require.resolve('ts-node/dist/bin.js'), '--transpile-only', path.join(ROOT, 'bench', 'run.ts'), '--assemble'], { cwd: ROOT, stdio: 'inherit' });
  process.stdout.write(`${lines.join('\n')}\n`);
}

function chromiumVersion(): string {
  try {
    return execFileSync('/usr/bin/chromium', ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim().split(' ')[1] ?? '';
  } catch {
    return '';
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});

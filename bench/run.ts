/**
 * `npm run bench` (or `npm run bench:<name>`): drives the real server over HTTP on loopback with
 * autocannon and writes reports/performance.md. Every figure is a median of --repeat runs (3), each
 * NeuralOps figure beside a baseline measured in the same run.
 *
 *   --only ingest,batch,history,similar,probes,runmetrics,profile,otlp,insights   which parts (default: all)
 *   --insights-drivers postgres,sqlite    drivers of the insights part (default: both)
 *   --probe-window S                      seconds of scheduled probing per driver (default 330; smoke 35)
 *   --smoke                               tiny sizes, to keep the harness from rotting (CI)
 *   --repeat N  --duration S              runs per figure, seconds per load run
 *   --assemble                            only rebuild reports/performance.md from the sections
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import { insights } from './insights';
import { otlp } from './otlp';
import { probes as probeBench } from './probes';
import { profile } from './profile';
import { runMetrics } from './run-metrics';
import { ADMIN_KEY, cpuSeconds, createDatabase, fmt, load, median, realisticRun, ROOT, rssMb, Server, startBaseline, startNeuralOps } from './lib';

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(`--${name}`);
const opt = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
};
const SMOKE = flag('smoke');
const REPEAT = Number(opt('repeat', SMOKE ? '1' : '3'));
const DURATION = Number(opt('duration', SMOKE ? '2' : '10'));
const ONLY = opt('only', 'ingest,batch,history,similar,probes,runmetrics,profile,otlp,insights').split(',');
const OUT = path.join(ROOT, 'reports', SMOKE ? 'performance-smoke' : 'performance');

let seq = 0;
const unique = () => `${process.pid}-${Date.now().toString(36)}-${seq++}`;

function commit(): string {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'src', 'migrations', 'bench', 'package.json'], { cwd: ROOT, encoding: 'utf8' }).trim();
    return dirty ? `${head} with uncommitted changes` : head;
  } catch {
    return 'unknown';
  }
}

function section(name: string, body: string[]): void {
  const lines = [...body.slice(0, 1), '', `_Measured ${new Date().toISOString().slice(0, 10)} on commit ${commit()}._`, ...body.slice(1)];
  fs.mkdirSync(OUT, { recursive: true });
  fs.writeFileSync(path.join(OUT, `${name}.md`), lines.join('\n') + '\n');
  process.stdout.write(lines.join('\n') + '\n\n');
}

async function ingest(): Promise<void> {
  const rows: string[] = [];
  // NeuralOps twice: answering the stored run (its default), and with `Prefer: return=minimal`,
  // where it answers what the baseline answers ({ id, wpk_id, run_id, status })
  const variants = [
    { key: 'base', label: 'baseline' },
    { key: 'nops', label: 'NeuralOps, default answer (the stored run)' },
    { key: 'min', label: 'NeuralOps, `Prefer: return=minimal`', headers: { prefer: 'return=minimal' } },
  ] as const;
  for (const driver of ['postgres', 'sqlite'] as const) {
    const results = new Map(variants.map((v) => [v.key, { rps: [] as number[], p99: [] as number[], cpu: [] as number[], bad: 0 }]));
    for (let r = 0; r < REPEAT; r++) {
      for (const variant of variants) {
        const db = driver === 'postgres' ? await createDatabase(`bench_${variant.key}`) : undefined;
        const server = variant.key === 'base' ? await startBaseline({ databaseUrl: db?.url }) : await startNeuralOps({ databaseUrl: db?.url });
        const headers = 'headers' in variant ? variant.headers : undefined;
        try {
          await load({ url: `${server.url}/runs`, method: 'POST', connections: 16, duration: 1, headers, body: () => JSON.stringify(realisticRun('warm', unique())) });
          const cpuBefore = cpuSeconds(server.pid);
          const res = await load({ url: `${server.url}/runs`, method: 'POST', connections: 64, duration: DURATION, headers, body: () => JSON.stringify(realisticRun(`wf-${seq % 50}`, unique())) });
          const out = results.get(variant.key)!;
          out.cpu.push((1e6 * (cpuSeconds(server.pid) - cpuBefore)) / res.requests);
          out.rps.push(res.rps);
          out.p99.push(res.p99);
          out.bad += res.non2xx + res.errors;
        } finally {
          await server.stop();
          await db?.drop();
        }
      }
    }
    const base = median(results.get('base')!.rps);
    for (const variant of variants) {
      const out = results.get(variant.key)!;
      const ratio = variant.key === 'base' ? '—' : `**${fmt(median(out.rps) / base, 2)}×**`;
      rows.push(`| ${driver} | ${variant.label} | ${fmt(median(out.rps), 0)} | ${ratio} | ${fmt(median(out.p99), 0)} | ${fmt(median(out.cpu), 0)} | ${out.bad} |`);
    }
  }
  section('1-ingest', [
    '## 1. Single-run ingest, `POST /runs`',
    '',
    `A ~2 KB run with 5 node logs, unique run ids, 64 connections, ${DURATION} s per run, median of ${REPEAT}; the three servers take turns within each repeat, each on a fresh database. Baseline: bare Express + pg / better-sqlite3, parse, check, one upsert, answer \`{ id, wpk_id, run_id, status }\` (bench/baseline-server.ts). NeuralOps runs as deployed: authentication, validation, redaction, the workflow summary and embedding outbox in the same statement, metrics, and one JSON access-log line per request; it answers the whole stored run unless the client sends \`Prefer: return=minimal\`, when it answers what the baseline answers. Server CPU is the server process's user + system time over the load run, per request. Target on PostgreSQL: ≥ 0.7× the baseline.`,
    '',
    '| driver | server | req/s | ratio to the baseline | p99 ms | server CPU µs/req | non-2xx / errors |',
    '|---|---|---:|---:|---:|---:|---:|',
    ...rows,
    '',
    `Regenerate: \`npm run bench:ingest\``,
  ]);
}

async function directUnnestInsert(url: string, batches: number): Promise<number> {
  const c = new Client({ connectionString: url });
  await c.connect();
  await c.query(`CREATE TABLE IF NOT EXISTS direct_runs (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), wpk_id text, run_id text, status text, inputs jsonb, outputs jsonb, duration_ms int, node_logs jsonb, created_at timestamptz DEFAULT now(), UNIQUE (wpk_id, run_id))`);
  const started = Date.now();
  let rows = 0;
  for (let b = 0; b < batches; b++) {
    const runs = Array.from({ length: 500 }, () => realisticRun(`wf-${seq % 50}`, unique()));
    await c.query(
      `INSERT INTO direct_runs (wpk_id, run_id, status, inputs, outputs, duration_ms, node_logs)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::jsonb[], $5::jsonb[], $6::int[], $7::jsonb[])
       ON CONFLICT (wpk_id, run_id) DO NOTHING`,
      [runs.map((r) => r.wpk_id), runs.map((r) => r.run_id), runs.map((r) => r.status), runs.map((r) => JSON.stringify(r.inputs)), runs.map((r) => JSON.stringify(r.outputs)), runs.map((r) => r.duration_ms), runs.map((r) => JSON.stringify(r.node_logs))],
    );
    rows += runs.length;
  }
  await c.end();
  return rows / ((Date.now() - started) / 1000);
}

async function batch(): Promise<void> {
  const direct: number[] = [];
  const nops: number[] = [];
  const sqlite: number[] = [];
  const batches = SMOKE ? 4 : 40;
  for (let r = 0; r < REPEAT; r++) {
    const d = await createDatabase('bench_direct');
    try {
      direct.push(await directUnnestInsert(d.url, batches));
    } finally {
      await d.drop();
    }
    for (const driver of ['postgres', 'sqlite'] as const) {
      const db = driver === 'postgres' ? await createDatabase('bench_batch') : undefined;
      const server = await startNeuralOps({ databaseUrl: db?.url });
      try {
        const res = await load({ url: `${server.url}/runs/batch`, method: 'POST', connections: 4, duration: DURATION, body: () => JSON.stringify({ runs: Array.from({ length: 500 }, () => realisticRun(`wf-${seq % 50}`, unique())) }) });
        (driver === 'postgres' ? nops : sqlite).push(res.rps * 500);
      } finally {
        await server.stop();
        await db?.drop();
      }
    }
  }
  section('2-batch', [
    '## 2. Batch ingest, `POST /runs/batch` of 500 runs',
    '',
    `4 connections, ${DURATION} s per run, median of ${REPEAT}. Baseline: a direct \`pg\` multi-row \`unnest\` insert of the same rows (${batches} batches of 500, one connection). Target on PostgreSQL: ≥ 0.5×.`,
    '',
    '| what | rows/s | ratio to direct insert |',
    '|---|---:|---:|',
    `| direct pg unnest insert | ${fmt(median(direct), 0)} | 1.00× |`,
    `| NeuralOps on PostgreSQL | ${fmt(median(nops), 0)} | **${fmt(median(nops) / median(direct), 2)}×** |`,
    `| NeuralOps on SQLite | ${fmt(median(sqlite), 0)} | ${fmt(median(sqlite) / median(direct), 2)}× |`,
    '',
    'Regenerate: `npm run bench:batch`',
  ]);
}

async function loadRuns(url: string, total: number, workflows: number, extraWorkflows: number): Promise<number> {
  const started = Date.now();
  const perBatch = 1000;
  const base = Date.now() - total * 1000;
  let sent = 0;
  const worker = async () => {
    while (sent < total) {
      const from = sent;
      sent += perBatch;
      const runs = [];
      for (let i = from; i < Math.min(from + perBatch, total); i++) {
        const run = realisticRun(`hist-wf-${i % workflows}`, `r${i}`, new Date(base + i * 1000));
        run.created_at = new Date(base + i * 1000).toISOString();
        run.status = i % 17 === 0 ? 'failed' : 'completed';
        delete run.node_logs;
        runs.push(run);
      }
      const res = await fetch(`${url}/runs/batch`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': ADMIN_KEY }, body: JSON.stringify({ runs }) });
      if (res.status !== 200) throw new Error(`load failed: ${res.status} ${await res.text()}`);
    }
  };
  await Promise.all(Array.from({ length: 4 }, worker));
  for (let i = 0; i < extraWorkflows; i += perBatch) {
    const runs = Array.from({ length: Math.min(perBatch, extraWorkflows - i) }, (_, k) => ({ wpk_id: `extra-wf-${i + k}`, run_id: 'only', status: 'completed' }));
    await fetch(`${url}/runs/batch`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': ADMIN_KEY }, body: JSON.stringify({ runs }) });
  }
  return (total + extraWorkflows) / ((Date.now() - started) / 1000);
}

async function cursorAtDepth(url: string, pathname: string, pages: number): Promise<string> {
  let cursor = '';
  for (let p = 0; p < pages; p++) {
    const res = await fetch(`${url}${pathname}${cursor ? `&cursor=${cursor}` : ''}`, { headers: { 'x-api-key': ADMIN_KEY } });
    const body = (await res.json()) as { next_cursor: string | null };
    if (!body.next_cursor) break;
    cursor = body.next_cursor;
  }
  return cursor;
}

interface ReadCost {
  rps: number[];
  p99: number[];
  cpu: number[];
}
const newCost = (): ReadCost => ({ rps: [], p99: [], cpu: [] });

/** One 16-connection read load: its p99, with throughput and server CPU per request recorded in `cost`. */
async function measured(cost: ReadCost, server: Server, pathname: () => string, what: string): Promise<number> {
  const cpu = cpuSeconds(server.pid);
  const res = ok(await load({ url: server.url, connections: 16, duration: DURATION, path: pathname }), what);
  cost.rps.push(res.rps);
  cost.p99.push(res.p99);
  cost.cpu.push((1e6 * (cpuSeconds(server.pid) - cpu)) / res.requests);
  return res.p99;
}

function costRow(driver: string, route: string, nops: ReadCost, bare: ReadCost): string {
  const ratio = median(nops.rps) / median(bare.rps);
  return `| ${driver} | ${route} | ${fmt(median(nops.rps), 0)} | ${fmt(median(bare.rps), 0)} | ${fmt(ratio, 2)}× | ${fmt(median(nops.p99), 1)} | ${fmt(median(bare.p99), 1)} | ${fmt(median(nops.cpu), 0)} | ${fmt(median(bare.cpu), 0)} |`;
}

/** A latency figure only counts when every request succeeded. */
function ok(res: Awaited<ReturnType<typeof load>>, what: string): Awaited<ReturnType<typeof load>> {
  if (res.non2xx + res.errors > 0) throw new Error(`${what}: ${res.non2xx} non-2xx and ${res.errors} errors; no figure is reported`);
  return res;
}

/** EXPLAIN ANALYZE of the statements behind the history pages, as table rows. */
async function explainHistory(c: Client, workflows: number, deepPages: number): Promise<string[]> {
  const columns = 'id, wpk_id, run_id, status, duration_ms, error, tags, metadata, started_at, ended_at, created_at, updated_at';
  const wpk = `hist-wf-${Math.floor(workflows / 2)}`;
  const deep = await c.query<{ created_at: Date; id: string }>('SELECT created_at, id FROM workflow_runs ORDER BY created_at DESC, id DESC OFFSET $1 LIMIT 1', [deepPages * 20]);
  const queries: Array<[string, string, unknown[]]> = [
    ['workflow runs, first page', `SELECT ${columns} FROM workflow_runs WHERE wpk_id = $1 ORDER BY created_at DESC, id DESC LIMIT 21`, [wpk]],
    [`all runs, cursor ${deepPages.toLocaleString('en')} pages deep`, `SELECT ${columns} FROM workflow_runs WHERE (created_at, id) < ($1, $2) ORDER BY created_at DESC, id DESC LIMIT 21`, [deep.rows[0].created_at, deep.rows[0].id]],
    [`all runs, offset page ${(deepPages + 1).toLocaleString('en')}`, `SELECT ${columns} FROM workflow_runs ORDER BY created_at DESC, id DESC LIMIT 20 OFFSET ${deepPages * 20}`, []],
    ['workflow exists (run only for an empty page)', 'SELECT 1 AS one FROM workflows WHERE id = $1', [wpk]],
    ['registry list, first page', 'SELECT * FROM workflows WHERE archived_at IS NULL ORDER BY id LIMIT 21', []],
  ];
  const rows: string[] = [];
  for (const [name, sql, params] of queries) {
    const plan = (await c.query<{ 'QUERY PLAN': Array<{ Plan: Record<string, unknown>; 'Execution Time': number }> }>(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${sql}`, params)).rows[0]['QUERY PLAN'][0];
    let node = plan.Plan;
    while (node['Node Type'] === 'Limit' && Array.isArray(node.Plans)) node = (node.Plans as Array<Record<string, unknown>>)[0];
    const top = `${node['Node Type']}${node['Index Name'] ? ` using ${node['Index Name']}` : ''}`;
    rows.push(`| ${name} | ${top} | ${fmt(plan['Execution Time'], 3)} |`);
  }
  return rows;
}

async function history(): Promise<void> {
  const total = SMOKE ? 5_000 : Number(opt('runs', '1000000'));
  const workflows = 1000;
  const extra = SMOKE ? 1000 : 9000;
  const lines: string[] = [];
  const planLines: string[] = [];
  const costLines: string[] = [];
  const classLines: string[] = [];
  for (const driver of ['postgres', 'sqlite'] as const) {
    const db = driver === 'postgres' ? await createDatabase('bench_history') : undefined;
    const server = await startNeuralOps({ databaseUrl: db?.url });
    const deepPages = SMOKE ? 20 : 1000;
    try {
      const idleRss = rssMb(server.pid);
      const rate = await loadRuns(server.url, total, workflows, extra);
      const loadedRss = rssMb(server.pid);
      let plans: string[] = [];
      if (driver === 'postgres') {
        const c = new Client({ connectionString: db!.url });
        await c.connect();
        try {
          // the state a database settles in after a bulk load: vacuumed and analysed, so autovacuum does not run during the reads
          await c.query('VACUUM ANALYZE');
          plans = await explainHistory(c, workflows, deepPages);
        } finally {
          await c.end();
        }
      }
      const bare = await startBaseline({ databaseUrl: db?.url, readFrom: server });
      const bareClasses = await startBaseline({ databaseUrl: db?.url, readFrom: server, serverClasses: true });
      try {
        const first: number[] = [];
        const deep: number[] = [];
        const offset: number[] = [];
        const registry: number[] = [];
        const cost = { first: newCost(), firstBare: newCost(), firstBareClasses: newCost(), registry: newCost(), registryBare: newCost() };
        const deepCursor = await cursorAtDepth(server.url, '/runs?limit=20', deepPages);
        const workflowPage = () => `/workflows/hist-wf-${Math.floor(Math.random() * workflows)}/runs?limit=20`;
        for (let r = 0; r < REPEAT; r++) {
          first.push(await measured(cost.first, server, workflowPage, 'workflow runs'));
          await measured(cost.firstBare, bare, workflowPage, 'workflow runs (bare)');
          await measured(cost.firstBareClasses, bareClasses, workflowPage, 'workflow runs (bare, server classes)');
          deep.push(ok(await load({ url: server.url, connections: 16, duration: DURATION, path: () => `/runs?limit=20&cursor=${deepCursor}` }), 'deep cursor').p99);
          offset.push(ok(await load({ url: server.url, connections: 16, duration: DURATION, path: () => `/runs?limit=20&page=${deepPages + 1}` }), 'offset page').p99);
          registry.push(await measured(cost.registry, server, () => '/workflows?limit=20', 'registry list'));
          await measured(cost.registryBare, bare, () => '/workflows?limit=20', 'registry list (bare)');
        }
        const firstGlobal = ok(await load({ url: server.url, connections: 16, duration: DURATION, path: () => `/runs?limit=20` }), 'runs first page').p99;
        planLines.push(...plans);
        costLines.push(costRow(driver, '`GET /workflows/:id/runs` first page', cost.first, cost.firstBare));
        classLines.push(costRow(driver, '`GET /workflows/:id/runs` first page', cost.firstBareClasses, cost.firstBare));
        costLines.push(costRow(driver, '`GET /workflows` (registry list)', cost.registry, cost.registryBare));
        lines.push(
          `| ${driver} | ${total.toLocaleString('en')} runs / ${workflows} + ${extra} workflows | ${fmt(rate, 0)} | ${fmt(median(first), 1)} | ${fmt(firstGlobal, 1)} | ${fmt(median(deep), 1)} (${fmt(median(deep) / firstGlobal, 2)}×) | ${fmt(median(offset), 1)} | ${fmt(median(registry), 1)} | ${fmt(idleRss, 0)} → ${fmt(loadedRss, 0)} |`,
        );
      } finally {
        await bare.stop();
        await bareClasses.stop();
      }
    } finally {
      await server.stop();
      await db?.drop();
    }
  }
  section('3-history', [
    '## 3–4, 7. History at scale, registry list, memory',
    '',
    `Runs loaded through \`POST /runs/batch\` (1,000 per request, 4 clients; node logs left out to keep the load short), then on PostgreSQL \`VACUUM ANALYZE\`; reads at 16 connections, ${DURATION} s per run, p99 in ms, median of ${REPEAT}. Targets: first page p99 ≤ 10 ms; a cursor page 1,000 pages deep within 1.5× of the first page; registry list (10,000 workflows) p99 ≤ 20 ms.`,
    '',
    '| driver | data | load rows/s | `GET /workflows/:id/runs` first page p99 | `GET /runs` first page p99 | cursor 1,000 pages deep p99 (ratio) | offset `page=1001` p99 | `GET /workflows` p99 | server RSS MB idle → loaded |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|',
    ...lines,
    '',
    'The same reads against the bare baseline, measured in the same run on the same data: `bench/baseline-server.ts` in read mode is Express + pg (or better-sqlite3) running the one page query and answering the same JSON (ISO timestamps, JSON columns parsed, the next cursor) with no framework, no API key, no logging. Each figure is the median of the same runs; the CPU is the server process\'s (user + system) per request. With every connection busy, latency is the time a request waits for the one Node thread: its CPU per request, and the pauses of its garbage collector, which set the tail (p99) as much as the CPU does.',
    '',
    '| driver | route | NeuralOps req/s | bare req/s | ratio | NeuralOps p99 ms | bare p99 ms | NeuralOps CPU µs/req | bare CPU µs/req |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|',
    ...costLines,
    '',
    "What NeuralOps' HTTP server does differently, on the bare server alone: the same bare server, once more in the same runs, with its HTTP server building requests and responses with NeuralOps' `expressServerClasses` (`BASELINE_SERVER_CLASSES=1`: classes whose prototypes are the ones Express gives every request and response, so Express's per-request `Object.setPrototypeOf` has nothing to change) against the stock server.",
    '',
    '| driver | route | bare + classes req/s | bare req/s | ratio | bare + classes p99 ms | bare p99 ms | bare + classes CPU µs/req | bare CPU µs/req |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|',
    ...classLines,
    '',
    'PostgreSQL plans of the page queries on the loaded data (`EXPLAIN (ANALYZE, BUFFERS)`, the statements the server runs; execution time inside the database, one run):',
    '',
    '| query | top plan node | execution ms |',
    '|---|---|---:|',
    ...planLines,
    '',
    'Regenerate: `npm run bench:history` (`-- --runs N` for another size)',
  ]);
}

async function similar(): Promise<void> {
  const total = SMOKE ? 2_000 : Number(opt('similar-runs', '100000'));
  const server = await startNeuralOps({ env: { EMBEDDINGS_ENABLED: 'true', EMBEDDING_BATCH_SIZE: '256', EMBEDDING_WORKER_INTERVAL_MS: '200' } });
  try {
    const families = ['timeout in fetch', 'schema mismatch in parse', 'rate limited by enrichment api', 'decision rule crashed', 'store write conflict'];
    const ids: string[] = [];
    const loadStarted = Date.now();
    for (let i = 0; i < total; i += 1000) {
      const runs = Array.from({ length: Math.min(1000, total - i) }, (_, k) => {
        const n = i + k;
        return { wpk_id: `sim-wf-${n % 20}`, run_id: `s${n}`, status: n % 3 ? 'completed' : 'failed', error: n % 3 ? null : `${families[n % 5]} (attempt ${n % 7})`, inputs: { n, doc: `document-${n % 101}` } };
      });
      const res = await fetch(`${server.url}/runs/batch`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': ADMIN_KEY }, body: JSON.stringify({ runs }) });
      const body = (await res.json()) as { items: Array<{ id: string }> };
      ids.push(...body.items.slice(0, 5).map((x) => x.id));
    }
    const loadSeconds = (Date.now() - loadStarted) / 1000;
    const started = Date.now();
    // embedded means: the backlog gauge reads 0 and the sampled runs answer 200 (not 409 EMBEDDING_PENDING)
    for (;;) {
      const metrics = await (await fetch(`${server.url}/metrics`)).text();
      const backlog = Number(/^neuralops_embedding_backlog(?:\{[^}]*\})? (\d+)/m.exec(metrics)?.[1] ?? NaN);
      const probes = await Promise.all(ids.slice(-5).map((id) => fetch(`${server.url}/runs/${id}/similar?k=1`, { headers: { 'x-api-key': ADMIN_KEY } }).then((r) => r.status)));
      if (backlog === 0 && probes.every((st) => st === 200)) break;
      if (Date.now() - started > 30 * 60_000) throw new Error(`embedding did not finish (backlog ${backlog}, sample answers ${probes.join(',')})`);
      await new Promise((r) => setTimeout(r, 1000));
    }
    const totalSeconds = (Date.now() - loadStarted) / 1000;
    const p95s: number[] = [];
    const serial = { p50: [] as number[], p95: [] as number[], rps: [] as number[] };
    let failures = 0;
    const path = () => `/runs/${ids[Math.floor(Math.random() * ids.length)]}/similar?k=10`;
    for (let r = 0; r < REPEAT; r++) {
      const one = await load({ url: server.url, connections: 1, duration: DURATION, path });
      serial.p50.push(one.p50);
      serial.p95.push(one.p95);
      serial.rps.push(one.rps);
      const res = await load({ url: server.url, connections: 4, duration: DURATION, path });
      p95s.push(res.p95);
      failures += res.non2xx + res.errors + one.non2xx + one.errors;
    }
    if (failures) throw new Error(`similar search answered ${failures} non-2xx or errors; no figure is reported`);
    section('5-similar', [
      '## 5. Similar-run search, embedded index, local embedder',
      '',
      `${total.toLocaleString('en')} runs on SQLite, stored through \`POST /runs/batch\` in ${fmt(loadSeconds, 0)} s while the background worker embedded them; all embedded ${fmt(totalSeconds, 0)} s after the first batch (${fmt(total / totalSeconds, 0)} runs/s end to end). Then \`GET /runs/:id/similar?k=10\` for random sampled runs (an exact scan of all ${total.toLocaleString('en')} vectors each), at 1 and at 4 connections, ${DURATION} s per run, median of ${REPEAT}. Target: p95 ≤ 50 ms. autocannon reports p97.5, shown here as the p95 bound.`,
      '',
      `| runs | 1 connection: p50 ms | 1 connection: p97.5 ms | 1 connection: searches/s | 4 connections: p97.5 ms | server RSS MB |`,
      '|---:|---:|---:|---:|---:|---:|',
      `| ${total.toLocaleString('en')} | ${fmt(median(serial.p50), 1)} | ${fmt(median(serial.p95), 1)} | ${fmt(median(serial.rps), 0)} | ${fmt(median(p95s), 1)} | ${fmt(rssMb(server.pid), 0)} |`,
      '',
      'Regenerate: `npm run bench:similar`',
    ]);
  } finally {
    await server.stop();
  }
}

function assemble(): void {
  // by section number (10 after 9), then name
  const parts = fs.existsSync(OUT) ? fs.readdirSync(OUT).filter((f) => f.endsWith('.md')).sort((a, b) => parseInt(a, 10) - parseInt(b, 10) || a.localeCompare(b)) : [];
  const cpu = os.cpus()[0]?.model ?? 'unknown';
  const head = [
    SMOKE ? '# Performance (smoke sizes — not figures to quote)' : '# Performance',
    '',
    `Machine: ${os.cpus().length} × ${cpu}, ${fmt(os.totalmem() / 2 ** 30, 0)} GiB, Node ${process.version}, PostgreSQL at BENCH_DATABASE_URL (default the local server; each bench gets its own database). Load from autocannon in the harness process, on the same two cores as the server and the database, over loopback. The server is the compiled app (\`dist\`) started as \`npm start\` starts it (the baseline gets the same Node flags), at its default log level (one JSON access line per request), with the embedding worker and the scheduler off unless measured. Rate limiting is off (RATE_LIMIT_PER_KEY_PER_S unset). Each section names the commit it was measured on.`,
    '',
    'Regenerate everything: `npm run build && npm run bench` (each part: `npm run bench:<name>`). Each section was produced by the command written under it; a part not run yet has no section.',
    '',
    '',
  ];
  const body = parts.map((f) => fs.readFileSync(path.join(OUT, f), 'utf8'));
  fs.writeFileSync(`${OUT}.md`, head.join('\n') + body.join('\n'));
}

async function main(): Promise<void> {
  if (!fs.existsSync(path.join(ROOT, 'dist/src/main.js'))) throw new Error('run `npm run build` first');
  const parts: Record<string, () => Promise<void>> = {
    ingest,
    batch,
    history,
    similar,
    probes: async () => section('6-probes', await probeBench({ smoke: SMOKE, duration: Number(opt('probe-window', '0')) || undefined })),
    runmetrics: async () => section('7-run-metrics', await runMetrics({ smoke: SMOKE, repeat: REPEAT })),
    profile: async () => section('8-profile', await profile({ duration: DURATION })),
    otlp: async () => section('9-otlp', await otlp({ smoke: SMOKE, repeat: REPEAT, duration: DURATION })),
    insights: async () => section('10-insights', await insights({ smoke: SMOKE, repeat: REPEAT, drivers: opt('insights-drivers', 'postgres,sqlite').split(',') })),
  };
  for (const name of flag('assemble') ? [] : ONLY) {
    if (!parts[name]) throw new Error(`unknown part ${name}`);
    process.stdout.write(`== ${name}\n`);
    await parts[name]();
  }
  assemble();
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});

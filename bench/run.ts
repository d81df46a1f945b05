/**
 * `npm run bench` (or `npm run bench:<name>`): drives the real server over HTTP on loopback with
 * the bench's own loader (bench/loader.ts: every request timed, real percentiles) and writes
 * reports/performance.md. Every figure is the median of --repeat repeats (5) printed with each
 * repeat, NeuralOps beside a baseline measured in the same run, in alternating order.
 *
 *   --only startup,ingest,batch,history,similar,ablation,probes,runmetrics,profile,otlp,insights   which parts (default: all)
 *   --db-prefix NAME                      PostgreSQL databases are named NAME_<part>_… (default bench)
 *   --runs N                              runs for the history part (default 1,000,000)
 *   --similar-runs N                      runs for the similar-search part (default 100,000)
 *   --ingest-prefill N                    runs already in the tables for the second ingest state (default 1,000,000)
 *   --insights-drivers postgres,sqlite    drivers of the insights part (default: both)
 *   --probe-window S                      seconds of scheduled probing per driver (default 330; smoke 35)
 *   --smoke                               tiny sizes, to keep the harness from rotting (CI)
 *   --repeat N  --duration S              repeats per figure (5), seconds per load (10)
 *   --assemble                            only rebuild reports/performance.md from the sections
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Sqlite from 'better-sqlite3';
import { Client } from 'pg';
import { encodeTimeIdCursor } from '../src/common/pagination/cursor';
import { RUN_TAG_COLUMNS, runTagRowsSql } from '../migrations/1764380700000-RunTags';
import { MAX_OFFSET_ROWS } from '../src/modules/runs/domain/offset-paging';
import { ablation } from './ablation';
import { batchPlan, DIRECT_INSERT, DIRECT_TABLE, statementLoad, unnestBatches } from './batch-plan';
import { insights } from './insights';
import { otlp } from './otlp';
import { probes as probeBench } from './probes';
import { profile } from './profile';
import { runMetrics } from './run-metrics';
import { ADMIN_KEY, checked, cpuSeconds, createDatabase, databasePrefix, fmt, load, median, realisticRun, ROOT, rssMb, Server, setDatabasePrefix, startBaseline, startNeuralOps } from './lib';
import { assertConcurrency } from './loader';
import { alternating, pairedGain, pct, withRepeats } from './stats';

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(`--${name}`);
const opt = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
};
const SMOKE = flag('smoke');
const REPEAT = Number(opt('repeat', SMOKE ? '1' : '5'));
const DURATION = Number(opt('duration', SMOKE ? '2' : '10'));
const ONLY = opt('only', 'startup,ingest,batch,history,similar,ablation,probes,runmetrics,profile,otlp,insights').split(',');
setDatabasePrefix(opt('db-prefix', 'bench'));
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

/** The command that regenerates a part with this run's options, written under its figures. */
function command(part: string): string {
  const passed: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--only') i++;
    else passed.push(args[i]);
  }
  return `\`npm run bench:${part}${passed.length ? ` -- ${passed.join(' ')}` : ''}\``;
}

const loadavg = () => os.loadavg().map((x) => x.toFixed(2)).join(' / ');

function section(name: string, body: string[], startLoad: string): void {
  const note = REPEAT < 5 && !SMOKE ? ` **${REPEAT} repeats: fewer than the 5 the targets ask for, not figures to quote.**` : '';
  const lines = [
    ...body.slice(0, 1),
    '',
    `_Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on commit ${commit()}; load average (1 / 5 / 15 min) ${startLoad} at the start, ${loadavg()} at the end.${note}_`,
    ...body.slice(1),
  ];
  fs.mkdirSync(OUT, { recursive: true });
  fs.writeFileSync(path.join(OUT, `${name}.md`), lines.join('\n') + '\n');
  process.stdout.write(lines.join('\n') + '\n\n');
}

/** `count` distinct run bodies (unique run ids under `tag`), made before any timer starts. */
function runBodies(tag: string, count: number): string[] {
  const template = JSON.stringify(realisticRun('WPK', 'RUNID'));
  const out = new Array<string>(count);
  for (let i = 0; i < count; i++) out[i] = template.replaceAll('RUNID', `${tag}-${i}`).replace('"WPK"', `"wf-${i % 50}"`);
  return out;
}

/**
 * Hands out prepared bodies in order, each once; when all are sent the load ends early (its rate is
 * taken over the time it ran), so a body is never reused and none is made inside the timer.
 */
function dealer(bodies: readonly string[]): () => string | null {
  let next = 0;
  return () => (next < bodies.length ? bodies[next++] : null);
}
const BODIES_PER_S = Number(opt('bodies-per-s', '8000'));

const NOPS_RUN_COLUMNS = 'id, wpk_id, run_id, status, inputs, outputs, duration_ms, tags, metadata, started_at, ended_at, created_at, updated_at';

/**
 * Fills a PostgreSQL database up to `rows` runs in one go (generate_series, 100k a statement):
 * NeuralOps' workflow_runs (and its workflows rows) or the baseline's bench_runs. The runs carry
 * the realistic run's inputs, outputs and metadata, without node logs, spread over 1,000 workflows.
 */
async function prefill(url: string, table: 'workflow_runs' | 'bench_runs', rows: number): Promise<void> {
  const run = realisticRun('x', 'x');
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    for (let from = 0; from < rows; from += 100_000) {
      const to = Math.min(rows, from + 100_000) - 1;
      const common = `FROM generate_series(${from}, ${to}) g`;
      if (table === 'workflow_runs') {
        await c.query(
          `INSERT INTO workflow_runs (${NOPS_RUN_COLUMNS})
           SELECT gen_random_uuid(), 'pre-wf-' || (g % 1000), 'pre-' || g, CASE WHEN g % 17 = 0 THEN 'failed' ELSE 'completed' END,
                  $1::jsonb, $2::jsonb, 1500, '["prod","invoice"]'::jsonb, $3::jsonb,
                  now() - (g + 2) * interval '1 second', now() - g * interval '1 second', now() - g * interval '1 second', now() - g * interval '1 second' ${common}`,
          [JSON.stringify(run.inputs), JSON.stringify(run.outputs), JSON.stringify(run.metadata)],
        );
      } else {
        await c.query(
          `INSERT INTO bench_runs (id, wpk_id, run_id, status, inputs, outputs, duration_ms, node_logs, created_at, updated_at)
           SELECT gen_random_uuid()::text, 'pre-wf-' || (g % 1000), 'pre-' || g, 'completed', $1::jsonb, $2::jsonb, 1500, NULL,
                  now() - g * interval '1 second', now() - g * interval '1 second' ${common}`,
          [JSON.stringify(run.inputs), JSON.stringify(run.outputs)],
        );
      }
    }
    if (table === 'workflow_runs') {
      // the runs' tag rows, as the server writes them with each run
      await c.query(`INSERT INTO workflow_run_tags (${RUN_TAG_COLUMNS}) ${runTagRowsSql('postgres', 'workflow_runs')}`);
      await c.query(
        `INSERT INTO workflows (id, name, tags, created_at, updated_at, runs_total, runs_failed)
         SELECT wpk_id, wpk_id, '[]'::jsonb, MIN(created_at), MAX(created_at), COUNT(*), COUNT(*) FILTER (WHERE status = 'failed')
         FROM workflow_runs GROUP BY wpk_id ON CONFLICT (id) DO NOTHING`,
      );
    }
    await c.query('VACUUM ANALYZE');
  } finally {
    await c.end();
  }
}

async function ingest(): Promise<void> {
  const startLoad = loadavg();
  const prefilled = SMOKE ? 5_000 : Number(opt('ingest-prefill', '1000000'));
  const rows: string[] = [];
  const variants = [
    { key: 'tuned', label: "bare baseline, tuned (NeuralOps' Node flags and HTTP set-up)", bare: true, tuned: true },
    { key: 'stock', label: 'bare baseline, stock Node and Express', bare: true, tuned: false },
    { key: 'nops', label: 'NeuralOps, default answer (the stored run)', bare: false },
    { key: 'min', label: 'NeuralOps, `Prefer: return=minimal`', bare: false, headers: { prefer: 'return=minimal' } },
  ] as const;
  const states = [
    { driver: 'postgres', label: 'PostgreSQL, empty tables', prefill: 0 },
    { driver: 'postgres', label: `PostgreSQL, tables holding ${prefilled.toLocaleString('en')} runs`, prefill: prefilled },
    { driver: 'sqlite', label: 'SQLite, empty tables', prefill: 0 },
  ] as const;
  // the smoke checks the harness, not figures: the SQLite state is the empty PostgreSQL one's code
  // path with another database, so it is left to the full run
  for (const state of SMOKE ? states.filter((s) => s.driver === 'postgres') : states) {
    const results = new Map(variants.map((v) => [v.key, { rps: [] as number[], p99: [] as number[], cpu: [] as number[] }]));
    // a prefilled state keeps one database per schema for all its repeats (each repeat adds its own runs)
    let kept: { nops?: Awaited<ReturnType<typeof createDatabase>>; bare?: Awaited<ReturnType<typeof createDatabase>> } = {};
    if (state.prefill) {
      const nopsDb = await createDatabase('ingest_nops_full');
      const bareDb = await createDatabase('ingest_bare_full');
      kept = { nops: nopsDb, bare: bareDb };
      // each server creates its schema; then the tables are filled
      await (await startNeuralOps({ databaseUrl: nopsDb.url })).stop();
      await (await startBaseline({ databaseUrl: bareDb.url })).stop();
      process.stdout.write(`prefilling ${state.prefill} runs into each schema\n`);
      await prefill(nopsDb.url, 'workflow_runs', state.prefill);
      await prefill(bareDb.url, 'bench_runs', state.prefill);
    }
    try {
      for (let r = 0; r < REPEAT; r++) {
        for (const variant of alternating(variants, r)) {
          const fresh = state.driver === 'postgres' && !state.prefill ? await createDatabase(`ingest_${variant.key}`) : undefined;
          const url = fresh?.url ?? (variant.bare ? kept.bare?.url : kept.nops?.url);
          const server = variant.bare ? await startBaseline({ databaseUrl: url, tuned: variant.tuned }) : await startNeuralOps({ databaseUrl: url });
          const headers = 'headers' in variant ? variant.headers : undefined;
          try {
            const tag = `${variant.key}-${r}-${unique()}`;
            const warm = runBodies(`${tag}-warm`, 4000);
            const bodies = runBodies(tag, Math.ceil(DURATION * BODIES_PER_S));
            checked(await load({ url: `${server.url}/runs`, method: 'POST', connections: 16, duration: 1, headers, body: dealer(warm) }), `ingest warm-up, ${variant.key}`);
            const cpuBefore = cpuSeconds(server.pid);
            const res = checked(await load({ url: `${server.url}/runs`, method: 'POST', connections: 64, duration: DURATION, headers, body: dealer(bodies) }), `ingest, ${state.label}, ${variant.label}`, 64);
            const out = results.get(variant.key)!;
            out.cpu.push((1e6 * (cpuSeconds(server.pid) - cpuBefore)) / res.requests);
            out.rps.push(res.rps);
            out.p99.push(res.p99);
          } finally {
            await server.stop();
            await fresh?.drop();
          }
        }
      }
    } finally {
      await kept.nops?.drop();
      await kept.bare?.drop();
    }
    const tuned = results.get('tuned')!.rps;
    const stock = results.get('stock')!.rps;
    for (const variant of variants) {
      const out = results.get(variant.key)!;
      const toTuned = variant.key === 'tuned' ? '—' : `**${withRepeats(out.rps.map((x, i) => x / tuned[i]), 2)}**`;
      const toStock = variant.key === 'stock' ? '—' : withRepeats(out.rps.map((x, i) => x / stock[i]), 2);
      rows.push(`| ${state.label} | ${variant.label} | ${withRepeats(out.rps, 0)} | ${toTuned} | ${toStock} | ${withRepeats(out.p99, 1)} | ${withRepeats(out.cpu, 0)} |`);
    }
  }
  section('1-ingest', [
    '## 1. Single-run ingest, `POST /runs`',
    '',
    `A ~2 KB run with 5 node logs, unique run ids, every body made before the timer starts; 64 connections, ${DURATION} s per load, ${REPEAT} repeats, the four servers in alternating order within each repeat (the first order reversed every other repeat). Empty tables: a fresh database per server and repeat. Full tables: one database per schema filled once with ${prefilled.toLocaleString('en')} runs (generate_series, node logs left out, then VACUUM ANALYZE) that every repeat writes into. Baselines: bare Express + pg / better-sqlite3 (bench/baseline-server.ts) — parse, check, one upsert, answer \`{ id, wpk_id, run_id, status }\` — once tuned as NeuralOps is (the Node flags of \`npm start\`; no ETag, no X-Powered-By, the same request and response classes) and once stock. NeuralOps runs as deployed (embeddings off, as in every part that does not measure them): authentication, validation, redaction, the run with its 5 node rows and the workflow summary in one statement, concurrent calls' new runs written together (group commit on both drivers; its ablation is in part 12), metrics, one JSON access-log line per request. Every figure: the median, then each repeat in order; a ratio is taken within each repeat, then its median. Latency is timed per request at microsecond resolution (bench/loader.ts); a load with any non-2xx answer or error gives no figure. Target on PostgreSQL: NeuralOps' default answer ≥ 0.85× the tuned baseline.`,
    '',
    '| tables | server | req/s | ratio to the tuned baseline | ratio to the stock baseline | p99 ms | server CPU µs/req |',
    '|---|---|---:|---:|---:|---:|---:|',
    ...rows,
    '',
    `Regenerate: ${command('ingest')}`,
  ], startLoad);
}

const BATCH_CONNECTIONS = 4;
/** Batches replayed under EXPLAIN ANALYZE (section 2b). */
const PLAN_BATCHES = SMOKE ? 4 : 23;


async function batch(): Promise<void> {
  const startLoad = loadavg();
  const direct: number[] = [];
  const nops: number[] = [];
  const sqlite: number[] = [];
  // batches of 500 made beforehand: enough for 60 batches/s (30,000 rows/s)
  const batches = Math.ceil(DURATION * Number(opt('batches-per-s', '60')));
  /** rows a batch answer says were stored (items without an error) */
  const storedRows = (_status: number, text: string) => {
    const items = (JSON.parse(text) as { items: Array<{ error?: unknown }> }).items;
    const stored = items.filter((i) => !i.error).length;
    if (stored !== 500) throw new Error(`a batch stored ${stored} of 500 runs: ${text.slice(0, 300)}`);
    return stored;
  };
  for (let r = 0; r < REPEAT; r++) {
    for (const side of alternating(['direct', 'postgres', 'sqlite'] as const, r)) {
      if (side === 'direct') {
        const d = await createDatabase('batch_direct');
        try {
          const prepared = unnestBatches(`d-${r}-${unique()}`, batches);
          const res = await statementLoad(d.url, DIRECT_TABLE, prepared.map((values) => ({ text: DIRECT_INSERT, values })), BATCH_CONNECTIONS, DURATION);
          assertConcurrency('batch', { 'direct insert': res.maxInFlight }, BATCH_CONNECTIONS);
          direct.push(res.rowsPerS);
        } finally {
          await d.drop();
        }
        continue;
      }
      const db = side === 'postgres' ? await createDatabase('batch') : undefined;
      const server = await startNeuralOps({ databaseUrl: db?.url });
      try {
        const tag = `b-${r}-${unique()}`;
        const bodies = Array.from({ length: batches }, (_, b) => `{"runs":[${runBodies(`${tag}-${b}`, 500).join(',')}]}`);
        const res = checked(await load({ url: `${server.url}/runs/batch`, method: 'POST', connections: BATCH_CONNECTIONS, duration: DURATION, body: dealer(bodies), onAnswer: storedRows }), `batch on ${side}`);
        assertConcurrency('batch', { [`NeuralOps on ${side}`]: res.maxInFlight }, BATCH_CONNECTIONS);
        if (res.counted !== res.requests * 500) throw new Error(`batch on ${side}: ${res.counted} runs stored in ${res.requests} answers`);
        (side === 'postgres' ? nops : sqlite).push(res.counted / (res.requests / res.rps));
      } finally {
        await server.stop();
        await db?.drop();
      }
    }
  }
  const ratio = (xs: number[]) => xs.map((x, i) => x / direct[i]);
  const plan = await batchPlan(PLAN_BATCHES, databasePrefix(), { repeat: REPEAT, duration: DURATION, connections: BATCH_CONNECTIONS });
  section('2-batch', [
    '## 2. Batch ingest, `POST /runs/batch` of 500 runs',
    '',
    `Both sides at ${BATCH_CONNECTIONS} connections (asserted: each reached ${BATCH_CONNECTIONS} requests in flight), ${DURATION} s per load, ${REPEAT} repeats in alternating order. Every row is made before the timer starts: the JSON bodies for NeuralOps, the column arrays for the direct insert. Baseline: \`pg\` inserting the same realistic runs, 500 per multi-row \`unnest\` statement, on a pool of ${BATCH_CONNECTIONS} connections opened beforehand; each statement must report 500 rows. NeuralOps: a batch counts only when it answers 2xx with 500 stored items (a non-2xx answer, an error or an error item stops the bench). Each figure: the median, then each repeat; the ratio is taken within each repeat. Target on PostgreSQL: ≥ 0.8×.`,
    '',
    '| what | rows/s | ratio to the direct insert |',
    '|---|---:|---:|',
    `| direct pg unnest insert, ${BATCH_CONNECTIONS} connections | ${withRepeats(direct, 0)} | 1.00× |`,
    `| NeuralOps on PostgreSQL, ${BATCH_CONNECTIONS} connections | ${withRepeats(nops, 0)} | **${withRepeats(ratio(nops), 2)}** |`,
    `| NeuralOps on SQLite, ${BATCH_CONNECTIONS} connections | ${withRepeats(sqlite, 0)} | ${withRepeats(ratio(sqlite), 2)} |`,
    ...plan,
    '',
    `Regenerate: ${command('batch')}`,
  ], startLoad);
}

async function loadRuns(url: string, total: number, workflows: number, extraWorkflows: number): Promise<number> {
  const started = Date.now();
  const perBatch = 1000;
  const base = Date.now() - total * 1000;
  let sent = 0;
  const post = async (runs: unknown[]) => {
    const res = await fetch(`${url}/runs/batch`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': ADMIN_KEY }, body: JSON.stringify({ runs }) });
    const text = await res.text();
    if (res.status !== 200) throw new Error(`load failed: ${res.status} ${text.slice(0, 300)}`);
    const bad = (JSON.parse(text) as { items: Array<{ error?: unknown }> }).items.filter((i) => i.error);
    if (bad.length) throw new Error(`load failed: ${bad.length} error items, e.g. ${JSON.stringify(bad[0])}`);
  };
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
      await post(runs);
    }
  };
  await Promise.all(Array.from({ length: 4 }, worker));
  for (let i = 0; i < extraWorkflows; i += perBatch) {
    await post(Array.from({ length: Math.min(perBatch, extraWorkflows - i) }, (_, k) => ({ wpk_id: `extra-wf-${i + k}`, run_id: 'only', status: 'completed' })));
  }
  return (total + extraWorkflows) / ((Date.now() - started) / 1000);
}

/**
 * The cursor `GET /runs` hands out after the first `rows` runs (newest first), read from the
 * database: the (created_at, id) of row `rows`, encoded as the API encodes it.
 */
async function cursorAfterRows(server: Server, databaseUrl: string | undefined, rows: number): Promise<string> {
  let at: Date;
  let id: string;
  if (databaseUrl) {
    const c = new Client({ connectionString: databaseUrl });
    await c.connect();
    try {
      const r = await c.query<{ created_at: Date; id: string }>('SELECT created_at, id FROM workflow_runs ORDER BY created_at DESC, id DESC OFFSET $1 LIMIT 1', [rows - 1]);
      if (!r.rows[0]) throw new Error(`no run at row ${rows}`);
      ({ created_at: at, id } = r.rows[0]);
    } finally {
      await c.end();
    }
  } else {
    const db = new Sqlite(path.join(server.dataDir!, 'neuralops.db'), { readonly: true });
    try {
      const row = db.prepare('SELECT created_at, id FROM workflow_runs ORDER BY created_at DESC, id DESC LIMIT 1 OFFSET ?').get(rows - 1) as { created_at: string; id: string } | undefined;
      if (!row) throw new Error(`no run at row ${rows}`);
      at = new Date(`${row.created_at.replace(' ', 'T')}Z`);
      id = row.id;
    } finally {
      db.close();
    }
  }
  const cursor = encodeTimeIdCursor(at, id);
  // the self-check: the API answers the page after that row, starting with the row after it
  const res = await fetch(`${server.url}/runs?limit=1&cursor=${cursor}`, { headers: { 'x-api-key': ADMIN_KEY } });
  if (res.status !== 200) throw new Error(`cursor at row ${rows}: ${res.status} ${await res.text()}`);
  return cursor;
}

interface ReadCost {
  rps: number[];
  p99: number[];
  cpu: number[];
}
const newCost = (): ReadCost => ({ rps: [], p99: [], cpu: [] });

const READ_CONNECTIONS = 16;

/** One 16-connection read load: its p99, with throughput and server CPU per request recorded in `cost`. */
async function measured(cost: ReadCost, server: Server, pathname: () => string, what: string): Promise<number> {
  const cpu = cpuSeconds(server.pid);
  const res = checked(await load({ url: server.url, connections: READ_CONNECTIONS, duration: DURATION, path: pathname }), what, READ_CONNECTIONS);
  cost.rps.push(res.rps);
  cost.p99.push(res.p99);
  cost.cpu.push((1e6 * (cpuSeconds(server.pid) - cpu)) / res.requests);
  return res.p99;
}

function costRow(driver: string, route: string, nops: ReadCost, bare: ReadCost): string {
  const ratio = nops.rps.map((x, i) => x / bare.rps[i]);
  return `| ${driver} | ${route} | ${withRepeats(nops.rps, 0)} | ${withRepeats(bare.rps, 0)} | ${withRepeats(ratio, 2)} | ${withRepeats(nops.p99, 1)} | ${withRepeats(bare.p99, 1)} | ${withRepeats(nops.cpu, 0)} | ${withRepeats(bare.cpu, 0)} |`;
}

/** EXPLAIN ANALYZE of the statements behind the history pages, as table rows. */
async function explainHistory(c: Client, workflows: number, depths: Array<[string, number]>, offsetRows: number): Promise<string[]> {
  const columns = 'id, wpk_id, run_id, status, duration_ms, error, tags, metadata, started_at, ended_at, created_at, updated_at';
  const wpk = `hist-wf-${Math.floor(workflows / 2)}`;
  const queries: Array<[string, string, unknown[]]> = [['workflow runs, first page', `SELECT ${columns} FROM workflow_runs WHERE wpk_id = $1 ORDER BY created_at DESC, id DESC LIMIT 21`, [wpk]]];
  for (const [label, rows] of depths) {
    const deep = await c.query<{ created_at: Date; id: string }>('SELECT created_at, id FROM workflow_runs ORDER BY created_at DESC, id DESC OFFSET $1 LIMIT 1', [rows - 1]);
    queries.push([`all runs, cursor at ${label}`, `SELECT ${columns} FROM workflow_runs WHERE (created_at, id) < ($1, $2) ORDER BY created_at DESC, id DESC LIMIT 21`, [deep.rows[0].created_at, deep.rows[0].id]]);
  }
  // an offset page as RunsRepository builds it: the page's ids from the index, then its rows
  const offsetPage = (where: string) =>
    `SELECT ${columns} FROM workflow_runs WHERE id IN (SELECT id FROM workflow_runs ${where} ORDER BY created_at DESC, id DESC LIMIT 21 OFFSET ${offsetRows - 20}) ORDER BY created_at DESC, id DESC`;
  queries.push(
    [`all runs, offset at row ${offsetRows.toLocaleString('en')}`, offsetPage(''), []],
    [`failed runs, offset at row ${offsetRows.toLocaleString('en')}`, offsetPage("WHERE status = 'failed'"), []],
    // a tag's page takes its ids from the tag rows
    [
      `runs tagged prod, offset at row ${offsetRows.toLocaleString('en')}`,
      `SELECT ${columns} FROM workflow_runs WHERE id IN (SELECT t.run_id FROM workflow_run_tags t WHERE t.tag = 'prod' ORDER BY t.created_at DESC, t.run_id DESC LIMIT 21 OFFSET ${offsetRows - 20}) ORDER BY created_at DESC, id DESC`,
      [],
    ],
    ['registry list, first page', 'SELECT * FROM workflows WHERE archived_at IS NULL ORDER BY id LIMIT 21', []],
  );
  const rows: string[] = [];
  for (const [name, sql, params] of queries) {
    const plan = (await c.query<{ 'QUERY PLAN': Array<{ Plan: Record<string, unknown>; 'Execution Time': number }> }>(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${sql}`, params)).rows[0]['QUERY PLAN'][0];
    // the scans of the plan, outermost first: what reads the rows, and from which index
    const scans: string[] = [];
    const walk = (node: Record<string, unknown>) => {
      if (String(node['Node Type']).includes('Scan')) scans.push(`${node['Node Type']}${node['Index Name'] ? ` using ${node['Index Name']}` : ''}`);
      for (const child of (node.Plans as Array<Record<string, unknown>> | undefined) ?? []) walk(child);
    };
    walk(plan.Plan);
    rows.push(`| ${name} | ${scans.join('; ')} | ${fmt(plan['Execution Time'], 3)} |`);
  }
  return rows;
}

/** The deepest row an offset page may reach (MAX_OFFSET_ROWS in src); deeper pages answer 400. */
const OFFSET_ROWS = MAX_OFFSET_ROWS;

async function history(): Promise<void> {
  const startLoad = loadavg();
  const total = SMOKE ? 5_000 : Number(opt('runs', '1000000'));
  if (!Number.isInteger(total) || total < 100) throw new Error(`--runs must be an integer of at least 100: ${opt('runs', '')}`);
  const workflows = Math.min(1000, Math.max(10, Math.floor(total / 100)));
  const extra = SMOKE ? 1000 : 9000;
  // the depths a cursor page is measured at: 2 % and 50 % of the runs
  const depths: Array<[string, number]> = [
    ['2 % depth', Math.max(21, Math.floor(total * 0.02))],
    ['50 % depth', Math.floor(total * 0.5)],
  ];
  const lastOffsetPage = Math.floor(Math.min(OFFSET_ROWS, total) / 20);
  const lines: string[] = [];
  const depthLines: string[] = [];
  const offsetLines: string[] = [];
  const planLines: string[] = [];
  const costLines: string[] = [];
  const tuningLines: string[] = [];
  for (const driver of ['postgres', 'sqlite'] as const) {
    const db = driver === 'postgres' ? await createDatabase('history') : undefined;
    const server = await startNeuralOps({ databaseUrl: db?.url });
    try {
      const idleRss = rssMb(server.pid);
      const rate = await loadRuns(server.url, total, workflows, extra);
      const loadedRss = rssMb(server.pid);
      if (driver === 'postgres') {
        const c = new Client({ connectionString: db!.url });
        await c.connect();
        try {
          // the state a database settles in after a bulk load: vacuumed and analysed, so autovacuum does not run during the reads
          await c.query('VACUUM ANALYZE');
          planLines.push(...(await explainHistory(c, workflows, depths, lastOffsetPage * 20)));
        } finally {
          await c.end();
        }
      }
      const bare = await startBaseline({ databaseUrl: db?.url, readFrom: server });
      const stock = await startBaseline({ databaseUrl: db?.url, readFrom: server, tuned: false });
      try {
        const cursors = await Promise.all(depths.map(([, rows]) => cursorAfterRows(server, db?.url, rows)));
        const firstGlobal: number[] = [];
        const deep: number[][] = depths.map(() => []);
        const offsets = [
          { label: `page=1`, path: () => `/runs?limit=20&page=1` },
          { label: `page=${lastOffsetPage} (rows to ${(lastOffsetPage * 20).toLocaleString('en')})`, path: () => `/runs?limit=20&page=${lastOffsetPage}` },
          { label: `page=${lastOffsetPage}, status=failed`, path: () => `/runs?limit=20&status=failed&page=${lastOffsetPage}` },
          { label: `page=${Math.max(1, Math.floor(lastOffsetPage / 40))}, one workflow (wpk_id)`, path: () => `/runs?limit=20&wpk_id=hist-wf-${Math.floor(Math.random() * workflows)}&page=${Math.max(1, Math.floor(lastOffsetPage / 40))}` },
          { label: `page=${lastOffsetPage}, tag=prod`, path: () => `/runs?limit=20&tag=prod&page=${lastOffsetPage}` },
        ];
        const offsetP99 = offsets.map(() => [] as number[]);
        const registry: number[] = [];
        const cost = { first: newCost(), firstBare: newCost(), firstStock: newCost(), registry: newCost(), registryBare: newCost() };
        const workflowPage = () => `/workflows/hist-wf-${Math.floor(Math.random() * workflows)}/runs?limit=20`;
        for (let r = 0; r < REPEAT; r++) {
          const steps: Array<() => Promise<unknown>> = [
            () => measured(cost.first, server, workflowPage, 'workflow runs'),
            () => measured(cost.firstBare, bare, workflowPage, 'workflow runs (bare, tuned)'),
            () => measured(cost.firstStock, stock, workflowPage, 'workflow runs (bare, stock)'),
            async () => firstGlobal.push(checked(await load({ url: server.url, connections: READ_CONNECTIONS, duration: DURATION, path: () => '/runs?limit=20' }), 'runs first page', READ_CONNECTIONS).p99),
            ...cursors.map((cursor, d) => async () => deep[d].push(checked(await load({ url: server.url, connections: READ_CONNECTIONS, duration: DURATION, path: () => `/runs?limit=20&cursor=${cursor}` }), `cursor at ${depths[d][0]}`, READ_CONNECTIONS).p99)),
            ...offsets.map((o, i) => async () => offsetP99[i].push(checked(await load({ url: server.url, connections: READ_CONNECTIONS, duration: DURATION, path: o.path }), `offset ${o.label}`, READ_CONNECTIONS).p99)),
            () => measured(cost.registry, server, () => '/workflows?limit=20', 'registry list').then((p) => registry.push(p)),
            () => measured(cost.registryBare, bare, () => '/workflows?limit=20', 'registry list (bare)'),
          ];
          for (const step of alternating(steps, r)) await step();
        }
        // the deepest offset page plus one answers 400, naming `page` and pointing to cursors
        const refused = await fetch(`${server.url}/runs?limit=20&page=${OFFSET_ROWS / 20 + 1}`, { headers: { 'x-api-key': ADMIN_KEY } });
        const refusedBody = await refused.text();
        const refusal = refused.status === 400 && refusedBody.includes('"page"') && refusedBody.includes('cursor') ? `400, naming \`page\` and pointing to cursors` : `**${refused.status}** (expected a 400)`;
        costLines.push(costRow(driver, '`GET /workflows/:id/runs` first page', cost.first, cost.firstBare));
        costLines.push(costRow(driver, '`GET /workflows` (registry list)', cost.registry, cost.registryBare));
        tuningLines.push(costRow(driver, '`GET /workflows/:id/runs` first page', cost.firstBare, cost.firstStock));
        lines.push(
          `| ${driver} | ${total.toLocaleString('en')} runs / ${workflows} + ${extra} workflows | ${fmt(rate, 0)} | ${withRepeats(cost.first.p99)} | ${withRepeats(firstGlobal)} | ${withRepeats(registry)} | ${fmt(idleRss, 0)} → ${fmt(loadedRss, 0)} |`,
        );
        depths.forEach(([label, rows], d) => {
          const ratios = deep[d].map((x, i) => x / firstGlobal[i]);
          depthLines.push(`| ${driver} | ${label} (after row ${rows.toLocaleString('en')}) | ${withRepeats(deep[d])} | ${withRepeats(firstGlobal)} | **${fmt(median(deep[d]) / median(firstGlobal), 2)}×** | ${ratios.map((x) => fmt(x, 2)).join(' / ')} |`);
        });
        offsets.forEach((o, i) => offsetLines.push(`| ${driver} | \`${o.label}\` | ${withRepeats(offsetP99[i])} |`));
        offsetLines.push(`| ${driver} | \`page=${OFFSET_ROWS / 20 + 1}\` (past row ${OFFSET_ROWS.toLocaleString('en')}) | ${refusal} |`);
      } finally {
        await bare.stop();
        await stock.stop();
      }
    } finally {
      await server.stop();
      await db?.drop();
    }
  }
  section('3-history', [
    '## 3–4, 7. History at scale, offset and cursor paging, registry list, memory',
    '',
    `Runs loaded through \`POST /runs/batch\` (1,000 per request, 4 clients, every item checked stored; node logs left out to keep the load short), then on PostgreSQL \`VACUUM ANALYZE\`. Reads at ${READ_CONNECTIONS} connections, ${DURATION} s per load, ${REPEAT} repeats, the loads of a repeat in alternating order; latency timed per request at microsecond resolution (bench/loader.ts), p99 in ms; every figure is the median, then each repeat. Targets: first page p99 ≤ 10 ms; a cursor page at 50 % depth ≤ 1.2× the first page's p99; every offset page up to row 10,000 ≤ 200 ms p99, with and without filters.`,
    '',
    '| driver | data | load rows/s | `GET /workflows/:id/runs` first page p99 | `GET /runs` first page p99 | `GET /workflows` p99 | server RSS MB idle → loaded |',
    '|---|---|---:|---:|---:|---:|---:|',
    ...lines,
    '',
    "Cursor pages deep into `GET /runs` (no filter), against the first page of the same listing measured in the same repeats. The cursor is the one the API hands out after that row (read from the database, checked against the API); the ratio is the median of the deep page's p99s over the median of the first page's, then each repeat's own ratio.",
    '',
    '| driver | depth | cursor page p99 | first page p99 | ratio of medians | ratio per repeat |',
    '|---|---|---:|---:|---:|---|',
    ...depthLines,
    '',
    `Offset pages (\`page\`, 20 a page) up to row ${OFFSET_ROWS.toLocaleString('en')}, with and without filters; \`total\` is exact up to the count cap and flagged \`total_estimated: true\` past it (see README, "Offset paging").`,
    '',
    '| driver | query | p99 ms |',
    '|---|---|---:|',
    ...offsetLines,
    '',
    "The same reads against the bare baseline in the same repeats, on the same data: `bench/baseline-server.ts` in read mode is Express + pg (or better-sqlite3) running the one page query and answering the same JSON (ISO timestamps, JSON columns parsed, the next cursor) with no framework, no API key, no logging, tuned as NeuralOps' server is (Node flags, HTTP set-up). Ratio: NeuralOps' req/s over the baseline's, within each repeat. CPU: the server process's user + system time per request.",
    '',
    '| driver | route | NeuralOps req/s | bare req/s | ratio | NeuralOps p99 ms | bare p99 ms | NeuralOps CPU µs/req | bare CPU µs/req |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|',
    ...costLines,
    '',
    "What the tuning buys, on the bare server alone: the tuned bare server (the Node flags of `npm start`; no ETag, no X-Powered-By, NeuralOps' request and response classes) against the same server on stock Node and Express, in the same repeats.",
    '',
    '| driver | route | tuned req/s | stock req/s | ratio | tuned p99 ms | stock p99 ms | tuned CPU µs/req | stock CPU µs/req |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|',
    ...tuningLines,
    '',
    'PostgreSQL plans of the page queries on the loaded data (`EXPLAIN (ANALYZE, BUFFERS)`, the statements the server runs; execution time inside the database, one run):',
    '',
    '| query | scans, outermost first | execution ms |',
    '|---|---|---:|',
    ...planLines,
    '',
    `Regenerate: ${command('history')} (\`--runs N\` for another size)`,
  ], startLoad);
}

/** The variants of similar search measured side by side on fresh processes (src/common/perf/hot-path.ts). */
const SIMILAR_VARIANTS = [
  { key: 'deployed', off: '', nodeArgs: [], label: 'as deployed: int8 scan (WebAssembly), float re-rank of the rows it names' },
  { key: 'quantised-scan', off: 'quantised-scan', nodeArgs: [], label: 'without `quantised-scan`: the float matrix scanned in full (WebAssembly)' },
  { key: 'parallel-scan', off: 'parallel-scan', nodeArgs: [], label: "without `parallel-scan`: the int8 scan's kernel on the main thread" },
  { key: 'wasm-dot-kernel', off: 'wasm-dot-kernel', nodeArgs: [], label: 'without `wasm-dot-kernel`: the int8 scan in plain TypeScript' },
  // not a change of the scan: how much of the RSS is the young generation `npm start` lets grow
  { key: 'semi-space-16', off: '', nodeArgs: ['--max-semi-space-size=16'], label: "as deployed, but Node's default young generation (`--max-semi-space-size=16` instead of `npm start`'s 64)" },
] as const;

async function similar(): Promise<void> {
  const startLoad = loadavg();
  const total = SMOKE ? 2_000 : Number(opt('similar-runs', '100000'));
  // the data outlives the ingesting server: fresh servers are started on it afterwards
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'neuralops-bench-similar-'));
  const env = { EMBEDDINGS_ENABLED: 'true', EMBEDDING_BATCH_SIZE: '256', EMBEDDING_WORKER_INTERVAL_MS: '200', DATA_DIR: dataDir };
  const ids: string[] = [];
  const sample = () => ids[Math.floor(Math.random() * ids.length)];
  const pathname = () => `/runs/${sample()}/similar?k=10`;
  const lines: string[] = [];
  try {
    const server = await startNeuralOps({ env });
    try {
      await new Promise((r) => setTimeout(r, 3000));
      const idleRss = rssMb(server.pid);
      const families = ['timeout in fetch', 'schema mismatch in parse', 'rate limited by enrichment api', 'decision rule crashed', 'store write conflict'];
      const loadStarted = Date.now();
      for (let i = 0; i < total; i += 1000) {
        const runs = Array.from({ length: Math.min(1000, total - i) }, (_, k) => {
          const n = i + k;
          return { wpk_id: `sim-wf-${n % 20}`, run_id: `s${n}`, status: n % 3 ? 'completed' : 'failed', error: n % 3 ? null : `${families[n % 5]} (attempt ${n % 7})`, inputs: { n, doc: `document-${n % 101}` } };
        });
        const res = await fetch(`${server.url}/runs/batch`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': ADMIN_KEY }, body: JSON.stringify({ runs }) });
        if (res.status !== 200) throw new Error(`similar load: ${res.status} ${await res.text()}`);
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
      const at = { 1: { p50: [] as number[], p95: [] as number[], p99: [] as number[], rps: [] as number[] }, 4: { p50: [] as number[], p95: [] as number[], p99: [] as number[], rps: [] as number[] } };
      checked(await load({ url: server.url, connections: 4, duration: 2, path: pathname }), 'similar warm-up');
      for (let r = 0; r < REPEAT; r++) {
        for (const connections of alternating([1, 4] as const, r)) {
          const res = checked(await load({ url: server.url, connections, duration: DURATION, path: pathname }), `similar at ${connections}`, connections);
          at[connections].p50.push(res.p50);
          at[connections].p95.push(res.p95);
          at[connections].p99.push(res.p99);
          at[connections].rps.push(res.rps);
        }
      }
      const loadedRss = rssMb(server.pid);
      const row = (c: 1 | 4) => `| ${c} | ${withRepeats(at[c].p50, 2)} | **${withRepeats(at[c].p95, 2)}** | ${withRepeats(at[c].p99, 2)} | ${withRepeats(at[c].rps, 0)} |`;
      lines.push(
        `${total.toLocaleString('en')} runs on SQLite, stored through \`POST /runs/batch\` in ${fmt(loadSeconds, 0)} s while the background worker embedded them (256 dimensions); all embedded ${fmt(totalSeconds, 0)} s after the first batch (${fmt(total / totalSeconds, 0)} runs/s end to end). Then \`GET /runs/:id/similar?k=10\` for random sampled runs (an exact search over all ${total.toLocaleString('en')} vectors each), on the server that stored them, at 1 and at 4 connections in alternating order, ${DURATION} s per load, ${REPEAT} repeats. Percentiles are nearest-rank over every request's own time (process.hrtime, microseconds; bench/loader.ts); each figure is the median, then each repeat. Targets: p95 ≤ 20 ms at 4 connections; memory for the vectors ≤ 150 MB above idle.`,
        '',
        '| connections | p50 ms | p95 ms | p99 ms | searches/s |',
        '|---:|---:|---:|---:|---:|',
        row(1),
        row(4),
        '',
        `RSS of that server: ${fmt(idleRss, 0)} MB idle (3 s after start), ${fmt(loadedRss, 0)} MB after storing, embedding and searching ${total.toLocaleString('en')} runs (${fmt(loadedRss - idleRss, 0)} MB above idle). That includes what ingesting ${Math.ceil(total / 1000)} batches of 1,000 runs left in the JavaScript heap (\`npm start\` runs Node with \`--max-semi-space-size=64\`, so the young generation alone may grow by up to 128 MB under write load) and SQLite's page cache; the vectors' own share is measured below on fresh processes.`,
      );
    } finally {
      await server.stop();
    }
    lines.push(...(await similarFresh(env, pathname, total)));
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  section('5-similar', ['## 5. Similar-run search, embedded index, local embedder', '', ...lines, '', `Regenerate: ${command('similar')} (\`--similar-runs N\` for another size)`], startLoad);
}

/**
 * Part 5b: fresh servers on the stored data, one per variant (as deployed, and each speed change of
 * the scan turned off), side by side: idle RSS once settled, RSS after loading the vectors and
 * serving the same searches, p95 at 4 connections in alternating order, and the answers compared.
 */
async function similarFresh(env: Record<string, string>, pathname: () => string, total: number): Promise<string[]> {
  const servers = new Map<string, Server>();
  const idle = new Map<string, number>();
  try {
    for (const v of SIMILAR_VARIANTS) {
      const server = await startNeuralOps({ env: { ...env, ...(v.off ? { HOT_PATH_OFF: v.off } : {}) }, nodeArgs: [...v.nodeArgs] });
      servers.set(v.key, server);
      await new Promise((r) => setTimeout(r, 3000));
      idle.set(v.key, rssMb(server.pid));
    }
    const loadMs = new Map<string, number>();
    for (const v of SIMILAR_VARIANTS) {
      const t0 = process.hrtime.bigint();
      const res = await fetch(`${servers.get(v.key)!.url}${pathname()}`, { headers: { 'x-api-key': ADMIN_KEY } });
      if (res.status !== 200) throw new Error(`similar, ${v.key}: first search answered ${res.status}`);
      await res.arrayBuffer();
      loadMs.set(v.key, Number(process.hrtime.bigint() - t0) / 1e6);
    }
    // the same answers: every sampled run's top 10, as deployed and from the float matrix
    const compared = SMOKE ? 20 : 200;
    let same = 0;
    for (let i = 0; i < compared; i++) {
      const p = pathname();
      const [a, b] = await Promise.all(['deployed', 'quantised-scan'].map(async (key) => (await fetch(`${servers.get(key)!.url}${p}`, { headers: { 'x-api-key': ADMIN_KEY } })).text()));
      if (a === b && a.includes('"items"')) same++;
    }
    for (const v of SIMILAR_VARIANTS) checked(await load({ url: servers.get(v.key)!.url, connections: 4, duration: 2, path: pathname }), `similar warm-up, ${v.key}`);
    const p95 = new Map<string, number[]>(SIMILAR_VARIANTS.map((v) => [v.key, []]));
    const p50 = new Map<string, number[]>(SIMILAR_VARIANTS.map((v) => [v.key, []]));
    for (let r = 0; r < REPEAT; r++) {
      for (const v of alternating(SIMILAR_VARIANTS, r)) {
        const res = checked(await load({ url: servers.get(v.key)!.url, connections: 4, duration: DURATION, path: pathname }), `similar, ${v.key}`, 4);
        p95.get(v.key)!.push(res.p95);
        p50.get(v.key)!.push(res.p50);
      }
    }
    const rows = SIMILAR_VARIANTS.map((v) => {
      const server = servers.get(v.key)!;
      const above = rssMb(server.pid) - idle.get(v.key)!;
      const gain = v.key === 'deployed' || REPEAT < 2 ? undefined : pairedGain(p95.get('deployed')!, p95.get(v.key)!, { higherIsBetter: false });
      const verdict = !gain
        ? '—'
        : `**${pct(gain.median)}** (${gain.gains.map((g) => pct(g)).join(' / ')}); 95 % interval ${pct(gain.low)} … ${pct(gain.high)}${v.off ? `: ${gain.pays ? 'pays' : 'does not pay'}` : ' (not a speed change)'}`;
      return `| ${v.label} | ${withRepeats(p50.get(v.key)!, 2)} | **${withRepeats(p95.get(v.key)!, 2)}** | ${verdict} | ${fmt(idle.get(v.key)!, 0)} | **${fmt(above, 0)}** | ${fmt(loadMs.get(v.key)!, 0)} |`;
    });
    return [
      '',
      '### 5b. Fresh processes on the stored data: the vectors\' memory, and the ablation of the scan',
      '',
      `One fresh server per variant, all on the SQLite file above, started one after the other and left 3 s to settle (idle RSS); then each one's first search (which loads the ${total.toLocaleString('en')} vectors), ${compared} sampled searches compared between the first two, a 2 s warm-up each, and \`GET /runs/:id/similar?k=10\` at 4 connections, ${DURATION} s per load, ${REPEAT} repeats, the servers in alternating order within each repeat. Gain: without / with − 1 of the p95, per repeat; its median, each repeat's, and the 95 % interval (Student's t over the repeats). A change pays when its median gain is ≥ 5 % and the interval excludes zero. RSS above idle is taken after all the loads: the vectors, the index around them, SQLite's page cache and what serving the searches grew the heap by; the last row shows how much of that is the young generation that \`npm start\`'s \`--max-semi-space-size=64\` lets grow under traffic (a setting of the whole server, left as it is here).`,
      '',
      `Answers: the top 10 as deployed and from the float matrix were byte-identical JSON for **${same} of ${compared}** sampled runs (recall@10 = ${fmt(same / compared, 3)} against the exact float scan, scores included).`,
      '',
      '| variant | p50 ms, 4 conn. | p95 ms, 4 conn. | gain of the change (p95) | idle RSS MB | **RSS above idle, MB** | first search (loads the vectors), ms |',
      '|---|---:|---:|---|---:|---:|---:|',
      ...rows,
    ];
  } finally {
    for (const server of servers.values()) await server.stop();
  }
}

/**
 * Start to the first `/health` 200, and idle RSS once settled, on both drivers with embeddings on;
 * and the same start without `created-tables-cache` (the migration of the empty database reading
 * every table it alters back from the catalog) and without `resolve-cache`, alternating within
 * each repeat.
 */
async function startup(): Promise<void> {
  const startLoad = loadavg();
  const settleMs = Number(opt('settle-ms', SMOKE ? '2000' : '10000'));
  const variants: Array<{ key: string; label: string; env: Record<string, string> }> = [
    { key: 'deployed', label: '', env: {} },
    { key: 'no-cache', label: ', without `created-tables-cache`', env: { HOT_PATH_OFF: 'created-tables-cache' } },
    { key: 'no-resolve-cache', label: ', without `resolve-cache`', env: { HOT_PATH_OFF: 'resolve-cache' } },
    { key: 'no-caches', label: ', without either', env: { HOT_PATH_OFF: 'created-tables-cache,resolve-cache' } },
  ];
  const rows: string[] = [];
  for (const driver of ['postgres', 'sqlite'] as const) {
    const ready = new Map<string, number[]>(variants.map((v) => [v.key, []]));
    const rss = new Map<string, number[]>(variants.map((v) => [v.key, []]));
    for (let r = 0; r < Math.max(3, REPEAT); r++) {
      // with resolve-cache, a start reads the file an earlier one wrote (the first after an install writes it)
      for (const v of r % 2 ? [...variants].reverse() : variants) {
        const db = driver === 'postgres' ? await createDatabase('startup') : undefined;
        const server = await startNeuralOps({ databaseUrl: db?.url, env: { EMBEDDINGS_ENABLED: 'true', ...v.env } });
        try {
          ready.get(v.key)!.push(server.readyMs);
          await new Promise((res) => setTimeout(res, settleMs));
          rss.get(v.key)!.push(rssMb(server.pid));
        } finally {
          await server.stop();
          await db?.drop();
        }
      }
    }
    for (const v of variants) {
      const g = v.key === 'deployed' ? undefined : pairedGain(ready.get('deployed')!, ready.get(v.key)!, { higherIsBetter: false });
      const gain = g ? `**${pct(g.median)}** (${g.gains.map((x) => pct(x)).join(' / ')}); 95 % interval ${pct(g.low)} … ${pct(g.high)}: ${g.pays ? 'pays' : 'does not pay'}` : '—';
      rows.push(`| ${driver}${v.label} | **${withRepeats(ready.get(v.key)!, 0)}** | ${gain} | **${withRepeats(rss.get(v.key)!, 0)}** |`);
    }
  }
  section('0-startup', [
    '## 0. Start and idle memory',
    '',
    `The compiled server started as \`npm start\` starts it, on an empty database (a fresh PostgreSQL database, or a fresh SQLite file), with embeddings on (the local embedder) and the scheduler off: milliseconds from spawning the process to the first 200 from \`/health\` (polled every 10 ms), then its RSS ${settleMs / 1000} s later. Each figure is the median, then each run. Each driver's start is also measured without \`created-tables-cache\` (\`HOT_PATH_OFF=created-tables-cache\`: the migrations read each table they created back from the catalog before altering it) and without \`resolve-cache\` (every required package found by Node's own resolution, not from the file an earlier start kept), and without either (both off: what the two save together), the starts alternating within each repeat (their order reversed every other repeat); the gain of a change is without / with − 1 per repeat: its median, each repeat's, and the 95 % interval (Student's t over the repeats); a change pays when its median gain is ≥ 5 % and the interval excludes zero. Targets: start ≤ 1,500 ms on an idle machine; idle RSS ≤ 150 MB.`,
    '',
    '| driver | spawn → /health 200, ms | gain of the change | idle RSS MB |',
    '|---|---:|---:|---:|',
    ...rows,
    '',
    `Regenerate: ${command('startup')}`,
  ], startLoad);
}

function assemble(): void {
  // by section number (10 after 9), then name
  const parts = fs.existsSync(OUT) ? fs.readdirSync(OUT).filter((f) => f.endsWith('.md')).sort((a, b) => parseInt(a, 10) - parseInt(b, 10) || a.localeCompare(b)) : [];
  const cpu = os.cpus()[0]?.model ?? 'unknown';
  const head = [
    SMOKE ? '# Performance (smoke sizes — not figures to quote)' : '# Performance',
    '',
    `Machine: ${os.cpus().length} × ${cpu}, ${fmt(os.totalmem() / 2 ** 30, 0)} GiB, Node ${process.version}, PostgreSQL at BENCH_DATABASE_URL (default the local server; each bench gets its own database). Load from the bench's own loader (bench/loader.ts: keep-alive connections, each request timed with process.hrtime, percentiles over every request) in the harness process, on the same two cores as the server and the database, over loopback. The server is the compiled app (\`dist\`) started as \`npm start\` starts it (the baseline gets the same Node flags), at its default log level (one JSON access line per request), with the embedding worker and the scheduler off unless measured. Rate limiting is off (RATE_LIMIT_PER_KEY_PER_S unset). Each section names the commit it was measured on and the load average around it; every figure is a median printed with each repeat it is the median of.`,
    '',
    'Regenerate everything: `npm run build && npm run bench` (each part: `npm run bench:<name>`). Each section was produced by the command written under it; a part not run yet has no section.',
    '',
    '',
  ];
  const body = parts.map((f) => fs.readFileSync(path.join(OUT, f), 'utf8'));
  fs.writeFileSync(`${OUT}.md`, head.join('\n') + body.join('\n'));
}

async function main(): Promise<void> {
  if (!flag('assemble') && !fs.existsSync(path.join(ROOT, 'dist/src/main.js'))) throw new Error('run `npm run build` first');
  const parts: Record<string, () => Promise<void>> = {
    startup,
    ingest,
    batch,
    history,
    similar,
    ablation: async () => {
      const startLoad = loadavg();
      section('12-ablation', await ablation({ smoke: SMOKE, repeat: REPEAT, duration: DURATION, command: command('ablation'), runs: Number(opt('ablation-runs', '0')) || undefined, similarRuns: Number(opt('similar-runs', '0')) || undefined }), startLoad);
    },
    probes: async () => {
      const startLoad = loadavg();
      section('6-probes', await probeBench({ smoke: SMOKE, duration: Number(opt('probe-window', '0')) || undefined }), startLoad);
    },
    runmetrics: async () => {
      const startLoad = loadavg();
      section('7-run-metrics', await runMetrics({ smoke: SMOKE, repeat: REPEAT }), startLoad);
    },
    profile: async () => {
      const startLoad = loadavg();
      section('8-profile', await profile({ duration: DURATION }), startLoad);
    },
    otlp: async () => {
      const startLoad = loadavg();
      section('13-otlp', await otlp({ smoke: SMOKE, repeat: REPEAT, duration: DURATION }), startLoad);
    },
    insights: async () => {
      const startLoad = loadavg();
      section('10-insights', await insights({ smoke: SMOKE, repeat: REPEAT, drivers: opt('insights-drivers', 'postgres,sqlite').split(',') }), startLoad);
    },
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

/**
 * What the batch ratio is made of. NeuralOps runs in this process, as in the batch bench's servers
 * (embeddings and the scheduler off); each `POST /runs/batch` it answers stores its runs with one
 * statement, which is captured with its parameters. Then:
 * - each captured statement is replayed, in order, under `EXPLAIN (ANALYZE)` on a second database
 *   migrated the same way (the same rows into the same state), and so is the direct insert's, and
 *   their write steps are timed;
 * - NeuralOps' statements, with fresh ids, are sent by `pg` alone on the same number of connections
 *   as the direct insert, in alternating repeats with it: the storage NeuralOps does without the
 *   service in front of it.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Pool } from 'pg';
import type { DataSource } from 'typeorm';
import { ADMIN_KEY, benchDatabaseUrl, createDatabase, freePort, realisticRun, ROOT, setDatabasePrefix } from './lib';
import { median } from './stats';

/** The direct insert's table and statement (the batch bench's baseline). */
export const DIRECT_TABLE = `CREATE TABLE IF NOT EXISTS direct_runs (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), wpk_id text, run_id text, status text, inputs jsonb, outputs jsonb, duration_ms int, node_logs jsonb, created_at timestamptz DEFAULT now(), UNIQUE (wpk_id, run_id))`;
export const DIRECT_INSERT = `INSERT INTO direct_runs (wpk_id, run_id, status, inputs, outputs, duration_ms, node_logs)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::jsonb[], $5::jsonb[], $6::int[], $7::jsonb[]) AS r
       ON CONFLICT (wpk_id, run_id) DO NOTHING`;

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Function Name'?: string;
  Alias?: string;
  'Actual Total Time'?: number;
  Plans?: PlanNode[];
}

interface Explained {
  Plan: PlanNode;
  'Execution Time': number;
  'Planning Time': number;
}

/** Each write step's time (ms, its input included) and the rows' JSON read by the runs insert. */
function stepsOf(plan: PlanNode, out = new Map<string, number>()): Map<string, number> {
  if (plan['Node Type'] === 'ModifyTable' && plan['Relation Name']) {
    out.set(`insert into ${plan['Relation Name']}`, (out.get(`insert into ${plan['Relation Name']}`) ?? 0) + (plan['Actual Total Time'] ?? 0));
  }
  if (plan['Node Type'] === 'Function Scan' && (plan['Function Name'] === 'jsonb_to_recordset' || plan['Function Name'] === 'unnest') && plan.Alias === 'r') {
    out.set('reading the rows (within the runs insert)', plan['Actual Total Time'] ?? 0);
  }
  for (const child of plan.Plans ?? []) stepsOf(child, out);
  return out;
}

/** A load of prepared statements on `connections` connections for `duration` s: rows/s and the concurrency reached. */
export async function statementLoad(
  url: string,
  setup: string | null,
  statements: ReadonlyArray<{ text: string; values: unknown[]; name?: string }>,
  connections: number,
  duration: number,
): Promise<{ rowsPerS: number; maxInFlight: number }> {
  const pool = new Pool({ connectionString: url, max: connections });
  // pool.end() resolves before its sockets have closed; the harness then drops the database
  // WITH (FORCE), whose termination reaches a closing client as an 'error' on the pool, and an
  // 'error' event without a listener ends the process (it happened in CI)
  pool.on('error', () => undefined);
  try {
    if (setup) await pool.query(setup);
    // every connection opened before the timer
    await Promise.all(Array.from({ length: connections }, () => pool.query('SELECT 1')));
    let next = 0;
    let rows = 0;
    let inFlight = 0;
    let maxInFlight = 0;
    const started = process.hrtime.bigint();
    const deadline = started + BigInt(Math.round(duration * 1e9));
    const worker = async () => {
      while (process.hrtime.bigint() < deadline) {
        // every prepared batch sent: the load ends early, its rate taken over the time it ran
        if (next >= statements.length) return;
        const statement = statements[next++];
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        const res = await pool.query(statement);
        inFlight--;
        const stored = res.command === 'INSERT' ? res.rowCount : res.rows.length;
        if (stored !== 500) throw new Error(`a statement stored ${stored} of 500 rows`);
        rows += 500;
      }
    };
    await Promise.all(Array.from({ length: connections }, worker));
    return { rowsPerS: rows / (Number(process.hrtime.bigint() - started) / 1e9), maxInFlight };
  } finally {
    await pool.end();
  }
}

/** Prepared column arrays of `batches` batches of 500 realistic runs, for the direct insert. */
export function unnestBatches(tag: string, batches: number): unknown[][] {
  const out: unknown[][] = [];
  for (let b = 0; b < batches; b++) {
    const runs = runsOf(`${tag}-${b}`, 500);
    out.push([runs.map((r) => r.wpk_id), runs.map((r) => r.run_id), runs.map((r) => r.status), runs.map((r) => JSON.stringify(r.inputs)), runs.map((r) => JSON.stringify(r.outputs)), runs.map((r) => r.duration_ms), runs.map((r) => JSON.stringify(r.node_logs))]);
  }
  return out;
}

/** A captured statement's parameters with every id and run id made new (`k` tells copies apart). */
function freshCopy(values: readonly unknown[], k: string): unknown[] {
  const ids = new Map<string, string>();
  return values.map((v) =>
    typeof v === 'string' && v.startsWith('[')
      ? v
          .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, (u) => ids.get(u) ?? (ids.set(u, randomUUID()), ids.get(u)!))
          .replace(/"run_id":"([^"]+)"/g, (_m, id: string) => `"run_id":"${id}-${k}"`)
      : v,
  );
}

async function explain(ds: DataSource, sql: string, params: unknown[]): Promise<Explained> {
  const rows = (await ds.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${sql}`, params)) as Array<{ 'QUERY PLAN': Explained[] }>;
  return rows[0]['QUERY PLAN'][0];
}

export interface BatchPlanOptions {
  batches: number;
  /** the JSON body of batch b (500 runs) */
  body: (b: number) => string;
  /** the direct insert's table, statement and each batch's parameters */
  direct: { sql: string; setup: string; params: (b: number) => unknown[] };
  /** the replay loads: repeats, seconds each, connections */
  repeat: number;
  duration: number;
  connections: number;
}

/**
 * Runs the plan in a child process of its own (the entities' column types follow DATABASE_URL when
 * their modules first load, which the bench's own imports have done for SQLite); its report lines.
 */
export function batchPlan(batches: number, dbPrefix: string, load: { repeat: number; duration: number; connections: number }): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-r', path.join(ROOT, 'scripts/ts-register.js'), __filename, String(batches), dbPrefix, String(load.repeat), String(load.duration), String(load.connections)], {
      env: { ...process.env, DATABASE_URL: benchDatabaseUrl() },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out.slice(out.lastIndexOf('\n[') + 1)) as string[]) : reject(new Error(`batch plan exited with ${code}: ${out.slice(-500)}`))));
  });
}

async function measure(opts: BatchPlanOptions): Promise<string[]> {
  const live = await createDatabase('plan_live');
  const replay = await createDatabase('plan_replay');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'neuralops-plan-'));
  const env = { DATABASE_URL: live.url, DATA_DIR: dataDir, ADMIN_API_KEY: ADMIN_KEY, EMBEDDINGS_ENABLED: 'false', SCHEDULER_ENABLED: 'false', PROM_URL: '', LOG_LEVEL: 'warn' };
  // loaded here, not at the top: the bench's own process imports this file for statementLoad
  /* eslint-disable @typescript-eslint/no-require-imports */
  require('reflect-metadata');
  const { configFromProcessEnv } = require('../src/config/env') as typeof import('../src/config/env');
  const { createApp, startServer } = require('../src/bootstrap') as typeof import('../src/bootstrap');
  const { connectDatabase } = require('../src/database/connect') as typeof import('../src/database/connect');
  const { Database } = require('../src/database/database.service') as typeof import('../src/database/database.service');
  /* eslint-enable @typescript-eslint/no-require-imports */
  const captured: Array<[string, unknown[]]> = [];
  const prepared = Database.prototype.prepared;
  Database.prototype.prepared = function (this: InstanceType<typeof Database>, sql: string, params: unknown[]) {
    if (sql.startsWith('WITH created_runs')) captured.push([sql, [...params]]);
    return prepared.call(this, sql, params) as never;
  } as typeof prepared;
  const port = await freePort();
  const config = configFromProcessEnv({ ...env, PORT: String(port), HOST: '127.0.0.1' });
  const product: Explained[] = [];
  const direct: Explained[] = [];
  const statements: Array<[string, unknown[]]> = [];
  let app: Awaited<ReturnType<typeof createApp>> | undefined;
  let target: DataSource | undefined;
  try {
    app = await createApp(config);
    target = await connectDatabase(configFromProcessEnv({ ...env, DATABASE_URL: replay.url }));
    await startServer(app, config);
    await target.query(opts.direct.setup);
    for (let b = 0; b < opts.batches; b++) {
      captured.length = 0;
      const res = await fetch(`http://127.0.0.1:${port}/runs/batch`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': ADMIN_KEY }, body: opts.body(b) });
      const text = await res.text();
      if (res.status !== 200) throw new Error(`batch plan: ${res.status} ${text.slice(0, 300)}`);
      if (captured.length !== 1) throw new Error(`batch plan: the batch ran ${captured.length} insert statements, not one`);
      statements.push(captured[0]);
      product.push(await explain(target, ...captured[0]));
      direct.push(await explain(target, opts.direct.sql, opts.direct.params(b)));
    }
  } finally {
    Database.prototype.prepared = prepared;
    await app?.close();
    await target?.destroy();
    await live.drop();
    await replay.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }

  // the same statements sent by pg alone against the direct insert, alternating
  const perLoad = Math.ceil(opts.duration * 60);
  const directRate: number[] = [];
  const replayRate: number[] = [];
  for (let r = 0; r < opts.repeat; r++) {
    for (const side of r % 2 ? (['replay', 'direct'] as const) : (['direct', 'replay'] as const)) {
      const db = await createDatabase(`plan_${side}`);
      let migrated: DataSource | undefined;
      try {
        let res;
        if (side === 'direct') {
          const prepared = unnestBatches(`d${r}-${Date.now().toString(36)}`, perLoad);
          res = await statementLoad(db.url, opts.direct.setup, prepared.map((values) => ({ text: opts.direct.sql, values })), opts.connections, opts.duration);
        } else {
          migrated = await connectDatabase(configFromProcessEnv({ ...env, DATABASE_URL: db.url }));
          const copies = Array.from({ length: perLoad }, (_, i) => {
            const [text, values] = statements[i % statements.length];
            return { text, values: freshCopy(values, `${r}-${i}`), name: 'nops_replay' };
          });
          res = await statementLoad(db.url, null, copies, opts.connections, opts.duration);
        }
        if (res.maxInFlight !== opts.connections) throw new Error(`the ${side} load reached ${res.maxInFlight} statements in flight, not ${opts.connections}`);
        (side === 'direct' ? directRate : replayRate).push(res.rowsPerS);
      } finally {
        await migrated?.destroy();
        await db.drop();
      }
    }
  }
  const each = (xs: number[], digits: number) => `${median(xs).toFixed(digits)} (${xs.map((x) => x.toFixed(digits)).join(' / ')})`;
  const replayRatio = replayRate.map((x, i) => x / directRate[i]);
  // the first batches pay for cold caches and first plans on both sides
  const warm = Math.min(3, opts.batches - 1);
  const steady = (xs: Explained[]) => xs.slice(warm);
  const ms = (xs: number[]) => median(xs).toFixed(1);
  const productSteps = steady(product).map((e) => stepsOf(e.Plan));
  const names = [...new Set(productSteps.flatMap((s) => [...s.keys()]))];
  const productExec = steady(product).map((e) => e['Execution Time']);
  const directExec = steady(direct).map((e) => e['Execution Time']);
  const lines = [
    '',
    `### 2b. Where a batch's time goes in PostgreSQL`,
    '',
    `Each of ${opts.batches} batches of the same realistic runs is sent to NeuralOps (in the bench's process, embeddings and scheduler off); the one statement that stores it is captured with its parameters and replayed under \`EXPLAIN (ANALYZE)\` on a second database migrated the same way, in the same order, so into the same state; the direct insert's statement the same way, into its own table there. Medians of the last ${opts.batches - warm} batches (the first ${warm} warm the caches), ms per batch of 500 runs; a write step's time includes reading its input.`,
    '',
    '| statement, step | ms per batch | share of its statement |',
    '|---|---:|---:|',
    `| **NeuralOps' insert, execution** | **${ms(productExec)}** | 100 % |`,
    ...names.map((name) => {
      const xs = productSteps.map((s) => s.get(name) ?? 0);
      return `| ${name} | ${ms(xs)} | ${((100 * median(xs)) / median(productExec)).toFixed(0)} % |`;
    }),
    `| planning | ${ms(steady(product).map((e) => e['Planning Time']))} | |`,
    `| **direct \`unnest\` insert, execution** | **${ms(directExec)}** | |`,
    ...[...new Set(steady(direct).flatMap((e) => [...stepsOf(e.Plan).keys()]))].map((name) => `| ${name} | ${ms(steady(direct).map((e) => stepsOf(e.Plan).get(name) ?? 0))} | |`),
    '',
    `The direct insert's execution time is ${(median(directExec) / median(productExec)).toFixed(2)}× NeuralOps' (medians): NeuralOps stores each run with its tag rows, its node rows and its workflow's latest-run summary, and the runs table carries the indexes its queries need (the direct table has two).`,
    '',
    `#### The same statements without the service`,
    '',
    `NeuralOps' captured statements, each copy with new ids, sent by \`pg\` alone (as one named statement, as NeuralOps sends it) on ${opts.connections} connections, against the direct insert on ${opts.connections} connections: ${opts.duration} s per load, ${opts.repeat} repeats in alternating order, fresh databases, every statement made before the timer and checked to store 500 runs.`,
    '',
    '| what | rows/s | ratio to the direct insert |',
    '|---|---:|---:|',
    `| direct pg unnest insert | ${each(directRate, 0)} | 1.00× |`,
    `| NeuralOps' statements, sent by pg alone | ${each(replayRate, 0)} | **${each(replayRatio, 2)}** |`,
    '',
    `So the storage NeuralOps does for a run — its own columns and indexes, tag rows, node rows, the workflow's summary — runs at about ${median(replayRatio).toFixed(2)}× the direct insert before any HTTP, JSON parsing or validation. With this storage, that is the most the batch ratio above could reach with a service that cost nothing; the batch ratio divided by it is roughly what the service keeps of its own storage's speed (the two ratios come from separate loads, each against its own direct insert).`,
  ];
  return lines;
}

/** `count` distinct realistic runs as JSON, under `tag`, 50 workflows (as the batch bench makes them). */
function runsOf(tag: string, count: number): Array<Record<string, unknown>> {
  return Array.from({ length: count }, (_, i) => realisticRun(`wf-${i % 50}`, `${tag}-${i}`));
}

if (require.main === module) {
  const batches = Number(process.argv[2]);
  setDatabasePrefix(process.argv[3]);
  const tag = `p${Date.now().toString(36)}`;
  const bodies = Array.from({ length: batches }, (_, b) => JSON.stringify({ runs: runsOf(`${tag}-${b}`, 500) }));
  const direct = unnestBatches(`${tag}-d`, batches);
  measure({
    batches,
    body: (b) => bodies[b],
    direct: { setup: DIRECT_TABLE, sql: DIRECT_INSERT, params: (b) => direct[b] },
    repeat: Number(process.argv[4]),
    duration: Number(process.argv[5]),
    connections: Number(process.argv[6]),
  }).then(
    (lines) => {
      process.stdout.write(`\n${JSON.stringify(lines)}\n`);
      process.exit(0);
    },
    (err: unknown) => {
      process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
      process.exit(1);
    },
  );
}

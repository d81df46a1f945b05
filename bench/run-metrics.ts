/**
 * Part 7 of the performance bench: run-metric probes over a large run history. 1M runs of 100
 * workflows over 30 days are written straight into the database of a running server, then ad-hoc
 * `POST /probe` calls (`source: runs`, `store: false`) are timed over HTTP, first with the indexes
 * on when a run happened (migration RunHappenedAt), then, in the same run, with those two indexes
 * dropped: the baseline is the same query reading the table without them.
 */
import * as path from 'node:path';
import Database from 'better-sqlite3';
import { Client } from 'pg';
import { ADMIN_KEY, createDatabase, fmt, median, startNeuralOps } from './lib';

const headers = { 'content-type': 'application/json', 'x-api-key': ADMIN_KEY };
const WORKFLOWS = 100;
const DAYS = 30;
const INDEXES = ['ix_workflow_runs_wpk_happened', 'ix_workflow_runs_happened'];

interface Query {
  label: string;
  body: Record<string, unknown>;
}

const QUERIES: Query[] = [
  { label: 'one workflow, p95 duration, 1 h in 1 min buckets', body: { query: 'runs_duration_p95_ms', wpk_id: 'wf-7', lookback: '1h', step: '60s' } },
  { label: 'one workflow, failure ratio, 24 h in 5 min buckets', body: { query: 'runs_failure_ratio', wpk_id: 'wf-7', lookback: '24h', step: '5m' } },
  { label: 'every workflow, run count, 1 h in 1 min buckets', body: { query: 'runs_count', lookback: '1h', step: '60s' } },
];

/** Seconds between two runs, so that `runs` spread over DAYS. */
const spacing = (runs: number) => (DAYS * 86_400) / runs;

async function seedPostgres(url: string, runs: number): Promise<void> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    // a quarter without started_at; the rest started 30 s before they were recorded
    await c.query(
      `INSERT INTO workflow_runs (id, wpk_id, run_id, status, duration_ms, started_at, created_at, updated_at)
       SELECT gen_random_uuid(), 'wf-' || (i % ${WORKFLOWS}), 'r' || i, CASE WHEN i % 20 = 0 THEN 'failed' ELSE 'completed' END, 500 + (i % 1000),
              CASE WHEN i % 4 = 0 THEN NULL ELSE now() - make_interval(secs => i * $1::float8 + 30) END,
              now() - make_interval(secs => i * $1::float8), now() - make_interval(secs => i * $1::float8)
       FROM generate_series(1, $2::int) AS i`,
      [spacing(runs), runs],
    );
    await c.query('ANALYZE workflow_runs');
  } finally {
    await c.end();
  }
}

function seedSqlite(file: string, runs: number): void {
  const db = new Database(file);
  try {
    db.pragma('busy_timeout = 10000');
    const at = (seconds: string) => `strftime('%Y-%m-%d %H:%M:%f', 'now', '-' || (${seconds}) || ' seconds')`;
    db.prepare(
      `WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < ?)
       INSERT INTO workflow_runs (id, wpk_id, run_id, status, duration_ms, started_at, created_at, updated_at)
       SELECT lower(hex(randomblob(16))), 'wf-' || (i % ${WORKFLOWS}), 'r' || i, CASE WHEN i % 20 = 0 THEN 'failed' ELSE 'completed' END, 500 + (i % 1000),
              CASE WHEN i % 4 = 0 THEN NULL ELSE ${at(`i * ${spacing(runs)} + 30`)} END, ${at(`i * ${spacing(runs)}`)}, ${at(`i * ${spacing(runs)}`)}
       FROM s`,
    ).run(runs);
    db.exec('ANALYZE');
  } finally {
    db.close();
  }
}

async function dropIndexes(driver: 'postgres' | 'sqlite', target: string): Promise<void> {
  if (driver === 'postgres') {
    const c = new Client({ connectionString: target });
    await c.connect();
    for (const name of INDEXES) await c.query(`DROP INDEX ${name}`);
    await c.query('ANALYZE workflow_runs');
    await c.end();
    return;
  }
  const db = new Database(target);
  db.pragma('busy_timeout = 10000');
  for (const name of INDEXES) db.exec(`DROP INDEX ${name}`);
  db.exec('ANALYZE');
  db.close();
}

/** Every repeat's latency of one probe call, ms. */
async function time(url: string, query: Query, repeat: number): Promise<number[]> {
  const body = JSON.stringify({ source: 'runs', detector: 'zscore', threshold: 6, store: false, ...query.body });
  const call = async () => {
    const t0 = performance.now();
    const res = await fetch(`${url}/probe`, { method: 'POST', headers, body });
    const text = await res.text();
    if (res.status !== 200) throw new Error(`POST /probe ${query.label}: ${res.status} ${text}`);
    return performance.now() - t0;
  };
  for (let i = 0; i < 5; i++) await call(); // warm-up: the route's first calls pay for JIT, not for the query
  const out: number[] = [];
  for (let i = 0; i < repeat; i++) out.push(await call());
  return out;
}

export async function runMetrics(opts: { smoke: boolean; repeat: number }): Promise<string[]> {
  const runs = opts.smoke ? 20_000 : 1_000_000;
  const repeat = Math.max(3, opts.repeat + 2);
  const rows: string[] = [];
  for (const driver of ['postgres', 'sqlite'] as const) {
    const db = driver === 'postgres' ? await createDatabase('runmetrics') : undefined;
    const server = await startNeuralOps({ databaseUrl: db?.url });
    try {
      const target = db?.url ?? path.join(server.dataDir!, 'neuralops.db');
      const t0 = Date.now();
      if (driver === 'postgres') await seedPostgres(target, runs);
      else seedSqlite(target, runs);
      process.stdout.write(`${driver}: ${runs} runs written in ${((Date.now() - t0) / 1000).toFixed(0)} s\n`);
      const withIndex = new Map<string, number[]>();
      for (const q of QUERIES) withIndex.set(q.label, await time(server.url, q, repeat));
      await dropIndexes(driver, target);
      for (const q of QUERIES) {
        const without = await time(server.url, q, repeat);
        const indexed = withIndex.get(q.label)!;
        process.stdout.write(`${driver} | ${q.label} | indexed ${indexed.map((v) => fmt(v)).join(', ')} | without ${without.map((v) => fmt(v)).join(', ')}\n`);
        rows.push(
          `| ${driver} | ${q.label} | ${fmt(median(indexed))} | ${fmt(median(without))} | **${fmt(median(without) / median(indexed))}×** | ${indexed.map((v) => fmt(v, 0)).join(' / ')} | ${without.map((v) => fmt(v, 0)).join(' / ')} |`,
        );
      }
    } finally {
      await server.stop();
      await db?.drop();
    }
  }
  return [
    '## 7. Run-metric probes over 1M runs',
    '',
    `${runs.toLocaleString('en')} runs of ${WORKFLOWS} workflows over ${DAYS} days (a quarter without \`started_at\`), written into the database of the running server; \`POST /probe\` with \`source: runs\`, \`store: false\`, timed over HTTP (the bucketing query, the detector over its points, the answer), five warm-up calls then ${repeat} timed ones each. Baseline: the same calls in the same run after dropping the two indexes on when a run happened (\`ix_workflow_runs_wpk_happened\`, \`ix_workflow_runs_happened\`), the table otherwise unchanged and analysed.`,
    '',
    '| driver | probe | median ms, indexed | median ms, without the indexes | speed-up | every call, indexed | every call, without |',
    '|---|---|---:|---:|---:|---|---|',
    ...rows,
    '',
    'Regenerate: `npm run bench:run-metrics`',
  ];
}

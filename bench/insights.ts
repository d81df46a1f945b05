/**
 * Part 10 of the performance bench: `GET /workflows/:id/insights` over a large run history. 1M runs
 * with four node logs each are written straight into the database of a running server: one
 * workflow has 100,000 runs in the last 7 days and 100,000 in the 7 days before (its `enrich` node
 * slower and failing more in the later week), 99 others share the remaining 800,000 over 30 days.
 * The node rows are then filled by the RunNodes migration's own statement (timed: what migrating a
 * history of that size costs), the window's latest 1,000 failed runs of the workflow get local
 * embeddings, and the route is timed over HTTP, every call printed. Baseline: the per-node p50/p95
 * alone computed from the runs' JSON node logs in one SQL statement, the per-request scan the node
 * table exists to avoid.
 */
import * as path from 'node:path';
import Database from 'better-sqlite3';
import { Client } from 'pg';
import { runNodesBackfillSql } from '../migrations/1764380500000-RunNodes';
import { RUN_HAPPENED_AT_SQL } from '../migrations/1764374800000-RunHappenedAt';
import { SqlParams } from '../src/database/database.service';
import { RunNodesRepository } from '../src/modules/run-insights/run-nodes.repository';
import { vectorToBytes } from '../src/modules/similarity/domain/cosine';
import { embeddingKey } from '../src/modules/similarity/domain/embedding-state';
import { HASH_DIMENSIONS, HASH_MODEL, hashEmbed } from '../src/modules/similarity/domain/hash-embedding';
import { buildRunDocument } from '../src/modules/similarity/domain/run-document';
import { ADMIN_KEY, createDatabase, fmt, median, startNeuralOps } from './lib';

const headers = { 'x-api-key': ADMIN_KEY };
const TARGET = 'wf-target';
const OTHERS = 99;
const DAY_S = 86_400;
const ERRORS = [
  'TimeoutError: the enrichment API did not answer within 30000 ms',
  'RateLimitError: 429 Too Many Requests from the enrichment API',
  'ValidationError: the invoice total differs from the sum of its line items',
];
const KEY = embeddingKey('local', HASH_MODEL, HASH_DIMENSIONS);

/**
 * Run i (1-based) of `total`: the first `target` are the target workflow's, newest first over 14
 * days (the first half in the last 7 days); the rest spread over 30 days. A run fails when i % 20
 * is 0, and in the later week also when i % 40 is 3; `enrich` is 80 ms slower in the later week.
 */
function seedPlan(total: number, target: number) {
  return {
    total,
    target,
    targetStep: (14 * DAY_S) / target,
    otherStep: (30 * DAY_S) / (total - target),
  };
}

async function seedPostgres(url: string, plan: ReturnType<typeof seedPlan>): Promise<void> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    await c.query(
      `INSERT INTO workflow_runs (id, wpk_id, run_id, status, duration_ms, error, node_logs, started_at, created_at, updated_at)
       SELECT gen_random_uuid(), wpk, 'r' || i, CASE WHEN failed THEN 'failed' ELSE 'completed' END, d_fetch + d_parse + d_enrich + d_save,
              CASE WHEN failed THEN err END,
              jsonb_build_array(
                jsonb_build_object('node', 'fetch', 'status', 'completed', 'duration_ms', d_fetch),
                jsonb_build_object('node', 'parse', 'status', 'completed', 'duration_ms', d_parse),
                CASE WHEN failed THEN jsonb_build_object('node', 'enrich', 'status', 'failed', 'duration_ms', d_enrich, 'error', err)
                     ELSE jsonb_build_object('node', 'enrich', 'status', 'completed', 'duration_ms', d_enrich) END,
                jsonb_build_object('node', 'save', 'status', 'completed', 'duration_ms', d_save)),
              at, at, at
       FROM (
         SELECT i, wpk, at, late, d_fetch, d_parse, d_save, d_enrich, (i % 20 = 0 OR (late AND i % 40 = 3)) AS failed, err
         FROM (
           SELECT i,
                  CASE WHEN i <= $2 THEN '${TARGET}' ELSE 'wf-' || (i % ${OTHERS}) END AS wpk,
                  CASE WHEN i <= $2 THEN now() - make_interval(secs => (i - 0.5) * $3::float8) ELSE now() - make_interval(secs => (i - $2) * $4::float8) END AS at,
                  i <= $2 / 2 AS late,
                  80 + (i * 7) % 40 AS d_fetch, 150 + (i * 13) % 100 AS d_parse, 20 + i % 10 AS d_save,
                  CASE WHEN i <= $2 / 2 THEN 380 ELSE 300 END + (i * 17) % 120 AS d_enrich,
                  (ARRAY['${ERRORS.join("', '")}'])[1 + (i / 20) % 3] AS err
           FROM generate_series(1, $1::int) AS i
         ) a
       ) b`,
      [plan.total, plan.target, plan.targetStep, plan.otherStep],
    );
  } finally {
    await c.end();
  }
}

function seedSqlite(file: string, plan: ReturnType<typeof seedPlan>): void {
  const db = new Database(file);
  try {
    db.pragma('busy_timeout = 10000');
    const ago = (seconds: string) => `strftime('%Y-%m-%d %H:%M:%f', 'now', '-' || (${seconds}) || ' seconds')`;
    const errs = ERRORS.map((e) => `'${e}'`);
    db.prepare(
      `WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < ?1),
       a AS (SELECT i, CASE WHEN i <= ?2 THEN '${TARGET}' ELSE 'wf-' || (i % ${OTHERS}) END AS wpk,
                    CASE WHEN i <= ?2 THEN ${ago('(i - 0.5) * ?3')} ELSE ${ago('(i - ?2) * ?4')} END AS at,
                    i <= ?2 / 2 AS late, 80 + (i * 7) % 40 AS d_fetch, 150 + (i * 13) % 100 AS d_parse, 20 + i % 10 AS d_save,
                    CASE WHEN i <= ?2 / 2 THEN 380 ELSE 300 END + (i * 17) % 120 AS d_enrich,
                    CASE (i / 20) % 3 WHEN 0 THEN ${errs[0]} WHEN 1 THEN ${errs[1]} ELSE ${errs[2]} END AS err FROM s),
       b AS (SELECT *, (i % 20 = 0 OR (late AND i % 40 = 3)) AS failed FROM a)
       INSERT INTO workflow_runs (id, wpk_id, run_id, status, duration_ms, error, node_logs, started_at, created_at, updated_at)
       SELECT lower(hex(randomblob(16))), wpk, 'r' || i, CASE WHEN failed THEN 'failed' ELSE 'completed' END, d_fetch + d_parse + d_enrich + d_save,
              CASE WHEN failed THEN err END,
              json_array(json_object('node', 'fetch', 'status', 'completed', 'duration_ms', d_fetch),
                         json_object('node', 'parse', 'status', 'completed', 'duration_ms', d_parse),
                         CASE WHEN failed THEN json_object('node', 'enrich', 'status', 'failed', 'duration_ms', d_enrich, 'error', err)
                              ELSE json_object('node', 'enrich', 'status', 'completed', 'duration_ms', d_enrich) END,
                         json_object('node', 'save', 'status', 'completed', 'duration_ms', d_save)),
              at, at, at
       FROM b`,
    ).run(plan.total, plan.target, plan.targetStep, plan.otherStep);
  } finally {
    db.close();
  }
}

/** The window's latest 1,000 failed runs of the target, embedded as the worker would (local embedder). */
function embeddings(rows: Array<{ id: string; error: string; node_logs: unknown; at: Date }>) {
  return rows.map((r) => ({
    ...r,
    vector: vectorToBytes(hashEmbed(buildRunDocument({ wpk_id: TARGET, status: 'failed', error: r.error, node_logs: r.node_logs as unknown[], inputs: null, outputs: null }, { includeInputsOutputs: true }))),
  }));
}

const LATEST_FAILED = (at: string) => `SELECT id, error, node_logs, ${at} AS at FROM workflow_runs WHERE wpk_id = '${TARGET}' AND status = 'failed' ORDER BY ${at} DESC LIMIT 1000`;

/** The baseline: per-node p50/p95 over the window from the runs' JSON node logs. */
const JSON_BASELINE = {
  postgres: `SELECT e.log->>'node' AS node, percentile_disc(0.5) WITHIN GROUP (ORDER BY (e.log->>'duration_ms')::int) AS p50,
                    percentile_disc(0.95) WITHIN GROUP (ORDER BY (e.log->>'duration_ms')::int) AS p95
             FROM workflow_runs r CROSS JOIN LATERAL jsonb_array_elements(r.node_logs) AS e(log)
             WHERE r.wpk_id = '${TARGET}' AND (${RUN_HAPPENED_AT_SQL.postgres}) >= now() - interval '7 days'
             GROUP BY 1`,
  sqlite: `WITH d AS (SELECT json_extract(e.value, '$.node') AS node, json_extract(e.value, '$.duration_ms') AS d
                  FROM workflow_runs r, json_each(r.node_logs) e
                  WHERE r.wpk_id = '${TARGET}' AND (${RUN_HAPPENED_AT_SQL.sqlite}) >= strftime('%Y-%m-%d %H:%M:%f', 'now', '-7 days')),
           r AS (SELECT node, d, ROW_NUMBER() OVER (PARTITION BY node ORDER BY d) AS rn, COUNT(*) OVER (PARTITION BY node) AS n FROM d)
           SELECT node, MIN(CASE WHEN rn >= 0.5 * n THEN d END) AS p50, MIN(CASE WHEN rn >= 0.95 * n THEN d END) AS p95 FROM r GROUP BY node`,
};

interface Prepared {
  fillSeconds: number;
  exec: (sql: string) => Promise<number>;
  close: () => Promise<void>;
}

async function preparePostgres(url: string): Promise<Prepared> {
  const c = new Client({ connectionString: url });
  await c.connect();
  const t0 = Date.now();
  await c.query(runNodesBackfillSql('postgres'));
  const fillSeconds = (Date.now() - t0) / 1000;
  const at = `(${RUN_HAPPENED_AT_SQL.postgres})`;
  const failed = await c.query(LATEST_FAILED(at));
  for (const r of embeddings(failed.rows)) {
    await c.query(
      `INSERT INTO run_embeddings (run_id, wpk_id, status, run_created_at, embedding_key, dimensions, vector, content_hash, embedded_at)
       VALUES ($1, $2, 'failed', $3, $4, $5, $6, 'bench', date_trunc('milliseconds', now()))`,
      [r.id, TARGET, r.at, KEY, HASH_DIMENSIONS, r.vector],
    );
  }
  // as autovacuum would have by then: statistics, and the visibility map index-only scans need
  await c.query('VACUUM ANALYZE workflow_runs');
  await c.query('VACUUM ANALYZE workflow_run_nodes');
  return {
    fillSeconds,
    exec: async (sql) => {
      const s = performance.now();
      await c.query(sql);
      return performance.now() - s;
    },
    close: () => c.end(),
  };
}

function prepareSqlite(file: string): Prepared {
  const db = new Database(file);
  db.pragma('busy_timeout = 10000');
  const t0 = Date.now();
  db.exec(runNodesBackfillSql('sqlite'));
  const fillSeconds = (Date.now() - t0) / 1000;
  const at = `(${RUN_HAPPENED_AT_SQL.sqlite})`;
  const failed = db.prepare(LATEST_FAILED(at)).all() as Array<{ id: string; error: string; node_logs: string; at: string }>;
  const insert = db.prepare(
    `INSERT INTO run_embeddings (run_id, wpk_id, status, run_created_at, embedding_key, dimensions, vector, content_hash, embedded_at)
     VALUES (?, ?, 'failed', ?, ?, ?, ?, 'bench', strftime('%Y-%m-%d %H:%M:%f', 'now'))`,
  );
  db.transaction(() => {
    for (const r of embeddings(failed.map((f) => ({ ...f, node_logs: JSON.parse(f.node_logs), at: new Date(`${f.at.replace(' ', 'T')}Z`) })))) {
      insert.run(r.id, TARGET, failed.find((f) => f.id === r.id)!.at, KEY, HASH_DIMENSIONS, r.vector);
    }
  })();
  db.exec('ANALYZE');
  return {
    fillSeconds,
    exec: async (sql) => {
      const s = performance.now();
      db.prepare(sql).all();
      return performance.now() - s;
    },
    close: async () => {
      db.close();
    },
  };
}

/** Seeds and prepares a PostgreSQL database as the bench does, for looking at query plans by hand. */
export async function seedForExplain(url: string, total: number, target: number): Promise<number> {
  await seedPostgres(url, seedPlan(total, target));
  const p = await preparePostgres(url);
  await p.close();
  return p.fillSeconds;
}

/** The node aggregate's statement and parameters as the repository sends them for a 7-day window ending now. */
function figuresStatement(): { sql: string; params: unknown[] } {
  let captured: { sql: string; params: unknown[] } | undefined;
  const stub = {
    isPostgres: true,
    p: (i: number) => `$${i}`,
    toDbTime: (d: Date) => d,
    params: () => new SqlParams(stub as never),
    readWithoutJit: async (sql: string, params: unknown[]) => {
      captured = { sql, params };
      return [];
    },
  };
  const now = Date.now();
  void new RunNodesRepository(stub as never).windowFigures(TARGET, new Date(now - 14 * DAY_S * 1000), new Date(now - 7 * DAY_S * 1000), new Date(now));
  return captured!;
}

/** Ablation of reading the node aggregate without JIT: the statement alone, 5 times each way, on one connection. */
async function jitAblation(url: string): Promise<{ on: number[]; off: number[] }> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    const { sql, params } = figuresStatement();
    const out = { on: [] as number[], off: [] as number[] };
    for (let i = 0; i < 5; i++) {
      for (const jit of ['on', 'off'] as const) {
        await c.query(`SET jit = ${jit}`);
        const t0 = performance.now();
        await c.query(sql, params);
        out[jit].push(performance.now() - t0);
      }
    }
    return out;
  } finally {
    await c.end();
  }
}

/** Every timed call's latency, ms; the answer of the last one. */
async function time(url: string, window: string, repeat: number): Promise<{ ms: number[]; body: Record<string, unknown> }> {
  let body: Record<string, unknown> = {};
  const call = async () => {
    const t0 = performance.now();
    const res = await fetch(`${url}/workflows/${TARGET}/insights?window=${window}`, { headers });
    const text = await res.text();
    if (res.status !== 200) throw new Error(`GET insights ${window}: ${res.status} ${text}`);
    body = JSON.parse(text) as Record<string, unknown>;
    return performance.now() - t0;
  };
  for (let i = 0; i < 3; i++) await call(); // warm-up: JIT, the vector store's first load
  const ms: number[] = [];
  for (let i = 0; i < repeat; i++) ms.push(await call());
  return { ms, body };
}

export async function insights(opts: { smoke: boolean; repeat: number; drivers?: string[] }): Promise<string[]> {
  const total = opts.smoke ? 20_000 : 1_000_000;
  const target = opts.smoke ? 4_000 : 200_000;
  const plan = seedPlan(total, target);
  const repeat = Math.max(5, opts.repeat * 3 + 1);
  const rows: string[] = [];
  const notes: string[] = [];
  for (const driver of (opts.drivers ?? ['postgres', 'sqlite']) as Array<'postgres' | 'sqlite'>) {
    const db = driver === 'postgres' ? await createDatabase('insights') : undefined;
    const server = await startNeuralOps({ databaseUrl: db?.url, env: { EMBEDDINGS_ENABLED: 'true', EMBEDDING_WORKER_INTERVAL_MS: '3600000' } });
    try {
      const target0 = db?.url ?? path.join(server.dataDir!, 'neuralops.db');
      const registered = await fetch(`${server.url}/workflows`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify({ id: TARGET }) });
      if (registered.status !== 201) throw new Error(`POST /workflows: ${registered.status} ${await registered.text()}`);
      const t0 = Date.now();
      if (driver === 'postgres') await seedPostgres(target0, plan);
      else seedSqlite(target0, plan);
      const seeded = (Date.now() - t0) / 1000;
      const prepared = driver === 'postgres' ? await preparePostgres(target0) : prepareSqlite(target0);
      process.stdout.write(`${driver}: ${total} runs written in ${fmt(seeded, 0)} s; node rows filled by the migration's statement in ${fmt(prepared.fillSeconds, 1)} s\n`);
      notes.push(`${driver}: the RunNodes migration's statement filled the node rows of ${total.toLocaleString('en')} runs (${(total * 4).toLocaleString('en')} rows) in ${fmt(prepared.fillSeconds, 1)} s`);
      try {
        for (const window of ['7d', '24h', '30d']) {
          const { ms, body } = await time(server.url, window, repeat);
          const clusters = body.failure_clusters as unknown[] | null;
          const regressions = (body.regressions as Array<{ message: string }>).map((r) => r.message);
          process.stdout.write(`${driver} | ${window} | ${ms.map((v) => fmt(v)).join(', ')} | clusters ${clusters?.length ?? 'null'} | ${regressions.join('; ')}\n`);
          const slow = (body.slowest_nodes as Array<{ executions: number }>).reduce((s, n) => s + n.executions, 0);
          rows.push(
            `| ${driver} | \`${window}\` | ${slow.toLocaleString('en')} | ${fmt(median(ms))} | ${fmt(Math.max(...ms))} | ${ms.map((v) => fmt(v, 0)).join(' / ')} | ${clusters ? `${clusters.length} (of ${(body.failure_clustering as { embedded: number }).embedded} runs)` : 'null'} | ${regressions.length ? regressions.join('; ') : '—'} |`,
          );
        }
        const base: number[] = [];
        for (let i = 0; i < 3; i++) base.push(await prepared.exec(JSON_BASELINE[driver]));
        rows.push(`| ${driver} | baseline: p50/p95 per node from the JSON node logs, \`7d\` | — | ${fmt(median(base))} | ${fmt(Math.max(...base))} | ${base.map((v) => fmt(v, 0)).join(' / ')} | — | — |`);
        process.stdout.write(`${driver} | JSON baseline | ${base.map((v) => fmt(v)).join(', ')}\n`);
        if (driver === 'postgres') {
          const jit = await jitAblation(target0);
          process.stdout.write(`postgres | node aggregate, jit on | ${jit.on.map((v) => fmt(v)).join(', ')} | off | ${jit.off.map((v) => fmt(v)).join(', ')}\n`);
          notes.push(
            `postgres, ablation of reading the node aggregate without JIT (\`Database.readWithoutJit\`): the statement alone for the 7-day window, alternating, 5 times each on one connection: JIT on (the server's default) median ${fmt(median(jit.on))} ms (${jit.on.map((v) => fmt(v, 0)).join(' / ')}), JIT off median ${fmt(median(jit.off))} ms (${jit.off.map((v) => fmt(v, 0)).join(' / ')})`,
          );
        }
      } finally {
        await prepared.close();
      }
    } finally {
      await server.stop();
      await db?.drop();
    }
  }
  const load = (await import('node:os')).loadavg().map((v) => v.toFixed(2)).join(', ');
  return [
    '## 10. Insights from run history over 1M runs',
    '',
    `${total.toLocaleString('en')} runs with four node logs each (\`fetch\`, \`parse\`, \`enrich\`, \`save\`), written into the database of the running server: \`${TARGET}\` has ${(target / 2).toLocaleString('en')} runs in the last 7 days and as many in the 7 days before (\`enrich\` 80 ms slower and failing more in the later week), ${OTHERS} other workflows share the rest over 30 days. The node rows are filled by the RunNodes migration's own statement, the window's latest 1,000 failed runs of \`${TARGET}\` get local-embedder vectors, then PostgreSQL's tables are vacuumed and analysed as autovacuum would have. \`GET /workflows/${TARGET}/insights\` is timed over HTTP: three warm-up calls, then ${repeat} timed ones per window, each printed (the node aggregate, the top errors, the latest failed runs, their vectors, the clustering, the tests and the answer). Baseline: only the per-node p50/p95 over the 7-day window, computed in one SQL statement from the runs' JSON node logs, as a per-request scan would. Target on PostgreSQL: ≤ 500 ms for the 7-day window.`,
    '',
    '| driver | window | node executions in the window | median ms | max ms | every call, ms | failure clusters | regressions found |',
    '|---|---|---:|---:|---:|---|---|---|',
    ...rows,
    '',
    ...notes.map((n) => `- ${n}`),
    `- load average when the section was written (1, 5, 15 min): ${load}; the machine is shared, so other work ran beside the bench`,
    '',
    'Regenerate: `npm run build && npm run bench:insights`',
  ];
}

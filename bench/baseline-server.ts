/**
 * The bare baseline: Express + pg (or better-sqlite3) doing the same work as NeuralOps with no
 * framework. Started by the harness in one of two modes:
 * - `write` (default): POST /runs — parse JSON, check the required fields, one upsert, answer — on a
 *   table of its own;
 * - `read` (BASELINE_MODE=read): GET /workflows/:id/runs and GET /workflows on NeuralOps' own
 *   tables (the same database, read only): one keyset query for the page, timestamps as ISO
 *   strings, JSON columns parsed, the next cursor, answer.
 * With BASELINE_TUNED=1 its HTTP server is set up as NeuralOps' own (`tuneHttpServer`: no ETag, no
 * X-Powered-By, requests and responses built with the classes NeuralOps' adapter uses); without it,
 * stock Express.
 */
import { randomUUID } from 'node:crypto';
import * as http from 'node:http';
import express from 'express';
import { Pool } from 'pg';
import Database from 'better-sqlite3';
import { expressServerClasses } from '../src/common/http/express-server-classes';

const port = Number(process.env.PORT);
const url = process.env.DATABASE_URL;
const sqlitePath = process.env.SQLITE_PATH;
const mode = process.env.BASELINE_MODE === 'read' ? 'read' : 'write';
const tuned = process.env.BASELINE_TUNED === '1';

const RUN_COLUMNS = 'id, wpk_id, run_id, status, duration_ms, error, tags, metadata, started_at, ended_at, created_at, updated_at';
const WORKFLOW_COLUMNS =
  'id, name, description, version, owner, tags, metadata, archived_at, created_at, updated_at, ' +
  'last_run_id, last_status, last_run_at, last_duration_ms, last_error, runs_total, runs_failed';
type Row = Record<string, unknown>;

/** The read routes: `select(sql, params)` runs one statement on the driver in use. */
function readRoutes(app: express.Express, select: (name: string, sql: string, params: unknown[]) => Promise<Row[]>, p: (i: number) => string): void {
  const time = (v: unknown): string | null =>
    v === null || v === undefined ? null : v instanceof Date ? v.toISOString() : new Date(`${String(v).replace(' ', 'T')}Z`).toISOString();
  const json = (v: unknown): unknown => (typeof v === 'string' ? JSON.parse(v) : v ?? null);
  const limitOf = (q: unknown): number => Math.min(Math.max(Number(q ?? 20) || 20, 1), 200);
  const cursor = (...parts: string[]): string => Buffer.from(parts.join('|')).toString('base64url');
  app.get('/workflows/:id/runs', async (req, res) => {
    const limit = limitOf(req.query.limit);
    const rows = await select('page', `SELECT ${RUN_COLUMNS} FROM workflow_runs WHERE wpk_id = ${p(1)} ORDER BY created_at DESC, id DESC LIMIT ${p(2)}`, [req.params.id, limit + 1]);
    const items = rows.slice(0, limit).map((r) => ({
      id: r.id, wpk_id: r.wpk_id, run_id: r.run_id, status: r.status, duration_ms: r.duration_ms ?? null, error: r.error ?? null,
      tags: json(r.tags), metadata: json(r.metadata), started_at: time(r.started_at), ended_at: time(r.ended_at),
      created_at: time(r.created_at), updated_at: time(r.updated_at),
    }));
    const last = items[items.length - 1];
    res.json({ items, limit, next_cursor: rows.length > limit && last ? cursor(last.created_at!, String(last.id)) : null });
  });
  app.get('/workflows', async (req, res) => {
    const limit = limitOf(req.query.limit);
    const rows = await select('workflows', `SELECT ${WORKFLOW_COLUMNS} FROM workflows WHERE archived_at IS NULL ORDER BY id LIMIT ${p(1)}`, [limit + 1]);
    const items = rows.slice(0, limit).map((r) => ({
      id: r.id, name: r.name, description: r.description ?? null, version: r.version ?? null, owner: r.owner ?? null,
      tags: json(r.tags) ?? [], metadata: json(r.metadata), archived_at: time(r.archived_at), created_at: time(r.created_at),
      updated_at: time(r.updated_at), last_run_id: r.last_run_id ?? null, last_status: r.last_status ?? null,
      last_run_at: time(r.last_run_at), last_duration_ms: r.last_duration_ms === null ? null : Number(r.last_duration_ms),
      last_error: r.last_error ?? null, runs_total: Number(r.runs_total), runs_failed: Number(r.runs_failed),
    }));
    const last = items[items.length - 1];
    res.json({ items, limit, next_cursor: rows.length > limit && last ? cursor(String(last.id)) : null });
  });
}

const DDL = `CREATE TABLE IF NOT EXISTS bench_runs (
  id TEXT PRIMARY KEY, wpk_id TEXT NOT NULL, run_id TEXT NOT NULL, status TEXT NOT NULL,
  inputs JSONB_OR_TEXT, outputs JSONB_OR_TEXT, duration_ms INTEGER, node_logs JSONB_OR_TEXT,
  created_at TIMESTAMP_T NOT NULL, updated_at TIMESTAMP_T NOT NULL, UNIQUE (wpk_id, run_id))`;

async function main(): Promise<void> {
  const app = express();
  app.use(express.json({ limit: '1mb' }));
  let upsert: (b: Record<string, unknown>) => Promise<{ id: string; inserted: boolean }>;
  if (url) {
    const pool = new Pool({ connectionString: url, max: 20 });
    if (mode === 'read') return serve(app, () => readRoutes(app, async (name, text, values) => (await pool.query({ name, text, values })).rows, (i) => `$${i}`));
    await pool.query(DDL.replace(/JSONB_OR_TEXT/g, 'jsonb').replace(/TIMESTAMP_T/g, 'timestamptz'));
    const sql = `INSERT INTO bench_runs (id, wpk_id, run_id, status, inputs, outputs, duration_ms, node_logs, created_at, updated_at)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, now(), now())
      ON CONFLICT (wpk_id, run_id) DO UPDATE SET status = EXCLUDED.status, inputs = EXCLUDED.inputs, outputs = EXCLUDED.outputs,
        duration_ms = EXCLUDED.duration_ms, node_logs = EXCLUDED.node_logs, updated_at = now()
      RETURNING id, (xmax = 0) AS inserted`;
    upsert = async (b) => {
      const r = await pool.query({ name: 'upsert', text: sql, values: [randomUUID(), b.wpk_id, b.run_id, b.status, JSON.stringify(b.inputs ?? null), JSON.stringify(b.outputs ?? null), b.duration_ms ?? null, JSON.stringify(b.node_logs ?? null)] });
      return r.rows[0];
    };
  } else {
    const db = new Database(sqlitePath!, { readonly: mode === 'read' });
    if (mode === 'read') {
      const statements = new Map<string, Database.Statement>();
      return serve(app, () => readRoutes(app, async (name, sql, params) => {
        let stmt = statements.get(name);
        if (!stmt) statements.set(name, (stmt = db.prepare(sql)));
        return stmt.all(...params) as Row[];
      }, () => '?'));
    }
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.exec(DDL.replace(/JSONB_OR_TEXT/g, 'TEXT').replace(/TIMESTAMP_T/g, 'TEXT'));
    const stmt = db.prepare(`INSERT INTO bench_runs (id, wpk_id, run_id, status, inputs, outputs, duration_ms, node_logs, created_at, updated_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, datetime('now'), datetime('now'))
      ON CONFLICT (wpk_id, run_id) DO UPDATE SET status = excluded.status, inputs = excluded.inputs, outputs = excluded.outputs,
        duration_ms = excluded.duration_ms, node_logs = excluded.node_logs, updated_at = datetime('now') RETURNING id`);
    upsert = async (b) => {
      const id = randomUUID();
      const row = stmt.get(id, b.wpk_id, b.run_id, b.status, JSON.stringify(b.inputs ?? null), JSON.stringify(b.outputs ?? null), b.duration_ms ?? null, JSON.stringify(b.node_logs ?? null)) as { id: string };
      return { id: row.id, inserted: row.id === id };
    };
  }
  serve(app, () => app.post('/runs', async (req, res) => {
    const b = req.body as Record<string, unknown>;
    if (typeof b?.wpk_id !== 'string' || typeof b.run_id !== 'string' || typeof b.status !== 'string') {
      res.status(400).json({ error: 'wpk_id, run_id and status are required' });
      return;
    }
    try {
      const r = await upsert(b);
      res.status(r.inserted ? 201 : 200).json({ id: r.id, wpk_id: b.wpk_id, run_id: b.run_id, status: b.status });
    } catch (err) {
      res.status(500).json({ error: String(err) });
    }
  }));
}

function serve(app: express.Express, routes: () => void): void {
  app.get('/health', (_req, res) => void res.json({ status: 'ok', mode }));
  routes();
  if (tuned) {
    app.set('etag', false);
    app.disable('x-powered-by');
  }
  http.createServer(tuned ? expressServerClasses(app) : {}, app).listen(port, '127.0.0.1', () => process.stdout.write('ready\n'));
}

process.on('SIGTERM', () => process.exit(0));
void main();

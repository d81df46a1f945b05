/**
 * The bare baseline: Express + pg (or better-sqlite3) doing the same work as POST /runs with no
 * framework — parse JSON, check the required fields, one upsert, answer. Started by the harness.
 */
import { randomUUID } from 'node:crypto';
import express from 'express';
import { Pool } from 'pg';
import Database from 'better-sqlite3';

const port = Number(process.env.PORT);
const url = process.env.DATABASE_URL;
const sqlitePath = process.env.SQLITE_PATH;

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
    const db = new Database(sqlitePath!);
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
  app.get('/health', (_req, res) => void res.json({ status: 'ok' }));
  app.post('/runs', async (req, res) => {
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
  });
  app.listen(port, '127.0.0.1', () => process.stdout.write('ready\n'));
}

process.on('SIGTERM', () => process.exit(0));
void main();

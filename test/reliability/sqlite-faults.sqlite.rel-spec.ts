import Database from 'better-sqlite3';
import { DataSource } from 'typeorm';
import { recordFault } from '../support/reliability-report';
import { startTestApp, TestApp } from '../support/test-app';

describe('SQLite faults', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { LOG_LEVEL: 'warn' } });
  });
  afterAll(() => t.close());

  const post = (run: string) => t.http().post('/runs').set(t.admin.header).send({ wpk_id: 'sqlite-fault', run_id: run, status: 'completed' });

  it('database locked by another writer: 503 with Retry-After, nothing corrupt, recovery when the lock goes', async () => {
    expect((await post('before-lock')).status).toBe(201);
    const other = new Database(t.config.database.sqlitePath);
    other.pragma('busy_timeout = 0');
    other.exec('BEGIN EXCLUSIVE');
    const started = Date.now();
    const during = await post('during-lock');
    const waited = Date.now() - started;
    expect(during.status).toBe(503);
    expect(during.body.error.code).toBe('DATABASE_UNAVAILABLE');
    expect(during.headers['retry-after']).toBe('1');
    other.exec('ROLLBACK');
    other.close();
    const after = await post('during-lock');
    expect(after.status).toBe(201);
    const check = new Database(t.config.database.sqlitePath, { readonly: true });
    const integrity = check.pragma('integrity_check', { simple: true });
    const count = (check.prepare(`SELECT COUNT(*) AS n FROM workflow_runs WHERE wpk_id = 'sqlite-fault'`).get() as { n: number }).n;
    check.close();
    expect(integrity).toBe('ok');
    expect(count).toBe(2);
    recordFault('sqlite-locked', {
      fault: 'SQLite database locked by another writer',
      injected: 'a second connection holds BEGIN EXCLUSIVE on the database file',
      load: 'one write during the lock, one after',
      figures: { 'answer during the lock': during.status, 'time to answer (ms)': waited, 'answer after release': after.status, integrity_check: String(integrity), 'rows stored': count },
      outcome: 'pass',
    });
  });

  it('database read-only: 503 with a logged cause, recovery when writable again', async () => {
    // root ignores file modes, so the connection itself is made read-only (PRAGMA query_only),
    // which fails writes with the same SQLITE_READONLY error a read-only file gives
    const ds = t.app.get(DataSource);
    await ds.query('PRAGMA query_only = ON');
    const during = await post('read-only');
    expect(during.status).toBe(503);
    expect(during.body.error.code).toBe('DATABASE_UNAVAILABLE');
    expect(during.body.error.details.reason).toMatch(/readonly/i);
    const health = await t.http().get('/health');
    await ds.query('PRAGMA query_only = OFF');
    const after = await post('read-only');
    expect(after.status).toBe(201);
    recordFault('sqlite-read-only', {
      fault: 'SQLite database read-only',
      injected: 'PRAGMA query_only = ON on the app connection (SQLITE_READONLY on every write)',
      load: 'one write while read-only, one after',
      figures: { 'answer while read-only': during.status, cause: during.body.error.details.reason, '/health while read-only (reads work)': health.status, 'answer after': after.status },
      outcome: 'pass',
    });
  });
});

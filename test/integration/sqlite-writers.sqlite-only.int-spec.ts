import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Sqlite from 'better-sqlite3';
import { DataSource } from 'typeorm';
import { configFromProcessEnv } from '../../src/config/env';
import { connectDatabase } from '../../src/database/connect';
import { Database } from '../../src/database/database.service';

/**
 * Two processes on one SQLite file (two servers, or a server and the CLI). In WAL mode a transaction
 * that reads first and writes afterwards fails with SQLITE_BUSY_SNAPSHOT, at once and whatever
 * busy_timeout says, when the other process has committed in between; two servers starting together
 * each provisioning ADMIN_API_KEY that way is how one of them failed to start.
 */
describe('[sqlite] write transactions beside another process on the same file', () => {
  let dir: string;
  let dataSource: DataSource;
  let db: Database;
  let other: Sqlite.Database;

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'neuralops-writers-'));
    dataSource = await connectDatabase(configFromProcessEnv({ DATA_DIR: dir, DATABASE_URL: '' }));
    db = new Database(dataSource);
    await db.query(`CREATE TABLE scratch (k TEXT PRIMARY KEY)`);
    // the other process, which does not wait for the lock: it is refused at once while we hold it
    other = new Sqlite(path.join(dir, 'neuralops.db'), { timeout: 0 });
  });

  afterEach(async () => {
    other.close();
    await dataSource.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('a transaction that reads, lets the other process try to write, then writes, commits; the other is refused until it ends', async () => {
    let otherOutcome = '';
    await db.write(async (tx) => {
      expect(await db.query(`SELECT k FROM scratch`, [], tx)).toEqual([]);
      try {
        other.prepare(`INSERT INTO scratch (k) VALUES ('theirs')`).run();
        otherOutcome = 'written';
      } catch (err) {
        otherOutcome = (err as { code?: string }).code ?? String(err);
      }
      await db.query(`INSERT INTO scratch (k) VALUES ('ours') ON CONFLICT (k) DO NOTHING`, [], tx);
    });
    expect(otherOutcome).toBe('SQLITE_BUSY');
    expect(other.prepare(`SELECT k FROM scratch`).all()).toEqual([{ k: 'ours' }]);
    // once it ended, the other process writes
    other.prepare(`INSERT INTO scratch (k) VALUES ('theirs')`).run();
    expect((await db.query<{ k: string }>(`SELECT k FROM scratch ORDER BY k`)).map((r) => r.k)).toEqual(['ours', 'theirs']);
  });

  it('a transaction that fails part-way leaves nothing, and releases the lock', async () => {
    await expect(
      db.write(async (tx) => {
        await db.query(`INSERT INTO scratch (k) VALUES ('half')`, [], tx);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(other.prepare(`SELECT k FROM scratch`).all()).toEqual([]);
    other.prepare(`INSERT INTO scratch (k) VALUES ('theirs')`).run();
  });
});

import Sqlite from 'better-sqlite3';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { MIGRATIONS } from '../../migrations';
import { setHotPathOff } from '../../src/common/perf/hot-path';
import { runMigrations } from '../../src/database/migrations-runner';
import { emptyMigrationDatabase } from '../support/migration-db';
import { currentDriver, describeDb } from '../support/test-app';

type Row = Record<string, unknown>;

/** Everything about the schema a migration decides: tables, columns, types, defaults, keys, indexes. */
async function schemaOf(ds: DataSource): Promise<Row[]> {
  if (currentDriver() === 'sqlite') {
    return ds.query(`SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name`);
  }
  const columns: Row[] = await ds.query(
    `SELECT table_name, column_name, ordinal_position, data_type, udt_name, is_nullable, column_default, collation_name
     FROM information_schema.columns WHERE table_schema = 'public' ORDER BY table_name, ordinal_position`,
  );
  const constraints: Row[] = await ds.query(
    `SELECT c.conrelid::regclass::text AS table_name, c.conname, pg_get_constraintdef(c.oid) AS def
     FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace WHERE n.nspname = 'public' ORDER BY 1, 3`,
  );
  const indexes: Row[] = await ds.query(`SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' ORDER BY tablename, indexname`);
  // constraint names TypeORM generates hash the table and columns: equal schemas have equal names
  return [...columns, ...constraints, ...indexes];
}

async function migrated(options: object, migrations: unknown[], fn: (ds: DataSource) => Promise<void>): Promise<void> {
  const ds = await new DataSource({ ...options, migrations } as never).initialize();
  try {
    await fn(ds);
  } finally {
    await ds.destroy();
  }
}

describeDb('migrations', () => {
  afterEach(() => setHotPathOff([]));

  it('all at once (as a new deployment starts) and one by one (as a deployment upgraded release by release) give the same schema', async () => {
    const schemas: Record<string, Row[]> = {};
    const ways: Array<[string, () => Promise<void>]> = [];
    for (const [way, off] of [['all at once', []], ['all at once, without created-tables-cache', ['created-tables-cache']]] as const) {
      ways.push([
        way,
        async () => {
          setHotPathOff(off);
          const { options, cleanup } = await emptyMigrationDatabase();
          try {
            await migrated(options, MIGRATIONS, async (ds) => {
              expect(await runMigrations(ds)).toHaveLength(MIGRATIONS.length);
              schemas[way] = await schemaOf(ds);
            });
          } finally {
            await cleanup();
          }
        },
      ]);
    }
    ways.push([
      'one by one',
      async () => {
        setHotPathOff([]);
        const { options, cleanup } = await emptyMigrationDatabase();
        try {
          for (let i = 1; i <= MIGRATIONS.length; i++) {
            await migrated(options, MIGRATIONS.slice(0, i), async (ds) => {
              expect(await runMigrations(ds)).toEqual([MIGRATIONS[i - 1].name]);
            });
          }
          await migrated(options, MIGRATIONS, async (ds) => {
            expect(await runMigrations(ds)).toEqual([]);
            schemas['one by one'] = await schemaOf(ds);
          });
        } finally {
          await cleanup();
        }
      },
    ]);
    for (const [, run] of ways) await run();

    expect(schemas['all at once'].length).toBeGreaterThan(40);
    expect(schemas['all at once']).toEqual(schemas['one by one']);
    expect(schemas['all at once, without created-tables-cache']).toEqual(schemas['one by one']);
  });

  it('waits while another process migrates the same database, then finds nothing left to apply', async () => {
    const { options, cleanup } = await emptyMigrationDatabase();
    const opts = options as { url?: string; database?: string };
    // the other process: PostgreSQL's migration lock, or SQLite's write lock, held for 1.5 s
    let release: () => Promise<void>;
    if (currentDriver() === 'postgres') {
      const other = new Client({ connectionString: opts.url });
      await other.connect();
      await other.query('SELECT pg_advisory_lock(7316001)');
      release = async () => {
        await other.query('SELECT pg_advisory_unlock(7316001)');
        await other.end();
      };
    } else {
      const other = new Sqlite(opts.database!);
      other.exec('BEGIN IMMEDIATE');
      release = async () => {
        other.exec('COMMIT');
        other.close();
      };
    }
    try {
      const started = Date.now();
      const released = new Promise<void>((resolve) => setTimeout(() => void release().then(resolve), 1500));
      await migrated(options, MIGRATIONS, async (ds) => {
        expect(await runMigrations(ds)).toHaveLength(MIGRATIONS.length);
        expect(Date.now() - started).toBeGreaterThanOrEqual(1400);
        await released;
        expect(await runMigrations(ds)).toEqual([]);
      });
    } finally {
      await cleanup();
    }
  });

  if (currentDriver() === 'sqlite') {
    it('gives up with a message saying why when another process keeps the SQLite database locked', async () => {
      const { options, cleanup } = await emptyMigrationDatabase();
      const other = new Sqlite((options as { database: string }).database);
      other.exec('BEGIN IMMEDIATE');
      try {
        await migrated(options, MIGRATIONS, async (ds) => {
          await expect(runMigrations(ds, { sqliteWaitMs: 1200 })).rejects.toThrow('another process has been migrating the SQLite database for 1 s');
        });
      } finally {
        other.exec('ROLLBACK');
        other.close();
        await cleanup();
      }
    });
  }
});

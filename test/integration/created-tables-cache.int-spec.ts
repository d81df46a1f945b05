import { DataSource, MigrationInterface, QueryRunner, Table, TableColumn, TableIndex } from 'typeorm';
import { MIGRATIONS } from '../../migrations';
import { setHotPathOff } from '../../src/common/perf/hot-path';
import { columnTypes } from '../../src/database/columns';
import { runMigrations } from '../../src/database/migrations-runner';
import { emptyMigrationDatabase } from '../support/migration-db';
import { currentDriver, describeDb } from '../support/test-app';

/** Migrates a new empty database with `migrations`; answers the tables TypeORM read back from the catalog, in order. */
async function tablesReadBack(migrations: unknown[], inspect?: (ds: DataSource) => Promise<void>): Promise<string[]> {
  const { options, cleanup } = await emptyMigrationDatabase();
  const ds = await new DataSource({ ...options, migrations } as never).initialize();
  const read: string[] = [];
  try {
    const create = ds.createQueryRunner.bind(ds);
    jest.spyOn(ds, 'createQueryRunner').mockImplementation((...args) => {
      const runner = create(...args) as QueryRunner & { loadTables: (names?: Array<string | Table>) => Promise<Table[]> };
      const loadTables = runner.loadTables.bind(runner);
      runner.loadTables = (names) => {
        read.push(...(names ?? []).map((n) => (typeof n === 'string' ? n : n.name)));
        return loadTables(names);
      };
      return runner;
    });
    expect(await runMigrations(ds)).toHaveLength(migrations.length);
    await inspect?.(ds);
    return read;
  } finally {
    await ds.destroy();
    await cleanup();
  }
}

const t = () => columnTypes(currentDriver());

class CreateProbe1700000000001 implements MigrationInterface {
  name = 'CreateProbe1700000000001';
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'cache_probe',
        columns: [
          { name: 'id', type: t().uuid, isPrimary: true },
          { name: 'a', type: t().text },
        ],
        indices: [new TableIndex({ name: 'ix_cache_probe_a', columnNames: ['a'] })],
      }),
    );
    await queryRunner.addColumn('cache_probe', new TableColumn({ name: 'b', type: t().text, isNullable: true }));
  }
  async down(): Promise<void> {}
}

class AlterProbeByHand1700000000002 implements MigrationInterface {
  name = 'AlterProbeByHand1700000000002';
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE cache_probe ADD COLUMN by_hand text');
  }
  async down(): Promise<void> {}
}

class AddToProbe1700000000003 implements MigrationInterface {
  name = 'AddToProbe1700000000003';
  async up(queryRunner: QueryRunner): Promise<void> {
    // on SQLite this rebuilds the table from what TypeORM knows of it: by_hand must be known
    await queryRunner.addColumn('cache_probe', new TableColumn({ name: 'c', type: t().text, isNullable: true }));
    await queryRunner.createIndex('cache_probe', new TableIndex({ name: 'ix_cache_probe_c', columnNames: ['c'] }));
  }
  async down(): Promise<void> {}
}

const PROBE_MIGRATIONS = [CreateProbe1700000000001, AlterProbeByHand1700000000002, AddToProbe1700000000003];

async function probeColumns(ds: DataSource): Promise<string[]> {
  const rows: Array<{ name: string }> =
    currentDriver() === 'sqlite'
      ? await ds.query(`SELECT name FROM pragma_table_info('cache_probe') ORDER BY cid`)
      : await ds.query(`SELECT column_name AS name FROM information_schema.columns WHERE table_name = 'cache_probe' ORDER BY ordinal_position`);
  return rows.map((r) => r.name);
}

describeDb('created-tables-cache', () => {
  afterEach(() => setHotPathOff([]));

  it('migrating an empty database reads no table it created back from the catalog, except one a migration altered by hand', async () => {
    // RunHappenedAt, RunUsage and RunNodes alter workflow_runs with their own SQL before RunStatusIndex indexes it
    expect(await tablesReadBack(MIGRATIONS)).toEqual(['workflow_runs']);
    setHotPathOff(['created-tables-cache']);
    expect((await tablesReadBack(MIGRATIONS)).sort()).toEqual(['insight_deliveries', 'insight_series_state', 'insight_signals', 'probes', 'workflow_runs']);
  });

  it('a table altered by hand is read back before a migration changes it again, so what was added by hand is kept', async () => {
    for (const off of [[], ['created-tables-cache']] as const) {
      setHotPathOff(off);
      let columns: string[] = [];
      const read = await tablesReadBack(PROBE_MIGRATIONS, async (ds) => {
        columns = await probeColumns(ds);
      });
      expect(columns).toEqual(['id', 'a', 'b', 'by_hand', 'c']);
      // read back once the hand-made change was seen; without the switch, also at the first addColumn
      expect(read).toEqual(off.length ? ['cache_probe', 'cache_probe'] : ['cache_probe']);
    }
  });
});

import type { QueryRunner, Table } from 'typeorm';

/**
 * What this relies on in TypeORM's QueryRunner (1.x): `getCachedTable(name)`, which every schema
 * method (addColumn, createIndex, …) uses to learn a table it is given by name, answers from
 * `loadedTables` through `cachedTablePaths` before reading the catalog; the schema methods keep
 * that entry up to date themselves (`replaceCachedTable`), and all run their SQL through
 * `executeQueries`. created-tables-cache.int-spec fails when an upgrade changes that.
 */
interface TableCacheInternals {
  loadedTables: Table[];
  cachedTablePaths: Record<string, string>;
  getTablePath(target: Table | string): string;
  executeQueries(up: unknown, down: unknown): Promise<void>;
}

/** Statements that change a table's shape, as a migration may write them by hand. */
const DDL = /^\s*(ALTER|CREATE|DROP)\b/i;

/**
 * Migrating an empty database, the migrations learn the tables they created from what they created
 * rather than from the catalog (`rememberCreated`, the switch `created-tables-cache`): TypeORM reads
 * a table back (PostgreSQL: eight catalog queries; SQLite: sqlite_master and a pragma per index) the
 * first time a migration names it.
 *
 * Either way, a table a migration changed with its own SQL (ALTER, CREATE INDEX, DROP naming it), or
 * dropped or renamed, is read back from the catalog the next time: neither the Table it was created
 * from nor the one TypeORM read earlier describes it any more, and on SQLite TypeORM rebuilds a
 * table from that description to add a column, which would lose what was added by hand.
 *
 * Measured migrating an empty database (10 alternating repeats, the app's data source): PostgreSQL
 * 409 ms with it, 500 ms without (median of without / with 1.25), 116 statements instead of 148;
 * SQLite 25 vs 23 ms (1.01: its catalog reads cost microseconds), 164 statements instead of 179.
 * The start with and without it: reports/performance.md, part 0; there, starting without both this
 * and `resolve-cache` costs +11.9 % on PostgreSQL and +14.2 % on SQLite (8 alternating repeats, 95 %
 * intervals above zero), while each alone stays inside the start's noise, so the two are kept together.
 */
export function useCreatedTablesCache(runner: QueryRunner, options: { rememberCreated: boolean }): void {
  const internals = runner as unknown as TableCacheInternals;
  if (!Array.isArray(internals.loadedTables) || typeof internals.cachedTablePaths !== 'object' || typeof internals.executeQueries !== 'function') {
    // a TypeORM without the cache this fills: read everything from the catalog, as TypeORM does
    return;
  }
  const created = new Set<string>();

  const forget = (name: string) => {
    created.delete(name);
    const tablePath = internals.cachedTablePaths[name];
    if (tablePath === undefined) return;
    delete internals.cachedTablePaths[name];
    internals.loadedTables = internals.loadedTables.filter((t) => internals.getTablePath(t) !== tablePath);
  };

  const createTable = runner.createTable.bind(runner);
  runner.createTable = async (table: Table, ifNotExist?: boolean, createForeignKeys?: boolean, createIndices?: boolean) => {
    await createTable(table, ifNotExist, createForeignKeys, createIndices);
    forget(table.name);
    // remembered only when this call certainly made it, whole
    if (!options.rememberCreated || ifNotExist || createIndices === false || createForeignKeys === false) return;
    // as created: TypeORM has named its primary key, uniques and indexes on `table` by now
    const remembered = table.clone();
    internals.loadedTables.push(remembered);
    internals.cachedTablePaths[remembered.name] = internals.getTablePath(remembered);
    created.add(remembered.name);
  };

  const hasTable = runner.hasTable.bind(runner);
  runner.hasTable = (table: Table | string) => (created.has(typeof table === 'string' ? table : table.name) ? Promise.resolve(true) : hasTable(table));

  for (const method of ['dropTable', 'renameTable'] as const) {
    const original = (runner[method] as (...args: unknown[]) => Promise<void>).bind(runner);
    (runner as unknown as Record<string, unknown>)[method] = async (target: Table | string, ...rest: unknown[]) => {
      await original(target, ...rest);
      forget(typeof target === 'string' ? target : target.name);
    };
  }

  // a table a migration alters by hand is read back from the catalog next time
  let inSchemaMethod = 0;
  const executeQueries = internals.executeQueries.bind(runner);
  internals.executeQueries = async (up, down) => {
    inSchemaMethod++;
    try {
      await executeQueries(up, down);
    } finally {
      inSchemaMethod--;
    }
  };
  const query = runner.query.bind(runner) as (sql: string, ...rest: unknown[]) => Promise<unknown>;
  (runner as unknown as { query: typeof query }).query = (sql: string, ...rest: unknown[]) => {
    if (!inSchemaMethod && DDL.test(sql)) {
      for (const name of Object.keys(internals.cachedTablePaths)) if (new RegExp(`(^|[^\\w])"?${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"?([^\\w]|$)`).test(sql)) forget(name);
    }
    return query(sql, ...rest);
  };
}

/**
 * The speed changes kept in the request path, each of which can be turned off with HOT_PATH_OFF
 * (a comma-separated list of these names) so `npm run bench:ablation` can measure it against plain
 * NestJS in the same run. Only the bench sets it; a deployment leaves it unset.
 *
 * Each was kept because its ablation paid (median gain ≥ 5 % on a target it serves, the 95 %
 * interval excluding zero; reports/performance.md, parts 10 and 11):
 * - `server-classes`: src/common/http/express-server-classes.ts
 * - `fast-validation`: src/common/validation/fast-validation.ts
 * - `wasm-dot-kernel`: src/modules/similarity/domain/dot-kernel.wat
 * - `quantised-scan`: src/modules/similarity/domain/quantised-matrix.ts (part 5b)
 * - `parallel-scan`: src/modules/similarity/domain/scan-pool.ts (part 5b: the int8 scan's kernel on
 *   worker threads, over the matrix's shared memory)
 * - `group-commit`: src/common/perf/group-commit.ts (concurrent `POST /runs` written together:
 *   PostgreSQL's new runs in one statement, SQLite's writes in one transaction)
 * - `created-tables-cache`: src/database/created-tables-cache.ts (not in a request's path but in
 *   the start's: migrating an empty database; part 0 measures the start without it)
 * - `resolve-cache`: src/common/perf/resolve-cache.ts (the start's too: where required packages are)
 * The changes that did not pay were removed (part 11 lists them with their figures).
 */
export const HOT_PATH_TRICKS = ['server-classes', 'fast-validation', 'wasm-dot-kernel', 'quantised-scan', 'parallel-scan', 'group-commit', 'created-tables-cache', 'resolve-cache'] as const;
export type HotPathTrick = (typeof HOT_PATH_TRICKS)[number];

const off = new Set<HotPathTrick>();

/** Set once at boot from the configuration (HOT_PATH_OFF). */
export function setHotPathOff(names: readonly HotPathTrick[]): void {
  off.clear();
  for (const name of names) off.add(name);
}

/** Whether the change is in use (true unless HOT_PATH_OFF names it). */
export function hotPath(name: HotPathTrick): boolean {
  return !off.has(name);
}

/**
 * The speed-motivated changes in the request path, each of which can be turned off with
 * HOT_PATH_OFF (a comma-separated list of these names) so `npm run bench:ablation` can measure it
 * against plain NestJS in the same run. Only the bench sets it; a deployment leaves it unset.
 *
 * Which changes exist, and why each is kept, is written in reports/performance.md (part 10).
 */
export const HOT_PATH_TRICKS = ['server-classes', 'timestamp-parsers', 'rendered-pages', 'statement-texts', 'fast-validation', 'middleware-chain', 'wasm-dot-kernel'] as const;
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

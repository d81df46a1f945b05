/**
 * Nearest-rank percentile: the value at 1-based rank ceil(p·n) of the n values in ascending order
 * (rank 1 at least). This is PostgreSQL's `percentile_disc`, computed with the same double
 * arithmetic, so an ordered OFFSET on SQLite lands on the same row. Undefined when n is 0.
 */
export function nearestRankOffset(fraction: number, n: number): number | undefined {
  if (!(fraction >= 0 && fraction <= 1)) throw new RangeError(`fraction must be within [0, 1], got ${fraction}`);
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`n must be a whole number, got ${n}`);
  if (n === 0) return undefined;
  return Math.max(1, Math.ceil(fraction * n)) - 1;
}

/** The nearest-rank percentile of values already sorted ascending; null when there are none. */
export function nearestRank(sortedAscending: readonly number[], fraction: number): number | null {
  const offset = nearestRankOffset(fraction, sortedAscending.length);
  return offset === undefined ? null : sortedAscending[offset];
}

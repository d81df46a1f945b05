/**
 * The arithmetic behind every figure of the bench: medians, percentiles of recorded latencies,
 * paired gains with their interval, and the way repeats are written. Pure functions, unit tested
 * (test/unit/bench-stats.spec.ts).
 */

export function median(xs: readonly number[]): number {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/**
 * Nearest-rank percentile (`p` in 0..100) of recorded values: the smallest value with at least p %
 * of the values at or below it. A real percentile of the recorded latencies, not a bucket bound.
 */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (p < 0 || p > 100) throw new RangeError(`percentile ${p} is outside 0..100`);
  const n = sorted.length;
  if (!n) return NaN;
  const rank = Math.max(1, Math.ceil((p / 100) * n));
  return sorted[rank - 1];
}

/** Two-sided 97.5 % quantiles of Student's t for 1..30 degrees of freedom (a 95 % interval). */
const T975 = [12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131, 2.12, 2.11, 2.101, 2.093, 2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042];

export interface Gain {
  /** each repeat's gain, `with / without - 1` (for a figure where higher is better) */
  gains: number[];
  median: number;
  mean: number;
  /** 95 % interval of the mean paired gain (Student's t over the repeats) */
  low: number;
  high: number;
  /** kept: median gain ≥ the threshold and the interval excludes zero */
  pays: boolean;
}

/**
 * The gain of a change measured by ablation: `with[i]` and `without[i]` are the same repeat's
 * figures (alternating, same run). `higherIsBetter` false for latencies, where the gain is
 * `without / with - 1`. Needs at least 2 repeats for an interval.
 */
export function pairedGain(withIt: readonly number[], without: readonly number[], opts: { higherIsBetter: boolean; threshold?: number }): Gain {
  if (withIt.length !== without.length) throw new Error(`paired figures differ in count: ${withIt.length} with, ${without.length} without`);
  if (withIt.length < 2) throw new Error('a gain needs at least 2 paired repeats');
  const gains = withIt.map((w, i) => (opts.higherIsBetter ? w / without[i] : without[i] / w) - 1);
  const n = gains.length;
  const mean = gains.reduce((a, b) => a + b, 0) / n;
  const sd = Math.sqrt(gains.reduce((a, g) => a + (g - mean) ** 2, 0) / (n - 1));
  const half = T975[Math.min(n - 1, T975.length) - 1] * (sd / Math.sqrt(n));
  const med = median(gains);
  const low = mean - half;
  const high = mean + half;
  return { gains, median: med, mean, low, high, pays: med >= (opts.threshold ?? 0.05) && low > 0 };
}

/** `median (r1 / r2 / …)`: a figure with every repeat it is the median of. */
export function withRepeats(xs: readonly number[], digits = 1): string {
  const f = (n: number) => (Number.isFinite(n) ? n.toFixed(digits) : 'n/a');
  return `${f(median(xs))} (${xs.map(f).join(' / ')})`;
}

/** Signed percentage, e.g. `+12.3 %`. */
export function pct(x: number, digits = 1): string {
  return Number.isFinite(x) ? `${x >= 0 ? '+' : ''}${(100 * x).toFixed(digits)} %` : 'n/a';
}

/**
 * The order the variants run in within repeat `r`: alternating, so neither side always runs first
 * (or last, when the machine is warmest or the other tenants busiest).
 */
export function alternating<T>(variants: readonly T[], r: number): T[] {
  return r % 2 === 0 ? [...variants] : [...variants].reverse();
}

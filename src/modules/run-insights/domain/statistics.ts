/**
 * The tests behind regressions, written from their textbook descriptions: Mann-Whitney U with the
 * normal approximation (midranks for ties, the tie-corrected variance, a continuity correction of
 * ½), the pooled two-proportion z-test, and the standard normal tail they both end in.
 */

/**
 * erfc(x) for x ≥ 0 by the Chebyshev fit of Numerical Recipes (`erfcc`): fractional error below
 * 1.2e-7 everywhere, ample for p-values compared with 0.01.
 */
function erfcNonNegative(x: number): number {
  const t = 1 / (1 + 0.5 * x);
  const poly =
    -x * x - 1.26551223 +
    t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))));
  return t * Math.exp(poly);
}

/** P(Z ≥ z) for a standard normal Z. */
export function normalUpperTail(z: number): number {
  if (Number.isNaN(z)) return Number.NaN;
  return z >= 0 ? 0.5 * erfcNonNegative(z / Math.SQRT2) : 1 - 0.5 * erfcNonNegative(-z / Math.SQRT2);
}

/** Two-sided p-value of a standard normal statistic. */
export function twoSidedP(z: number): number {
  return Math.min(1, 2 * normalUpperTail(Math.abs(z)));
}

/**
 * What Mann-Whitney needs of two samples, as a database can sum it: the sizes, the sum of the first
 * sample's midranks in the pooled sample, and Σ(t³ − t) over the pooled sample's groups of ties.
 */
export interface RankSums {
  n1: number;
  n2: number;
  rankSum1: number;
  tieSum: number;
}

export interface MannWhitneyResult {
  /** U of the first sample: how often one of its values beats one of the second's (ties ½) */
  u1: number;
  u2: number;
  /** standardised U1, continuity-corrected; positive when the first sample tends larger */
  z: number;
  /** two-sided */
  p: number;
}

/** Mann-Whitney U by the normal approximation; undefined when either sample is empty or every value ties. */
export function mannWhitneyFromRankSums({ n1, n2, rankSum1, tieSum }: RankSums): MannWhitneyResult | undefined {
  if (n1 < 1 || n2 < 1) return undefined;
  const n = n1 + n2;
  const u1 = rankSum1 - (n1 * (n1 + 1)) / 2;
  const u2 = n1 * n2 - u1;
  const mean = (n1 * n2) / 2;
  const variance = ((n1 * n2) / 12) * (n + 1 - tieSum / (n * (n - 1)));
  if (!(variance > 0)) return undefined;
  const diff = u1 - mean;
  const corrected = Math.sign(diff) * Math.max(0, Math.abs(diff) - 0.5);
  const z = corrected / Math.sqrt(variance);
  return { u1, u2, z, p: twoSidedP(z) };
}

/** The rank sums of two samples: midranks in the pooled, sorted sample. */
export function rankSums(x: readonly number[], y: readonly number[]): RankSums {
  const pooled = [...x.map((v) => ({ v, first: true })), ...y.map((v) => ({ v, first: false }))].sort((a, b) => a.v - b.v);
  let rankSum1 = 0;
  let tieSum = 0;
  for (let i = 0; i < pooled.length; ) {
    let j = i;
    while (j < pooled.length && pooled[j].v === pooled[i].v) j++;
    const t = j - i;
    const midrank = (i + 1 + j) / 2;
    for (let k = i; k < j; k++) if (pooled[k].first) rankSum1 += midrank;
    tieSum += t * t * t - t;
    i = j;
  }
  return { n1: x.length, n2: y.length, rankSum1, tieSum };
}

/** Mann-Whitney U of two samples. */
export function mannWhitney(x: readonly number[], y: readonly number[]): MannWhitneyResult | undefined {
  return mannWhitneyFromRankSums(rankSums(x, y));
}

export interface ProportionTest {
  p1: number;
  p2: number;
  /** positive when the first proportion is the larger */
  z: number;
  /** two-sided */
  p: number;
}

/** Pooled two-proportion z-test of x1/n1 against x2/n2; undefined when a side is empty or the pooled proportion is 0 or 1. */
export function twoProportionZTest(x1: number, n1: number, x2: number, n2: number): ProportionTest | undefined {
  if (n1 < 1 || n2 < 1) return undefined;
  const p1 = x1 / n1;
  const p2 = x2 / n2;
  const pooled = (x1 + x2) / (n1 + n2);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  if (!(se > 0)) return undefined;
  const z = (p1 - p2) / se;
  return { p1, p2, z, p: twoSidedP(z) };
}

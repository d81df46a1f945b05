/**
 * log10 of the standard normal upper tail Q(z) = P(Z >= z), accurate far into the tail (no
 * underflow: the complementary error function's exponent is kept in log form). Uses the
 * Chebyshev-fitted erfc of Numerical Recipes (fractional error below 1.2e-7).
 */
export function log10NormalTail(z: number): number {
  if (z < 0) return Math.log10(1 - Math.pow(10, log10NormalTail(-z)));
  const x = z / Math.SQRT2;
  const t = 1 / (1 + 0.5 * x);
  const poly =
    -1.26551223 +
    t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))));
  return (Math.log(0.5) + Math.log(t) - x * x + poly) / Math.LN10;
}

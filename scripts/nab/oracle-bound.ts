/**
 * How many of the incident suite's incidents any detector could catch at a given false-alarm
 * rate on healthy series: an upper bound, from a detector told what a real one must learn.
 *
 * The oracle knows each kind's generating law (its noise around the known expected value; for
 * AR(1) the law given the previous value) and the incident's exact shape and size. It does not
 * know where the incident starts: at every point it takes the log-likelihood ratio of "the
 * incident started at one of the last CATCH_WITHIN + 1 points" against "no incident", maximised
 * over those starts (the Neyman-Pearson statistic for each start). An incident is caught when the
 * statistic crosses the threshold within CATCH_WITHIN points of the start, and not before it.
 *
 * The threshold for a false-alarm rate `a` (alarms per healthy series) is the (1 - a) quantile of
 * the statistic's largest value over a healthy series of that kind: the largest value over N
 * healthy series estimates the (1 - 1/N) quantile, and rarer quantiles lie ln(1 / (N a)) above it,
 * because a likelihood ratio, a martingale of mean 1 under the healthy law, reaches e^h with
 * probability at most e^-h (Ville's inequality) and close to it in the tail.
 *
 * Kinds whose law the oracle does not model are counted as caught, which keeps the figure an
 * upper bound: `flat` (any change is infinitely surprising) and `counter_rate` (a moving sum with
 * resets); so are dips to zero, latency incidents and flat days, which the detectors already
 * catch. Poisson counts and quantised values are modelled by Gaussians of their variance.
 */
import { CATCH_WITHIN } from './clean-suite';
import { healthySeries, IncidentType, incidentsFor, KIND_NAMES, SyntheticSeries, withIncident } from './synthetic-series';

const LN_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

function logGaussian(x: number, mean: number, sd: number): number {
  const z = (x - mean) / sd;
  return -0.5 * z * z - Math.log(sd) - LN_SQRT_2PI;
}

/**
 * The log density of a value the law cannot produce: finite, so prefix sums stay exact, and far
 * beyond any ratio a window can otherwise reach.
 */
const IMPOSSIBLE = -1e6;

/** log density of a kind's healthy value x at index i, given the healthy value before it. */
export type HealthyLaw = (s: SyntheticSeries, i: number, x: number, previous: number) => number;

/** The laws of `synthetic-series.ts`, for the kinds the oracle models. */
export const LAWS: Readonly<Record<string, HealthyLaw>> = {
  gaussian: (s, i, x) => logGaussian(x, s.expected[i], s.sigma[i]),
  daily: (s, i, x) => logGaussian(x, s.expected[i], s.sigma[i]),
  weekly: (s, i, x) => logGaussian(x, s.expected[i], s.sigma[i]),
  trend: (s, i, x) => logGaussian(x, s.expected[i], s.sigma[i]),
  gaps: (s, i, x) => logGaussian(x, s.expected[i], s.sigma[i]),
  business_hours: (s, i, x) => logGaussian(x, s.expected[i], s.sigma[i]),
  poisson: (s, i, x) => logGaussian(x, s.expected[i], s.sigma[i]),
  // integers from a Gaussian of sd 1.5: rounding adds 1/12 to the variance
  quantised: (s, i, x) => logGaussian(x, s.expected[i], Math.sqrt(s.sigma[i] ** 2 + 1 / 12)),
  // x = 50 + 0.8 (previous - 50) + N(0, 1)
  ar1: (_s, _i, x, previous) => logGaussian(x, 50 + 0.8 * (previous - 50), 1),
  // 200 exp(0.35 N(0, 1))
  lognormal: (_s, _i, x) => (x > 0 ? logGaussian(Math.log(x), Math.log(200), 0.35) - Math.log(x) : IMPOSSIBLE),
};

/** An incident hypothesis: how long it lasts, and its effect undone (the healthy value that became x). */
export interface Shape {
  /** Points it lasts (Infinity: lasting). */
  length: number;
  undo(s: SyntheticSeries, i: number, x: number): number;
  /** log of |d undo / d x|. */
  logJacobian: number;
}

/** Noise x3, as the incident suite injects it. */
const VARIANCE_FACTOR = 3;

/** The hypotheses for an incident type as `withIncident` injects it (a level shift's sign is unknown: two). */
export function shapesFor(type: IncidentType): Shape[] {
  switch (type) {
    case 'spike':
      return [{ length: 3, undo: (s, i, x) => x - 6 * s.sigma[i], logJacobian: 0 }];
    case 'level_shift':
      return [1, -1].map((sign) => ({ length: Infinity, undo: (s: SyntheticSeries, i: number, x: number) => x - sign * 3 * s.sigma[i], logJacobian: 0 }));
    case 'variance':
      return [{ length: 50, undo: (s, i, x) => s.expected[i] + (x - s.expected[i]) / VARIANCE_FACTOR, logJacobian: -Math.log(VARIANCE_FACTOR) }];
    default:
      return [];
  }
}

/**
 * The oracle's statistic at every index: the largest log-likelihood ratio, over the shapes and
 * over the starts among the last CATCH_WITHIN + 1 points, of the incident against none
 * (-Infinity at the first points).
 *
 * The ratio of a start s up to t is a sum over j = s..t of what point j adds, which depends on s
 * only through where j falls: the first point (its previous value untouched), inside the
 * incident (its previous value undone too), the first point after it (only its previous value
 * undone), or later (nothing). Each is an array over j, so a ratio costs O(1) with prefix sums.
 */
export function oracleStatistic(s: SyntheticSeries, shapes: readonly Shape[], law: HealthyLaw): Float64Array {
  const n = s.values.length;
  const x = s.values;
  const out = new Float64Array(n).fill(-Infinity);
  const span = CATCH_WITHIN + 1;
  const healthy = new Float64Array(n);
  for (let j = 1; j < n; j++) healthy[j] = law(s, j, x[j], x[j - 1]);
  const undone = new Float64Array(n);
  const first = new Float64Array(n);
  const after = new Float64Array(n);
  const inside = new Float64Array(n + 1); // prefix sums of what an inner point adds (inside[j + 1]: points 1..j)
  for (const shape of shapes) {
    for (let j = 0; j < n; j++) undone[j] = shape.undo(s, j, x[j]);
    for (let j = 1; j < n; j++) {
      first[j] = law(s, j, undone[j], x[j - 1]) + shape.logJacobian - healthy[j];
      after[j] = law(s, j, x[j], undone[j - 1]) - healthy[j];
      inside[j + 1] = inside[j] + law(s, j, undone[j], undone[j - 1]) + shape.logJacobian - healthy[j];
    }
    for (let t = span; t < n; t++) {
      let best = out[t];
      for (let start = t - span + 1; start <= t; start++) {
        const end = start + shape.length; // first point after the incident
        let llr = first[start] + inside[Math.min(t, end - 1) + 1] - inside[start + 1];
        if (end <= t) llr += after[end];
        if (llr > best) best = llr;
      }
      out[t] = best;
    }
  }
  return out;
}

export interface OracleRow {
  kind: string;
  type: IncidentType;
  /** Whether the oracle models the kind's law and the incident (false: every case counted as caught). */
  modelled: boolean;
  /** Largest statistic over the healthy series (NaN when not modelled). */
  healthyMax: number;
  /** Threshold at each rate (NaN when not modelled). */
  thresholds: number[];
  cases: number;
  /** Caught at each rate. */
  caught: number[];
}

/** The threshold for `rate` false alarms per healthy series, from the largest statistic over `series` healthy series. */
export function thresholdFor(healthyMax: number, series: number, rate: number): number {
  return healthyMax + Math.max(0, Math.log(1 / (series * rate)));
}

/**
 * The bound per kind and incident type at each of `rates` (false alarms per healthy series): the
 * thresholds from the healthy series of `healthySeeds`, the incidents injected into those of
 * `seeds` where the incident suite puts them, given each series' warm-up end.
 */
export function oracleBound(
  seeds: readonly number[],
  healthySeeds: readonly number[],
  rates: readonly number[],
  warmupEnd: (kind: string, seed: number) => number,
): OracleRow[] {
  const rows: OracleRow[] = [];
  for (const kind of KIND_NAMES) {
    for (const type of incidentsFor(kind)) {
      const law = LAWS[kind];
      const shapes = shapesFor(type);
      const row: OracleRow = { kind, type, modelled: false, healthyMax: NaN, thresholds: rates.map(() => NaN), cases: seeds.length, caught: rates.map(() => seeds.length) };
      rows.push(row);
      if (!law || shapes.length === 0) continue;
      row.modelled = true;
      row.healthyMax = -Infinity;
      for (const seed of healthySeeds) for (const v of oracleStatistic(healthySeries(kind, seed), shapes, law)) row.healthyMax = Math.max(row.healthyMax, v);
      row.thresholds = rates.map((r) => thresholdFor(row.healthyMax, healthySeeds.length, r));
      row.caught = rates.map(() => 0);
      for (const seed of seeds) {
        const { series, incident } = withIncident(healthySeries(kind, seed), type, warmupEnd(kind, seed));
        const stat = oracleStatistic(series, shapes, law);
        row.thresholds.forEach((h, r) => {
          let before = false;
          for (let i = 0; i < incident.start && !before; i++) before = stat[i] > h;
          let hit = false;
          for (let i = incident.start; i <= incident.start + CATCH_WITHIN && i < stat.length && !hit; i++) hit = stat[i] > h;
          if (hit && !before) row.caught[r]++;
        });
      }
    }
  }
  return rows;
}

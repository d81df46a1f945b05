import { DEFAULT_DETECTOR, DETECTORS, MeasuredLevel, Sensitivity, SENSITIVITIES } from '../detectors';
import { MEASURED_LEVELS } from '../detectors/measured-levels';

/** Five-minute points in 30 days: the span each level's false-alarm rate is quoted over. */
export const POINTS_30_DAYS_5_MIN = 8640;

export interface LevelMeasurement {
  series: number;
  points: number;
  alerts: number;
  /** Alerts per series per 30 days of 5-minute points. */
  perSeries30Days: number;
  /** The same, at the upper end of its one-sided 95 % confidence interval (a count of 0 still bounds the rate). */
  perSeries30DaysUpper95: number;
  incidents: number | null;
  caught: number | null;
}

export interface LevelDescription {
  level: Sensitivity;
  threshold: number;
  /** Null when the level was never measured, or its threshold has changed since. */
  measured: LevelMeasurement | null;
}

export interface DetectorDescription {
  name: string;
  description: string;
  unit: string;
  isDefault: boolean;
  defaultParams: Record<string, unknown>;
  defaultThreshold: number;
  levels: LevelDescription[];
}

/** Counts above which the bound comes from the Wilson–Hilferty approximation (within 2e-5 of the exact bound from k = 51), not from sums of terms that underflow. */
const EXACT_UP_TO = 50;

/** The standard normal quantile of 0.95. */
const Z95 = 1.6448536269514722;

/**
 * The largest Poisson mean under which a count of `k` or fewer has probability 0.05: the exact
 * one-sided 95 % upper bound (2.996 for k = 0), half the chi-square quantile with 2k + 2 degrees
 * of freedom. Up to EXACT_UP_TO by bisection on the mean, beyond it by the Wilson–Hilferty
 * cube-root approximation of that quantile.
 */
export function poissonUpperBound(k: number): number {
  if (k > EXACT_UP_TO) {
    const nu = 2 * k + 2;
    const h = 2 / (9 * nu);
    return (nu * (1 - h + Z95 * Math.sqrt(h)) ** 3) / 2;
  }
  const atMost = (mean: number) => {
    let term = Math.exp(-mean);
    let sum = term;
    for (let i = 1; i <= k; i++) {
      term *= mean / i;
      sum += term;
    }
    return sum;
  };
  let lo = 0;
  let hi = k + 10 + 10 * Math.sqrt(k + 1);
  for (let i = 0; i < 100; i++) {
    const mid = (lo + hi) / 2;
    if (atMost(mid) > 0.05) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

function measurement(m: MeasuredLevel): LevelMeasurement {
  const spans = m.points / POINTS_30_DAYS_5_MIN;
  return {
    series: m.series,
    points: m.points,
    alerts: m.alerts,
    perSeries30Days: m.alerts / spans,
    perSeries30DaysUpper95: poissonUpperBound(m.alerts) / spans,
    incidents: m.incidents,
    caught: m.caught,
  };
}

/**
 * Every shipped detector with its sensitivity levels and what was measured of each (see
 * measured-levels.ts). A measurement is shown only while its threshold is the level's threshold.
 */
export function describeDetectors(measured: typeof MEASURED_LEVELS = MEASURED_LEVELS): DetectorDescription[] {
  return Object.values(DETECTORS).map((def) => ({
    name: def.name,
    description: def.description,
    unit: def.unit,
    isDefault: def.name === DEFAULT_DETECTOR,
    defaultParams: { ...def.defaultParams } as Record<string, unknown>,
    defaultThreshold: def.defaultThreshold,
    levels: SENSITIVITIES.map((level) => {
      const threshold = def.sensitivities[level];
      const m = measured[def.name]?.[level];
      return { level, threshold, measured: m && m.threshold === threshold ? measurement(m) : null };
    }),
  }));
}

/**
 * NAB against false alarms: what a detector scores on the NAB corpus at a threshold, beside what it
 * raises on the healthy-series suite at the same threshold. Each threshold gets detectors created
 * for it, as a probe at that threshold creates them, and NAB is scored at its normalised value
 * (unswept), so each row is what one probe setting would give on both.
 */
import { DetectorDefinition } from '../../src/modules/insight/detectors';
import { POINTS_30_DAYS_5_MIN, poissonUpperBound } from '../../src/modules/insight/domain/detector-catalog';
import { CleanResult, cleanSuite } from './clean-suite';
import { detections, isReal } from './evaluation';
import { scoreSeriesWith } from './harness';
import { DataSeries } from './nab-io';
import { CostMatrix, evaluateProfile, LabelledSeries } from './nab-scorer';

export interface FrontierRow {
  /** Raw threshold, and its normalised value (what NAB is scored at). */
  threshold: number;
  normalized: number;
  /** NAB standard profile: all files, the real files. */
  nab: number | null;
  nabReal: number | null;
  windowsHit: number;
  windows: number;
  fpRuns: number;
  /** Healthy-series suite: series, points, alerts after warm-up. */
  series: number;
  points: number;
  alerts: number;
  /** Alerts per series per 30 days of 5-minute points, and the one-sided 95 % upper bound of that rate. */
  perThirtyDays: number;
  perThirtyDaysUpper95: number;
}

/** What a caller has already measured at a threshold with detectors created for it (same corpus, same seeds). */
export interface KnownAtThreshold {
  scores?: ReadonlyMap<string, readonly number[]>;
  healthy?: { series: number; points: number; alerts: number };
}

/**
 * One row per threshold. `known` hands over what was already measured at a threshold (the NAB
 * scores at the default, the healthy suite at the sensitivity levels), so only the rest is run.
 */
export function alarmFrontier<P extends object>(
  def: DetectorDefinition<P>,
  params: P,
  corpus: readonly LabelledSeries[],
  data: readonly DataSeries[],
  standard: CostMatrix,
  seeds: readonly number[],
  thresholds: readonly number[],
  known: (threshold: number) => KnownAtThreshold = () => ({}),
): FrontierRow[] {
  return thresholds.map((threshold) => {
    const given = known(threshold);
    const scores = given.scores ?? new Map(data.map((s) => [s.name, scoreSeriesWith(def, params, s, threshold)]));
    const normalized = def.normalize(threshold, params);
    const nab = evaluateProfile(corpus, scores, 'standard', standard, normalized);
    const nabReal = evaluateProfile(corpus.filter(isReal), scores, 'standard', standard, normalized);
    const { hit, windows, fpRuns } = detections(corpus, scores, normalized);
    const healthy = given.healthy ?? summed(cleanSuite(def, params, seeds, threshold));
    const spans = healthy.points / POINTS_30_DAYS_5_MIN;
    return {
      threshold,
      normalized,
      nab: nab.normalized,
      nabReal: nabReal.normalized,
      windowsHit: hit,
      windows,
      fpRuns,
      ...healthy,
      perThirtyDays: healthy.alerts / spans,
      perThirtyDaysUpper95: poissonUpperBound(healthy.alerts) / spans,
    };
  });
}

function summed(clean: CleanResult): { series: number; points: number; alerts: number } {
  return { series: clean.kinds.reduce((n, k) => n + k.series, 0), points: clean.points, alerts: clean.alerts };
}

import type { Sensitivity } from '../detectors';
import { Labels } from './series';

export const PROBE_SOURCES = ['prometheus', 'runs'] as const;
export type ProbeSource = (typeof PROBE_SOURCES)[number];

export const RUN_METRICS = ['runs_count', 'runs_failure_ratio', 'runs_duration_mean_ms', 'runs_duration_p95_ms', 'runs_tokens_total', 'runs_cost_usd'] as const;
export type RunMetric = (typeof RUN_METRICS)[number];

export const PROBE_DEFAULTS = {
  lookback: '1h',
  step: '60s',
  interval_s: 60,
  cooldown_s: 300,
  min_consecutive: 1,
} as const;

/** The parts of a probe that decide what is fetched and how it is scored. */
export interface ProbeSpec {
  query: string;
  source: ProbeSource;
  detector: string;
  detector_params: Record<string, unknown>;
  /** The sensitivity level the threshold comes from; null when a numeric threshold was given. */
  sensitivity: Sensitivity | null;
  /** The configured alert threshold, in the detector's unit. */
  threshold: number;
  lookback: string;
  step: string;
  cooldown_s: number;
  min_consecutive: number;
  wpk_id: string | null;
}

export interface Probe extends ProbeSpec {
  id: string;
  name: string;
  interval_s: number | null;
  cron: string | null;
  enabled: boolean;
  last_run_at: Date | null;
  last_error: string | null;
  consecutive_failures: number;
  next_run_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

export interface ProbeRun {
  id: string;
  probe_id: string;
  started_at: Date;
  finished_at: Date;
  points_scored: number;
  signals: number;
  error: string | null;
  replica: string;
}

export type SignalState = 'firing' | 'resolved';

export interface Signal {
  id: string;
  probe_id: string | null;
  /** the probe's name when the episode was stored (kept after a rename or delete); null ad hoc */
  probe_name: string | null;
  metric: string;
  labels: Labels;
  series_key: string;
  value: number;
  score: number;
  hint: string;
  detector: string;
  threshold: number;
  step_s: number;
  wpk_id: string | null;
  observed_at: Date;
  last_anomalous_at: Date;
  /** when the peak value was seen; null for old rows whose peak time is unknown */
  peak_at: Date | null;
  state: SignalState;
  resolved_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

/**
 * The threshold episodes are judged against, in the detector's unit: the configured threshold,
 * applied to the scores after scoring (it is not part of the detector's state or configuration),
 * so it can be adjusted without restarting the series.
 */
export function effectiveThreshold(spec: Pick<ProbeSpec, 'threshold'>): number {
  return spec.threshold;
}

/** Delay before the next attempt after `failures` failures in a row: doubling, capped at an hour (or the interval). */
export function backoffMs(baseMs: number, failures: number): number {
  const cap = Math.max(baseMs, 3_600_000);
  return Math.min(baseMs * 2 ** Math.min(failures, 20), cap);
}

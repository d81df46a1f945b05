import type { Sensitivity } from '../detectors';
import { Labels } from './series';

export const PROBE_SOURCES = ['prometheus', 'runs'] as const;
export type ProbeSource = (typeof PROBE_SOURCES)[number];

export const RUN_METRICS = ['runs_count', 'runs_failure_ratio', 'runs_duration_mean_ms', 'runs_duration_p95_ms', 'runs_tokens_total', 'runs_cost_usd'] as const;
export type RunMetric = (typeof RUN_METRICS)[number];

export const SEVERITIES = ['info', 'warning', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

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

/** One change of a probe's effective threshold, for GET /probes/:id. */
export interface TuningEntry {
  at: Date;
  from: number;
  to: number;
  because: string;
}

/** What feedback did to a probe's threshold: steps of ×1.25 above the configured one. */
export interface ProbeTuning {
  steps: number;
  log: TuningEntry[];
  last_noise_at: Date | null;
}

export interface Probe extends ProbeSpec {
  id: string;
  name: string;
  interval_s: number | null;
  cron: string | null;
  enabled: boolean;
  severity: Severity;
  /** routing labels sent with its signals (team, service, …) */
  labels: Record<string, string>;
  tuning: ProbeTuning;
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
  /** the probe's severity and routing labels when the episode opened */
  severity: Severity;
  probe_labels: Record<string, string>;
  acknowledged_at: Date | null;
  acknowledged_by: KeyRef | null;
  ack_note: string | null;
  snoozed_until: Date | null;
  /** the silence holding back its webhook deliveries now (or, once resolved, that held back its resolution) */
  silenced_by: string | null;
  created_at: Date;
  updated_at: Date;
}

/** Who did something: the API key's id and name. */
export interface KeyRef {
  key_id: string;
  name: string;
}

/** One tuning step raises the threshold by this factor, in the detector's unit. */
export const TUNING_FACTOR = 1.25;
/** Feedback raises a probe's threshold at most this many steps above the configured one. */
export const MAX_TUNING_STEPS = 2;

/**
 * The threshold episodes are judged against, in the detector's unit: the configured threshold
 * (from the sensitivity level or the number given), raised ×1.25 per tuning step its signals'
 * feedback applied. Applied to the scores after scoring (it is not part of the detector's state or
 * configuration), so tuning never restarts a series.
 */
export function effectiveThreshold(spec: Pick<ProbeSpec, 'threshold'> & { tuning?: Pick<ProbeTuning, 'steps'> }): number {
  const steps = Math.max(0, Math.min(MAX_TUNING_STEPS, spec.tuning?.steps ?? 0));
  return steps ? Math.round(spec.threshold * TUNING_FACTOR ** steps * 1e9) / 1e9 : spec.threshold;
}

/** Delay before the next attempt after `failures` failures in a row: doubling, capped at an hour (or the interval). */
export function backoffMs(baseMs: number, failures: number): number {
  const cap = Math.max(baseMs, 3_600_000);
  return Math.min(baseMs * 2 ** Math.min(failures, 20), cap);
}

/**
 * The one streaming interface every anomaly detector implements.
 *
 * Detectors are pure maths: no framework, no I/O, no clock. A detector sees points one at a
 * time in time order and scores each from that point and the points before it only.
 *
 * Carrying state across scheduled polls: every detector supports `snapshot()`, which returns a
 * plain JSON-serialisable object, and its definition's `restore(params, state)`, which rebuilds
 * a detector that continues exactly where the snapshot was taken (same scores as an
 * uninterrupted stream). A caller that prefers not to store state may instead re-stream a
 * lookback of at least `warmup(params)` points; the scores then match an uninterrupted stream
 * only approximately for the stateful (exponential or contextual) detectors.
 */
export interface StreamingDetector {
  /**
   * Feeds the next point (time order) and returns its raw score in the detector's unit:
   * finite and >= 0, 0 during warm-up. NaN/Inf values are ignored: score 0, state untouched.
   * Points are indexed by arrival; a gap in time is treated as consecutive points.
   */
  update(timestampMs: number, value: number): number;
  /** Number of finite points consumed so far. */
  readonly seen: number;
  /** JSON-serialisable state; pass it to `DetectorDefinition.restore` to resume the stream. */
  snapshot(): DetectorSnapshot;
  /**
   * When the detector is first allowed to alert (ms), for detectors whose warm-up is not a plain
   * number of points: exact once reached, else estimated; null before the first point.
   */
  warmingUpUntil?(): number | null;
  /**
   * What the last non-zero score measured, in a few words ("level shift: the last 8 points above
   * the recent level"), for detectors that can tell; the alert's hint carries it.
   */
  explain?(): string | null;
}

/** Sensitivity levels a probe can take instead of a numeric threshold. */
export const SENSITIVITIES = ['low', 'medium', 'high'] as const;
export type Sensitivity = (typeof SENSITIVITIES)[number];

/**
 * What `npm run bench:nab` measured of one detector at one sensitivity level (measured-levels.ts):
 * raw counts, so whoever quotes them derives rates and their uncertainty from the same figures.
 */
export interface MeasuredLevel {
  /** The threshold measured (raw unit): a level whose threshold has changed since is not described by it. */
  readonly threshold: number;
  /** Healthy synthetic series streamed, and their points. */
  readonly series: number;
  readonly points: number;
  /** Alerts (episodes, as a probe makes them) they raised after warm-up. */
  readonly alerts: number;
  /** Injected incidents, and how many were caught as one alert within 12 points (null: not measured at this level). */
  readonly incidents: number | null;
  readonly caught: number | null;
}

export interface DetectorSnapshot {
  readonly detector: string;
  readonly version: number;
  readonly state: unknown;
}

export interface DetectorDefinition<P extends object = object> {
  readonly name: string;
  readonly description: string;
  /** Unit of the raw score ('sigma', 'surprise', ...). */
  readonly unit: string;
  readonly defaultParams: Readonly<P>;
  /** Alert threshold in the raw score's unit (sensitivity medium). */
  readonly defaultThreshold: number;
  /**
   * Threshold of each sensitivity level, in the raw score's unit; medium is `defaultThreshold`.
   * Each level's measured false-alarm rate on the healthy-series suite is in measured-levels.ts
   * (`GET /detectors`) and reports/nab.md.
   */
  readonly sensitivities: Readonly<Record<Sensitivity, number>>;
  /** Points consumed before scores are meaningful; the score is 0 before that. */
  warmup(params: P): number;
  /** Validates user-supplied params (missing fields take defaults); throws DetectorParamsError. */
  parseParams(input: unknown): P;
  /**
   * `threshold`: the alert threshold its scores will be compared with (raw unit; default
   * `defaultThreshold`). A detector that shapes what it reports around an alert (vigil's hold:
   * one alert per incident) anchors that at the threshold the probe alerts at; the others ignore it.
   */
  create(params: P, threshold?: number): StreamingDetector;
  /** Rebuilds a detector from `snapshot()`; throws DetectorParamsError('state', ...) if it does not fit. */
  restore(params: P, snapshot: DetectorSnapshot, threshold?: number): StreamingDetector;
  /** Monotone map of a raw score to [0, 1]. */
  normalize(score: number, params: P): number;
}

export class DetectorParamsError extends Error {
  readonly code = 'DETECTOR_PARAMS_INVALID';
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
    this.name = 'DetectorParamsError';
  }
}

/** Largest raw score any detector returns, so a deviation from a constant stays finite. */
export const MAX_RAW_SCORE = 1e6;

export function clampScore(score: number): number {
  if (!(score > 0)) return 0; // also maps NaN to 0
  return score > MAX_RAW_SCORE ? MAX_RAW_SCORE : score;
}

/** Monotone map of [0, inf) onto [0, 1) that puts `threshold` at exactly 0.5. */
export function ratioNormalize(score: number, threshold: number): number {
  const s = clampScore(score);
  return s / (s + threshold);
}

type FieldSpec =
  | { kind: 'int'; min: number; max: number }
  | { kind: 'number'; min: number; max: number; exclusiveMin?: boolean };

/**
 * Reads a flat params object: unknown fields are rejected, missing ones take defaults.
 * Kept deliberately small; detectors only take bounded numbers.
 */
export function parseNumericParams<P extends object>(
  input: unknown,
  defaults: Readonly<P>,
  spec: { [K in keyof P]: FieldSpec },
): P {
  if (input === undefined || input === null) return { ...defaults };
  if (typeof input !== 'object' || Array.isArray(input)) {
    throw new DetectorParamsError('params', 'must be an object');
  }
  const out = { ...defaults } as Record<string, unknown>;
  const fields = spec as Record<string, FieldSpec>;
  for (const [key, value] of Object.entries(input as Record<string, unknown>)) {
    const field = fields[key];
    if (!field) throw new DetectorParamsError(key, 'unknown parameter');
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw new DetectorParamsError(key, 'must be a finite number');
    }
    if (field.kind === 'int' && !Number.isInteger(value)) {
      throw new DetectorParamsError(key, 'must be an integer');
    }
    const belowMin = field.kind === 'number' && field.exclusiveMin ? value <= field.min : value < field.min;
    if (belowMin || value > field.max) {
      const low = field.kind === 'number' && field.exclusiveMin ? `(${field.min}` : `[${field.min}`;
      throw new DetectorParamsError(key, `must be in ${low}, ${field.max}]`);
    }
    out[key] = value;
  }
  return out as P;
}

export function checkSnapshot(snapshot: DetectorSnapshot, detector: string, version: number): unknown {
  if (
    !snapshot ||
    typeof snapshot !== 'object' ||
    snapshot.detector !== detector ||
    snapshot.version !== version ||
    snapshot.state === null ||
    typeof snapshot.state !== 'object'
  ) {
    throw new DetectorParamsError('state', `not a ${detector} v${version} snapshot`);
  }
  return snapshot.state;
}

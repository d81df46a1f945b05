import { BandMarkov, BandMarkovState } from './band-markov';
import { CountTail, CountTailState } from './count-tail';
import { DAY_MS, DailyProfile, DailyProfileState } from './daily-profile';
import {
  checkSnapshot,
  clampScore,
  DetectorDefinition,
  DetectorParamsError,
  DetectorSnapshot,
  parseNumericParams,
  StreamingDetector,
} from './detector';
import { isFiniteNumber, OrderedRollingWindow, RollingWindow, sigmaFloor } from './rolling-window';
import { LinearPredictor, LinearPredictorState } from './linear-predictor';
import { log10NormalTail } from './normal-tail';
import { TailHistogram, TailHistogramState } from './tail-histogram';
import { VisitedLevels, VisitedLevelsState } from './visited-levels';

export interface VigilParams {
  /** Points in the rolling median the latest points are measured against (it excludes the last 7). */
  window: number;
  /** Points each calibration remembers (exponential forgetting). */
  horizon: number;
  /** Top share of a feature's history its exponential tail is fitted to. */
  tailFraction: number;
  /** Points seen before any alert (and at least one day of them). */
  warmupPoints: number;
  /** After a reported score, only a higher one (and `escalation` times any reported one) is reported for this long. */
  holdMinutes: number;
  /** How much stronger evidence must be to be reported again within the hold. */
  escalation: number;
  /** 1: a deviation counts only as much as the less surprised of the recent baseline and the usual value at that time of day. */
  seasonal: number;
  /** Bands the first values' range is cut into for the transition view. */
  levels: number;
  /** 1: the recent level is carried forward along the series' drift where it drifts steadily (see Magnitude's slope). */
  drift: number;
}

const NAME = 'vigil';
const VERSION = 1;
/** Points averaged by the short view and by the spread view. */
const SHORT = 4;
const LONG = 8;
const SPREAD = 16;
/** Baseline points needed before a point is measured at all. */
const MIN_BASELINE = 8;
/** Values a calibration needs before its surprise counts. */
const MIN_CALIBRATION = 64;
/** Steps remembered for the sampling-interval estimate. */
const STEP_MEMORY = 9;
/** Days the usual value at a time of day remembers. */
const PROFILE_MEMORY_DAYS = 4;
/** First values whose point-to-point noise sets the width of the visited-level bands. */
const LEVEL_SAMPLE = 64;
/** Visited-level bands kept at most. */
const LEVEL_CAPACITY = 1024;
/** First values whose range sets the transition bands. */
const RANGE_SAMPLE = 200;
/** Points the exceedance view counts over, and the deviation (in the recent level's noise units) a point must exceed to count (see Exceedances). */
const EXCEEDANCE_SPAN = 64;
const EXCEEDANCE_Z = 3;
/**
 * Beyond the largest count seen, each further count is taken as at least half as likely as the one
 * before (CountTail's smallest step). Exceedances cluster, so the history's own step (how much
 * rarer its largest count is than the one below) says little about the counts past it: on a
 * weekly cycle whose history held 2,784 counts of 0 and one of 1, that step made each further
 * count 3 decades rarer, and the return from a flat day (5 in 64 points) scored 8.6 decades, a
 * second alert. At half a count a step, a count must pass the largest seen by 20 to reach the
 * default threshold on its own.
 */
const EXCEEDANCE_STEP = 0.5;
/** Points the transition surprise is averaged over. */
const TRANSITION_SPAN = 10;
/** Two views that agree are this many decades stronger evidence than either alone. */
const AGREEMENT = 1;
/** Points the noise level of the magnitude view remembers. */
const NOISE_MEMORY = 1000;
/** The time-of-day view is used once its usual values differ by this many times their estimation noise (see profileMatters). */
const PROFILE_SIGNIFICANCE = 3;
/**
 * Values that decide the magnitude views' scale (see chooseTransform): provisionally the first
 * 128, for good the first 256. A rank correlation's standard error is 1 / sqrt(n - 1): on 128
 * values (0.09) a weekly cycle with additive noise went onto the log scale in 5 of 200 seeds, and
 * lognormal latencies stayed linear in 19 of 200 (one, seed 2158, alerting on a healthy series);
 * on 256, 0 and 2. Where the two decisions differ the views start over from the first point.
 */
const PROVISIONAL_SAMPLE = 128;
export const TRANSFORM_SAMPLE = 256;
/** Past values the innovation view's prediction uses, how long its fit remembers, and how often it is refitted. */
const PREDICTION_ORDER = 8;
const PREDICTION_MEMORY = 1000;
const PREDICTION_REFIT = 16;
/** A gap of more than this many sampling intervals breaks the prediction's sequence. */
const PREDICTION_GAP = 4;
/** Innovations the local noise level averages (after the latest LONG, which wait so an incident does not raise its own yardstick). */
const LOCAL_MEMORY = 64;
/** The local noise level is at least this share of the slow one, so a quiet stretch does not make the next move look huge. */
const LOCAL_FLOOR = 0.25;
/** The innovation view counts only while its noise level is below this share of the recent level's: it must explain the series better. */
const INNOVATION_GAIN = 0.7;
/** Values the week-ago view and the innovation spread must have calibrated on (and a day's worth of points) before they count. */
const WEEK_AGO_MATURE = 288;
/**
 * Most decades the week-ago view counts for: its Gaussian tail makes a day-long deviation's
 * surprise climb without bound (60, then 140 decades), which must not pass for a new, stronger
 * incident (see `escalation`); twice the default threshold is certain enough.
 */
const WEEK_AGO_CAP = 12;
/** A point scoring at least this many decades (half the default threshold) marks its slice of the day unusual: no reference a week later. */
const UNUSUAL = 3;
/** Rank correlation between the size of point-to-point changes and their level from which noise counts as growing with the level (log scale). */
const LEVEL_DEPENDENCE = 0.2;
/**
 * New maxima within this long of a report (or at the first point after it, however late) are
 * reported without escalation: the same alert for the product only while no point has come this
 * long after the report without one, since an episode resolves at the first point a probe's
 * default cooldown (5 minutes) after its last alerting score (domain/episodes.ts).
 */
export const QUICK_MS = 300_000;
/**
 * After a report that reached the probe's threshold, a stronger score within an hour or 32
 * sampling intervals of it, whichever is longer, is the same incident building up, not a new
 * one: reported only while the product's alert is still open (QUICK_MS), never by escalation.
 * Evidence of an incident that lasts grows far faster than `escalation` times: noise x3 for 50
 * points scored 7 decades at its 4th point and 24 at its 18th, and a dip to zero 12 at its first
 * point and 15,000 at its recovery 8 five-minute points later, each a second alert. Weaker
 * reports do not hold back what follows (NAB's threshold sweep, which scores one stream at
 * many thresholds, would lose an incident to the blip before it).
 */
const MERGE_MS = 3_600_000;
const MERGE_POINTS = 32;

/** vigil's views, in the order `update` asks them. */
enum View {
  Magnitude,
  Stillness,
  Novelty,
  Transitions,
  Exceedances,
}
const VIEWS = 5;

/** What a magnitude feature was measured against (see magnitudeSurprise). */
type Reference = 'recent level' | 'time of day' | 'week ago' | 'prediction';
const REFERENCE_WORDS: Readonly<Record<Reference, string>> = {
  'recent level': 'the recent level',
  'time of day': 'both the recent level and the usual value at this time of day',
  'week ago': 'the same time a week earlier',
  prediction: "the series' own recent past",
};

/**
 * Surprise, in decades, beyond what the history's size explains: -log10 of the tail probability
 * less log10 of the number of values the history holds. A record is expected about once per
 * history, so a healthy stream's surprise hovers at or below 0 however long it runs.
 */
function beyondHistory(survival: number, historySize: number): number {
  return -Math.log10(survival) - Math.log10(Math.max(1, historySize));
}

interface MagnitudeState {
  /** Which spread feature the calibrations hold (absent in older snapshots, whose spread was the log of the standard deviation). */
  spread?: typeof SPREAD_FEATURE;
  baseline: number[];
  pending: number[];
  noise: number;
  noiseWeight: number;
  /** The noise scale at the last point measured (absent in older snapshots: from the noise level). */
  scale?: number;
  devs: number[];
  calibrators: TailHistogramState[];
  models: GaussianFitState[];
  /** The drift's four blocks, and its change statistics [m2, c1, last change, last value] (absent in older snapshots). */
  blocks?: number[][];
  drift?: [number, number, number, number | null];
}

interface GaussianFitState {
  mean: number;
  absDev: number;
  weight: number;
  extremes: number;
  /** 1 for each of the last TRUST_DELAY values that was an extreme, oldest first (absent in older snapshots). */
  waiting?: number[];
}

/** Standardised values beyond this count as extremes when checking a Gaussian fit's tail. */
const EXTREME_Z = 4;
/**
 * Points an extreme waits before it counts against its fit: an incident's own first deviations
 * must not discredit the fit that is measuring them (a 3-sigma shift would fall back on the far
 * more cautious empirical tail within a few points of its start, and go unreported); longer than
 * the 12 points an incident has to be caught in.
 */
const TRUST_DELAY = 16;
/** Standard errors the change between the drift's older and newer pairs of blocks must reach for the level to follow it (see Magnitude.slope). */
const STEADY = 4;
/** Usual values across the day that a straight line leaves less than this share of are a drift, not a daily cycle. */
const DRIFT_ONLY = 0.5;

/**
 * An exponentially forgetting Gaussian fit of a feature: half-normal (scale from the mean) for
 * absolute deviations, or a location and scale for the rest, plus a check of its own tail: the
 * fit is trusted only while values beyond EXTREME_Z standard units (each counted TRUST_DELAY points
 * late) have not been more frequent than the fit itself predicts (with slack). When it is not, the
 * caller falls back on the empirical tail, which extrapolates exponentially (more cautious for
 * heavy tails).
 */
class GaussianFit {
  mean = 0;
  absDev = 0;
  weight = 0;
  extremes = 0;
  /** Whether each of the last TRUST_DELAY values was an extreme, not yet counted in `extremes`. */
  private waiting = new RollingWindow(TRUST_DELAY);
  private readonly forget: number;
  private readonly expectedShare: number;

  constructor(
    private readonly halfNormal: boolean,
    horizon: number,
  ) {
    this.forget = 1 - 1 / horizon;
    this.expectedShare = Math.pow(10, log10NormalTail(EXTREME_Z)) * (halfNormal ? 2 : 1);
  }

  private z(v: number): number {
    if (this.halfNormal) return this.mean > 0 ? v / (1.2533 * this.mean) : v > 0 ? Infinity : 0;
    const s = 1.2533 * this.absDev;
    return s > 0 ? (v - this.mean) / s : v > this.mean ? Infinity : 0;
  }

  trusted(): boolean {
    return this.extremes <= 2 + 3 * this.expectedShare * this.weight;
  }

  /** log10 P(X >= v) under the fit. */
  log10Survival(v: number): number {
    const z = this.z(v);
    if (z <= 0) return 0;
    if (!Number.isFinite(z)) return -300;
    return log10NormalTail(z) + (this.halfNormal ? Math.LOG10E * Math.LN2 : 0);
  }

  add(v: number): void {
    const extreme = this.weight >= MIN_CALIBRATION && this.z(v) > EXTREME_Z ? 1 : 0;
    const f = this.forget;
    this.weight = this.weight * f + 1;
    const rate = 1 / this.weight;
    const dev = Math.abs(v - this.mean);
    this.mean += rate * (v - this.mean);
    this.absDev += rate * (dev - this.absDev);
    this.extremes = this.extremes * f + (this.waiting.push(extreme) ?? 0);
  }

  snapshot(): GaussianFitState {
    return { mean: this.mean, absDev: this.absDev, weight: this.weight, extremes: this.extremes, waiting: this.waiting.values() };
  }

  static restore(halfNormal: boolean, horizon: number, s: GaussianFitState): GaussianFit {
    if (!s || ![s.mean, s.absDev, s.weight, s.extremes].every(isFiniteNumber)) throw new Error('gaussian fit');
    const g = new GaussianFit(halfNormal, horizon);
    g.mean = s.mean;
    g.absDev = s.absDev;
    g.weight = s.weight;
    g.extremes = s.extremes;
    for (const e of numbers(s.waiting ?? []).slice(-TRUST_DELAY)) g.waiting.push(e);
    return g;
  }
}

/** Point, short and long deviations are absolute (half-normal under a Gaussian series); the spread is not. */
const HALF_NORMAL = [true, true, true, false];
/** The spread's place among the magnitude features, and the name of its current definition. */
const SPREAD_SLOT = 3;
/** The point's own deviation among the magnitude features. */
const POINT_SLOT = 0;
const SPREAD_FEATURE = 'two-sided';

/**
 * Noise growing, from a window of standardised deviations from the level: the cube root of the
 * geometric mean of the upper and the lower semivariance (sums of squares of the positive and of
 * the negative deviations, each over the window's length).
 *
 * - Noise that grows does so on both sides of the level, so both semivariances grow with its
 *   square (x3 the noise: x9 each); an excursion to one side only (a counter reset in a `rate()`,
 *   a burst) grows one of them, and the geometric mean by its square root: the level features
 *   judge those.
 * - A sum of squares is far more powerful than the log of a standard deviation a few points into
 *   a change, and its cube root is close to Gaussian (Wilson and Hilferty, 1931), so the Gaussian
 *   fit and its tail check apply; it is >= 0, as the empirical tail needs.
 */
export function twoSidedSpread(devs: { readonly size: number; at(i: number): number }): number {
  const n = devs.size;
  if (n === 0) return 0;
  let up = 0;
  let down = 0;
  for (let i = 0; i < n; i++) {
    const d = devs.at(i);
    if (d > 0) up += d * d;
    else down += d * d;
  }
  return Math.cbrt(Math.sqrt((up / n) * (down / n)));
}

/**
 * How far the latest points are from a stream's recent level (the median of the `window` points
 * before the last 7, so a shift stays in full view while it starts), in units of the stream's
 * noise (a slow average of absolute deviations, so a quiet stretch does not make the next move
 * look huge): the point itself (spikes, dips), the mean of the last 4 (bursts, the start of a
 * shift), the mean of the last 8 (level shifts) and the spread of the last 16 deviations on
 * both sides of the level (noise growing; see `twoSidedSpread`). Each is calibrated by a Gaussian
 * fit while its tail behaves like one, else by its empirical tail, and written into `out` as
 * surprise beyond the history.
 */
class Magnitude {
  static readonly FEATURES = 4;
  private readonly baseline: OrderedRollingWindow;
  private readonly devs = new RollingWindow(SPREAD);
  private readonly pending = new RollingWindow(LONG - 1);
  private calibrators: TailHistogram[];
  private models: GaussianFit[];
  private readonly values = new Float64Array(Magnitude.FEATURES);
  /** The noise scale at the last point measured. */
  scale = 0;
  /** The last point's deviation from the level in noise units (against the noise floor while no noise has been seen: any move is far out). */
  deviation = 0;
  private noise = 0;
  private noiseWeight = 0;
  private readonly noiseForget: number;
  /**
   * The last 2 x `window` points before the pending ones in four blocks of `window` / 2, oldest
   * first (the newer two are the baseline's halves), for the drift (null: no drift).
   */
  private blocks: OrderedRollingWindow[] | null;
  /**
   * Forgetting averages of the square of the point-to-point change and of its product with the
   * previous change, and the last change and value: the noise and its lag-1 correlation as seen
   * through changes, which a drift does not bias.
   */
  private m2 = 0;
  private c1 = 0;
  private lastChange = 0;
  private lastValue: number | null = null;

  constructor(
    private readonly params: VigilParams,
    drift = false,
  ) {
    this.blocks = drift ? Array.from({ length: 4 }, () => new OrderedRollingWindow(params.window >> 1)) : null;
    this.baseline = new OrderedRollingWindow(params.window);
    this.noiseForget = 1 - 1 / NOISE_MEMORY;
    this.calibrators = HALF_NORMAL.map(() => new TailHistogram(params.horizon, params.tailFraction));
    this.models = HALF_NORMAL.map((h) => new GaussianFit(h, params.horizon));
  }

  /** Values its calibrations have seen. */
  get calibrated(): number {
    return this.calibrators[0].seen;
  }

  /** Which side of its reference feature f's last value fell on: 1 above, -1 below (0 for the spread, which has no side). */
  side(f: number): number {
    return f === SPREAD_SLOT ? 0 : this.values[f] < 0 ? -1 : 1;
  }

  /**
   * The series' lag-1 correlation as its point-to-point changes show it (0 to 0.95; 0 before any
   * change, or without the drift's statistics): changes of an AR(1) series with lag-1 correlation
   * rho correlate -(1 - rho) / 2, whatever drift carries it.
   */
  private lag1(): number {
    if (!this.blocks || !(this.m2 > 0)) return 0;
    return Math.min(0.95, Math.max(0, 1 + (2 * this.c1) / this.m2));
  }

  /** How many times more the average of consecutive points varies than that of as many independent ones: (1 + rho) / (1 - rho). */
  persistence(): number {
    const rho = this.lag1();
    return (1 + rho) / (1 - rho);
  }

  /**
   * False while the baseline fills. `refVariance`: the variance of the reference z was measured
   * against, in units of a point's noise variance (the week-ago view's varies with the days its
   * reference averages); the point, short and long deviations are divided by their spread's
   * growth from it, the reference's error taken as shared by all the points averaged, so one
   * calibration serves references of every precision.
   */
  update(z: number, floorLevel: number, out: Float64Array, refVariance = 0): boolean {
    if (this.baseline.size < MIN_BASELINE) {
      this.settle(z);
      return false;
    }
    const med = this.baseline.ordered.median();
    // the noise level is a slow average, so a quiet (or flat) stretch does not make the next move look huge
    this.scale = Math.max(1.2533 * this.noise, sigmaFloor(floorLevel));
    const slope = this.slope();
    // points from the middle of the baseline to the latest point
    const reach = this.pending.size + 1 + (this.baseline.size - 1) / 2;
    const residual = z - med - slope * reach;
    let recentShort = z;
    let recentLong = z;
    const p = this.pending.size;
    for (let i = 0; i < p; i++) {
      const x = this.pending.at(i);
      recentLong += x;
      if (i >= p - (SHORT - 1)) recentShort += x;
    }
    const nShort = Math.min(p, SHORT - 1) + 1;
    recentShort = recentShort / nShort - med - slope * (reach - (nShort - 1) / 2);
    recentLong = recentLong / (p + 1) - med - slope * (reach - p / 2);
    if (this.blocks) {
      if (this.lastValue !== null) {
        const f = this.noiseForget;
        const change = z - this.lastValue;
        this.m2 = this.m2 * f + change * change * (1 - f);
        this.c1 = this.c1 * f + change * this.lastChange * (1 - f);
        this.lastChange = change;
      }
      this.lastValue = z;
    }
    const e = this.noiseWeight >= MIN_BASELINE ? residual / this.scale : 0;
    this.deviation = e;
    // no noise seen yet (exact repeats so far): the scale is the floor, and this point's deviations are in no lasting unit
    const unscaled = this.scale <= sigmaFloor(floorLevel);
    this.noiseWeight = this.noiseWeight * this.noiseForget + 1;
    this.noise += (Math.abs(residual) - this.noise) / this.noiseWeight;
    this.devs.push(unscaled ? 0 : e);
    const v = this.values;
    const ready = this.noiseWeight > MIN_BASELINE;
    v[0] = e / Math.sqrt(1 + refVariance);
    v[1] = ready ? recentShort / this.scale / Math.sqrt(1 + SHORT * refVariance) : 0;
    v[2] = ready ? recentLong / this.scale / Math.sqrt(1 + LONG * refVariance) : 0;
    v[3] = twoSidedSpread(this.devs);
    for (let f = 0; f < Magnitude.FEATURES; f++) out[f] = calibrated(Math.abs(v[f]), this.calibrators[f], this.models[f], !unscaled || v[f] === 0);
    this.settle(z);
    return true;
  }

  /** The last SHORT - 1 values wait before joining the baseline, so a shift stays in full view while it starts. */
  private settle(z: number): void {
    const older = this.pending.push(z);
    if (older === undefined) return;
    this.baseline.push(older);
    const b = this.blocks;
    if (!b) return;
    // each block hands its oldest point on to the block before it
    let v: number | undefined = older;
    for (let i = b.length - 1; i >= 0 && v !== undefined; i--) {
      const w = b[i].recent;
      const out: number | undefined = w.full ? w.at(0) : undefined;
      b[i].push(v);
      v = out;
    }
  }

  /**
   * The drift per point, where the level moves steadily: the medians of four consecutive blocks of
   * `window` / 2 points (the two before the baseline and the baseline's halves) must each differ
   * from the one before in the same direction (a step or a burst moves one difference only), and
   * the change from the older pair of blocks to the newer pair, which is the drift, must be at
   * least STEADY standard errors of itself (noise alone reaches that about once in 16,000). So a
   * series without drift keeps its level baseline, and a growing one (disk usage, the slope of a
   * daily cycle) is measured against where its level has got to. The standard errors are those of
   * medians of an AR(1) series with the noise and lag-1 correlation its point-to-point changes show
   * (a wandering series' medians move more), which a drift does not bias.
   *
   * Each difference had to be significant on its own before: at a drift of about two standard
   * errors a block, all three were at 63 % of the points (93 % now), so the level jumped by the
   * drift times the baseline's reach (0.8 noise units on a disk-usage series, less near a daily
   * sine's turns) from one point to the next. Such jumps widened the level features' calibration
   * and hid level shifts: a 3-sigma drop on a series growing that fast was caught on 0 of 16
   * seeds, and 10 now.
   */
  private slope(): number {
    const b = this.blocks;
    if (!b || !b[0].recent.full || this.noiseWeight < MIN_CALIBRATION || !(this.m2 > 0)) return 0;
    const h = b[0].recent.size;
    const m = b.map((w) => w.ordered.median());
    const rho = this.lag1();
    // an AR(1) series' variance is E[change^2] / (2 (1 - rho))
    const variance = this.m2 / (2 * (1 - rho));
    const se = Math.sqrt(variance * (1.571 / h) * ((1 + rho) / (1 - rho)));
    const d1 = m[1] - m[0];
    const d2 = m[2] - m[1];
    const d3 = m[3] - m[2];
    // from the older pair of blocks to the newer pair, 2h points apart: half the sum of two differences of medians, whose standard error is se
    const delta = (m[2] + m[3] - m[0] - m[1]) / 2;
    const oneWay = (d1 > 0 && d2 > 0 && d3 > 0) || (d1 < 0 && d2 < 0 && d3 < 0);
    return oneWay && Math.abs(delta) >= STEADY * se ? delta / (2 * h) : 0;
  }

  snapshot(): MagnitudeState {
    return {
      spread: SPREAD_FEATURE,
      baseline: this.baseline.recent.values(),
      pending: this.pending.values(),
      noise: this.noise,
      noiseWeight: this.noiseWeight,
      scale: this.scale,
      devs: this.devs.values(),
      calibrators: this.calibrators.map((c) => c.snapshot()),
      models: this.models.map((g) => g.snapshot()),
      ...(this.blocks ? { blocks: this.blocks.map((w) => w.recent.values()), drift: [this.m2, this.c1, this.lastChange, this.lastValue] } : {}),
    };
  }

  static restore(params: VigilParams, s: MagnitudeState, drift = false): Magnitude {
    const m = new Magnitude(params, drift);
    if (m.blocks) {
      // older snapshots have none: the drift starts once the blocks have filled again
      const blocks = s.blocks ?? [];
      if (!Array.isArray(blocks) || (blocks.length !== 0 && blocks.length !== m.blocks.length)) throw new Error('blocks');
      blocks.forEach((values, i) => {
        for (const v of numbers(values).slice(-(params.window >> 1))) m.blocks![i].push(v);
      });
      const [m2, c1, lastChange, lastValue] = s.drift ?? [0, 0, 0, null];
      [m.m2, m.c1, m.lastChange] = numbers([m2, c1, lastChange]);
      if (lastValue !== null && !isFiniteNumber(lastValue)) throw new Error('drift');
      m.lastValue = lastValue;
    }
    for (const v of numbers(s.baseline).slice(-params.window)) m.baseline.push(v);
    for (const v of numbers(s.devs).slice(-SPREAD)) m.devs.push(v);
    for (const v of numbers(s.pending).slice(-(LONG - 1))) m.pending.push(v);
    [m.noise, m.noiseWeight] = numbers([s.noise, s.noiseWeight]);
    // the week-ago view's slice noise is read from it before its next point is measured
    [m.scale] = numbers([s.scale ?? 1.2533 * m.noise]);
    if (!Array.isArray(s.calibrators) || s.calibrators.length !== HALF_NORMAL.length) throw new Error('calibrators');
    if (!Array.isArray(s.models) || s.models.length !== HALF_NORMAL.length) throw new Error('models');
    m.calibrators = s.calibrators.map((c) => TailHistogram.restore(params.horizon, params.tailFraction, c));
    m.models = s.models.map((g, i) => GaussianFit.restore(HALF_NORMAL[i], params.horizon, g));
    if (s.spread !== SPREAD_FEATURE) {
      // calibrated on the spread feature of older snapshots (the log of the window's standard deviation): start over
      m.calibrators[SPREAD_SLOT] = new TailHistogram(params.horizon, params.tailFraction);
      m.models[SPREAD_SLOT] = new GaussianFit(HALF_NORMAL[SPREAD_SLOT], params.horizon);
    }
    return m;
  }
}

/**
 * A feature that is exactly 0 this share of the time or more is no Gaussian: its fit's scale is
 * set by the few values that are not, and a value beyond them is astronomically far out (on a
 * sparse count whose median had sat at 0, the two-sided spread's first values scored 300 and
 * 400,000 decades, at points worth 0 and 1).
 */
const MOSTLY_ZERO = 0.5;

/**
 * A feature value's surprise beyond the history (-Infinity while its calibration fills): by its
 * Gaussian fit while the fit's tail behaves and the feature is not mostly 0 (MOSTLY_ZERO), else
 * by its empirical tail, neither making a value the history has reached twice or more a record;
 * then both learn it, if `learn`.
 *
 * A deviation measured before any noise was seen (the first move after exact repeats: a sparse
 * count's first tweet after a run of zeros, a disk's first write) is a million or more in units of
 * the noise floor. It is reported, but not learned: learned, one such value held a half-normal
 * fit's mean at hundreds of noise units for its whole horizon and stretched the empirical tail as
 * far, so a burst of 7 times anything seen before (Twitter_volume_CVS) scored under 1 decade.
 */
function calibrated(value: number, c: TailHistogram, g: GaussianFit, learn = true): number {
  let out = -Infinity;
  if (c.seen >= MIN_CALIBRATION) out = g.trusted() && c.zeroShare() < MOSTLY_ZERO ? fitted(value, c, g) : beyondHistory(c.deviationSurvival(value), c.effective);
  if (!learn) return out;
  c.add(value);
  g.add(value);
  return out;
}

/**
 * The Gaussian fit's surprise, held, as the empirical tail's survival is, to what the value's
 * recurrence in the history allows (see TailHistogram.survival): the fit stays trusted through a
 * few extremes, and a third spike no higher than two before it scored 17-29 decades. Below
 * -AGREEMENT a surprise counts for nothing either way, so the histogram is not read there.
 */
function fitted(value: number, c: TailHistogram, g: GaussianFit): number {
  const out = -g.log10Survival(value) - Math.log10(Math.max(1, g.weight));
  const recurs = out > -AGREEMENT ? c.recurrence(value) : 0;
  return recurs > 0 ? Math.min(out, beyondHistory(recurs, c.effective)) : out;
}

interface InnovationsState {
  predictor: LinearPredictorState;
  noise: number;
  noiseWeight: number;
  local: number;
  localWeight: number;
  recent: number[];
  devs: number[];
  calibrator: TailHistogramState;
  model: GaussianFitState;
}

/**
 * Noise growing, seen through what the series' own recent past did not foretell: the two-sided
 * spread (see `twoSidedSpread`) of the last 16 innovations, each point less its one-step linear
 * prediction from the last 8 (see LinearPredictor).
 *
 * - A wandering series (AR(1), the moving sum a `rate()` is) keeps most of its spread in its slow
 *   wandering, so 16 points of it say little about its noise; 16 of its innovations say as much
 *   as 16 points of white noise, and noise x3 shows within a few of them.
 * - Innovations are measured in units of their local noise level (an average of about the last
 *   64 before the latest 8, so an incident does not raise its own yardstick; never below a
 *   quarter of the slow level): noise whose size follows the level (additive noise on a log
 *   scale across a daily cycle) is judged by the noise of its hour.
 * - Calibrated as the magnitudes are: a Gaussian fit while its tail behaves, else the empirical
 *   tail.
 */
class Innovations {
  private predictor = new LinearPredictor(PREDICTION_ORDER, PREDICTION_MEMORY, PREDICTION_REFIT);
  private readonly devs = new RollingWindow(SPREAD);
  private calibrator: TailHistogram;
  private model: GaussianFit;
  private noise = 0;
  private noiseWeight = 0;
  private local = 0;
  private localWeight = 0;
  /** The last LONG absolute innovations, waiting to join the local level. */
  private readonly recent = new RollingWindow(LONG);
  private readonly noiseForget = 1 - 1 / NOISE_MEMORY;
  /** The slow noise level of the innovations at the last point measured (the yardstick of INNOVATION_GAIN). */
  scale = 0;

  constructor(params: VigilParams) {
    this.calibrator = new TailHistogram(params.horizon, params.tailFraction);
    this.model = new GaussianFit(HALF_NORMAL[SPREAD_SLOT], params.horizon);
  }

  /** Values its calibration has seen. */
  get calibrated(): number {
    return this.calibrator.seen;
  }

  /**
   * The spread's surprise beyond the history (-Infinity while the prediction, the noise level or
   * the calibration is not ready); `gap`: the data broke off before z.
   */
  update(z: number, gap: boolean): number {
    const lp = this.predictor;
    if (gap) lp.breakSequence();
    if (!lp.ready) {
      lp.add(z);
      return -Infinity;
    }
    const innovation = z - lp.predict();
    lp.add(z);
    this.scale = Math.max(1.2533 * this.noise, sigmaFloor(z));
    const ready = this.noiseWeight >= MIN_BASELINE;
    const local = this.localWeight >= MIN_BASELINE ? Math.max(1.2533 * this.local, LOCAL_FLOOR * this.scale) : this.scale;
    this.noiseWeight = this.noiseWeight * this.noiseForget + 1;
    this.noise += (Math.abs(innovation) - this.noise) / this.noiseWeight;
    const older = this.recent.push(Math.abs(innovation));
    if (older !== undefined) {
      this.localWeight = Math.min(LOCAL_MEMORY, this.localWeight + 1);
      this.local += (older - this.local) / this.localWeight;
    }
    if (!ready) return -Infinity;
    this.devs.push(innovation / Math.max(local, sigmaFloor(z)));
    return calibrated(twoSidedSpread(this.devs), this.calibrator, this.model);
  }

  snapshot(): InnovationsState {
    return {
      predictor: this.predictor.snapshot(),
      noise: this.noise,
      noiseWeight: this.noiseWeight,
      local: this.local,
      localWeight: this.localWeight,
      recent: this.recent.values(),
      devs: this.devs.values(),
      calibrator: this.calibrator.snapshot(),
      model: this.model.snapshot(),
    };
  }

  static restore(params: VigilParams, s: InnovationsState): Innovations {
    const v = new Innovations(params);
    if (!s) throw new Error('innovations');
    v.predictor = LinearPredictor.restore(PREDICTION_ORDER, PREDICTION_MEMORY, PREDICTION_REFIT, s.predictor);
    [v.noise, v.noiseWeight, v.local, v.localWeight] = numbers([s.noise, s.noiseWeight, s.local, s.localWeight]);
    for (const d of numbers(s.recent).slice(-LONG)) v.recent.push(d);
    for (const d of numbers(s.devs).slice(-SPREAD)) v.devs.push(d);
    v.calibrator = TailHistogram.restore(params.horizon, params.tailFraction, s.calibrator);
    v.model = GaussianFit.restore(HALF_NORMAL[SPREAD_SLOT], params.horizon, s.model);
    return v;
  }
}

function numbers(a: unknown): number[] {
  if (!Array.isArray(a) || !a.every(isFiniteNumber)) throw new Error('numbers');
  return a;
}

interface StillnessState {
  last: number | null;
  run: number;
  repeats: number;
  weight: number;
  runs: TailHistogramState;
}

/**
 * The length a run of identical values is scored at: the largest power of two it has reached.
 * Scored at every point, a run's surprise rises with each one, and each rise is a new maximum the
 * hold reports: 243 zeros in a row in one NAB file were 243 reported points where one alert was
 * due (NAB counts each as a false positive); at doublings they are one. A run's surprise now rises
 * at most log2 of its length times, and a stuck series is flagged at most twice as late as at its
 * exact length (a stuck continuous series: at 8 repeats, not 5).
 */
export function stillRun(run: number): number {
  return run < 2 ? run : 2 ** Math.floor(Math.log2(run));
}

/**
 * A series that stops moving (a stuck exporter, a flat-lined day): the number of identical values
 * in a row (see stillRun), scored by the larger of two probabilities so that neither alone can cry
 * wolf: the repeat rate to the power of the run (right for independent values), and how often runs
 * that long occurred before (right when repeats come in runs, as in quantised series).
 */
class Stillness {
  private last: number | null = null;
  private run = 0;
  /** Decayed count of points equal to their predecessor, and of all points. */
  private repeats = 0;
  private weight = 0;
  private runs: TailHistogram;

  constructor(private readonly params: VigilParams) {
    this.runs = new TailHistogram(params.horizon, params.tailFraction);
  }

  update(x: number): number {
    const same = this.last !== null && x === this.last;
    this.last = x;
    const forget = 1 - 1 / this.params.horizon;
    this.repeats = this.repeats * forget + (same ? 1 : 0);
    this.weight = this.weight * forget + 1;
    if (!same) {
      if (this.run > 0) this.runs.add(this.run);
      this.run = 1;
      return -Infinity;
    }
    this.run++;
    if (this.weight < MIN_CALIBRATION) return -Infinity;
    const rate = (this.repeats - 1 + 0.5) / (this.weight + 1);
    const counted = stillRun(this.run);
    const independent = Math.pow(rate, counted - 1);
    const observed = this.runs.seen > 0 ? this.runs.survival(counted) : 0;
    return beyondHistory(Math.max(independent, observed, 1e-12), this.weight);
  }

  snapshot(): StillnessState {
    return { last: this.last, run: this.run, repeats: this.repeats, weight: this.weight, runs: this.runs.snapshot() };
  }

  static restore(params: VigilParams, s: StillnessState): Stillness {
    const st = new Stillness(params);
    if (!s || (s.last !== null && !isFiniteNumber(s.last)) || ![s.run, s.repeats, s.weight].every(isFiniteNumber)) throw new Error('stillness');
    st.last = s.last;
    st.run = s.run;
    st.repeats = s.repeats;
    st.weight = s.weight;
    st.runs = TailHistogram.restore(params.horizon, params.tailFraction, s.runs);
    return st;
  }
}

interface NoveltyState {
  sample: number[];
  levels: VisitedLevelsState | null;
  positive: number;
  weight: number;
  doublings: CountTailState;
}

/** 1 for 1, 2 for 2, 3 for 3-4, 4 for 5-8, ... */
function doubling(d: number): number {
  return d <= 1 ? 1 : 1 + Math.ceil(Math.log2(d));
}

/**
 * How far a value is from every level the series has recently taken, in bands as wide as its
 * early point-to-point noise: 0 on familiar ground, 1 just past the edge, many for a level it has
 * never been at. Calibrated as how often the distance is positive at all times how often positive
 * distances reach that many doublings.
 */
class Novelty {
  private sample: number[] = [];
  private levels: VisitedLevels | null = null;
  private positive = 0;
  private weight = 0;
  private doublings: CountTail;

  constructor(private readonly params: VigilParams) {
    this.doublings = new CountTail(40, params.horizon);
  }

  update(x: number): number {
    if (!this.levels) {
      this.sample.push(x);
      if (this.sample.length >= LEVEL_SAMPLE) this.start();
      return -Infinity;
    }
    const d = Math.min(1e12, this.levels.distance(x));
    let out = -Infinity;
    if (this.weight >= MIN_CALIBRATION && d > 0) {
      const pPositive = (this.positive + 0.5) / (this.weight + 1);
      out = beyondHistory(pPositive * this.doublings.survival(doubling(d)), this.weight);
    }
    const forget = 1 - 1 / this.params.horizon;
    this.weight = this.weight * forget + 1;
    this.positive = this.positive * forget + (d > 0 ? 1 : 0);
    if (d > 0) this.doublings.add(doubling(d));
    this.levels.visit(x);
    return out;
  }

  private start(): void {
    const s = this.sample;
    const diffs = s.slice(1).map((v, i) => Math.abs(v - s[i])).sort((a, b) => a - b);
    const noise = diffs[diffs.length >> 1] / (0.6745 * Math.SQRT2);
    let mean = 0;
    for (const v of diffs) mean += v;
    const fallback = (mean / diffs.length) * 0.886;
    const width = Math.max(noise > 0 ? noise : fallback, sigmaFloor(s[s.length - 1]));
    this.levels = new VisitedLevels(width, this.params.horizon, LEVEL_CAPACITY);
    for (const v of s) this.levels.visit(v);
    this.sample = [];
  }

  snapshot(): NoveltyState {
    return { sample: [...this.sample], levels: this.levels?.snapshot() ?? null, positive: this.positive, weight: this.weight, doublings: this.doublings.snapshot() };
  }

  static restore(params: VigilParams, s: NoveltyState): Novelty {
    const n = new Novelty(params);
    if (!s || !isFiniteNumber(s.positive) || !isFiniteNumber(s.weight)) throw new Error('novelty');
    n.sample = numbers(s.sample);
    n.levels = s.levels ? VisitedLevels.restore(s.levels, params.horizon, LEVEL_CAPACITY) : null;
    n.positive = s.positive;
    n.weight = s.weight;
    n.doublings = CountTail.restore(40, params.horizon, s.doublings);
    return n;
  }
}

interface ExceedancesState {
  flags: number[];
  /** The last EXCEEDANCE_SPAN counts, oldest first, not yet learned. */
  unlearned: number[];
  counts: CountTailState;
}

/**
 * Deviations coming more often: how many of the last EXCEEDANCE_SPAN points deviated from the
 * recent level by more than EXCEEDANCE_Z of its noise units, scored by how rare that count is in
 * the series' own history (CountTail; EXCEEDANCE_STEP beyond the largest count seen). Spikes that
 * come every few points where they came once a day, bursts that cluster, a series that starts to
 * alternate: no point of such a change is a record, so the magnitude views see little of it.
 *
 * Each count is learned EXCEEDANCE_SPAN points late, once none of the points it counted is still
 * counted: the count at one point shares all but one point with the count before it, so learned
 * at once, a rising count was always one past the largest seen, a record the history's size
 * explains (0.3 decades), however fast it rose.
 */
export class Exceedances {
  private readonly flags = new RollingWindow(EXCEEDANCE_SPAN);
  private count = 0;
  private readonly unlearned = new RollingWindow(EXCEEDANCE_SPAN);
  private counts: CountTail;

  constructor(params: VigilParams) {
    this.counts = new CountTail(EXCEEDANCE_SPAN, params.horizon, EXCEEDANCE_STEP);
  }

  /** The count's surprise beyond the history (-Infinity until the span has filled and the calibration has MIN_CALIBRATION counts). */
  update(deviation: number): number {
    const flag = Math.abs(deviation) > EXCEEDANCE_Z ? 1 : 0;
    this.count += flag - (this.flags.push(flag) ?? 0);
    if (!this.flags.full) return -Infinity;
    const c = this.counts;
    const out = c.effective >= MIN_CALIBRATION ? beyondHistory(c.survival(this.count), c.effective) : -Infinity;
    const older = this.unlearned.push(this.count);
    if (older !== undefined) c.add(older);
    return out;
  }

  snapshot(): ExceedancesState {
    return { flags: this.flags.values(), unlearned: this.unlearned.values(), counts: this.counts.snapshot() };
  }

  static restore(params: VigilParams, s: ExceedancesState): Exceedances {
    const x = new Exceedances(params);
    if (!s) throw new Error('exceedances');
    for (const f of numbers(s.flags).slice(-EXCEEDANCE_SPAN)) {
      if (f !== 0 && f !== 1) throw new Error('exceedances');
      x.flags.push(f);
      x.count += f;
    }
    for (const k of numbers(s.unlearned).slice(-EXCEEDANCE_SPAN)) x.unlearned.push(k);
    x.counts = CountTail.restore(EXCEEDANCE_SPAN, params.horizon, s.counts, EXCEEDANCE_STEP);
    return x;
  }
}

interface TransitionsState {
  sample: number[];
  model: BandMarkovState | null;
  losses: number[];
  calibrator: TailHistogramState;
}

/**
 * How unexpected the recent moves between coarse value bands are: the mean over the last 10
 * points of -log10 P(band | previous band) under a Markov model of the series' own transitions,
 * calibrated like the magnitudes. Catches changes of shape that stay within the usual range.
 */
class Transitions {
  private sample: number[] = [];
  private model: BandMarkov | null = null;
  private readonly losses = new RollingWindow(TRANSITION_SPAN);
  private calibrator: TailHistogram;

  constructor(private readonly params: VigilParams) {
    this.calibrator = new TailHistogram(params.horizon, params.tailFraction);
  }

  update(x: number): number {
    if (!this.model) {
      this.sample.push(x);
      if (this.sample.length >= RANGE_SAMPLE) {
        this.model = BandMarkov.fromSample(this.sample, this.params.levels, this.params.horizon, sigmaFloor(x) * 100);
        this.sample = [];
      }
      return -Infinity;
    }
    this.losses.push(-Math.log10(this.model.probability(x)));
    this.model.learn(x);
    let sum = 0;
    for (let i = 0; i < this.losses.size; i++) sum += this.losses.at(i);
    const mean = sum / this.losses.size;
    const c = this.calibrator;
    const out = c.seen >= MIN_CALIBRATION ? beyondHistory(c.survival(mean), c.effective) : -Infinity;
    c.add(mean);
    return out;
  }

  snapshot(): TransitionsState {
    return { sample: [...this.sample], model: this.model?.snapshot() ?? null, losses: this.losses.values(), calibrator: this.calibrator.snapshot() };
  }

  static restore(params: VigilParams, s: TransitionsState): Transitions {
    const t = new Transitions(params);
    if (!s) throw new Error('transitions');
    t.sample = numbers(s.sample);
    t.model = s.model ? BandMarkov.restore(s.model, params.levels, params.horizon) : null;
    for (const v of numbers(s.losses).slice(-TRANSITION_SPAN)) t.losses.push(v);
    t.calibrator = TailHistogram.restore(params.horizon, params.tailFraction, s.calibrator);
    return t;
  }
}

interface VigilState {
  seen: number;
  firstMs: number | null;
  lastMs: number | null;
  warmAt: number | null;
  steps: number[];
  magnitude: MagnitudeState;
  seasonalMagnitude: MagnitudeState | null;
  profile: DailyProfileState | null;
  stillness: StillnessState;
  novelty: NoveltyState;
  transitions: TransitionsState;
  /** The exceedance view (absent in older snapshots: it starts afresh). */
  exceedances?: ExceedancesState;
  /** [time, score] of recent scores, decreasing: the running maximum over the hold. */
  peaks: Array<[number, number]>;
  /** The same for reported scores only. */
  reported: Array<[number, number]>;
  lastReportMs: number | null;
  /** Whether a point came QUICK_MS or more after the last report without being reported (absent in older snapshots). */
  lapsed?: boolean;
  transform: Transform | null;
  transformSample: number[];
  /** The sample's times (absent in older snapshots: taken a sampling interval apart, ending at lastMs). */
  transformTimes?: number[];
  /** The innovation view (absent in older snapshots: it starts afresh). */
  innovations?: InnovationsState;
  /** The week-ago view (absent in older snapshots and until a week has been seen). */
  weekAgo?: MagnitudeState | null;
}

/**
 * The product default: raises nothing on healthy series, and one alert per incident.
 *
 * Five views of each point, each an amount of surprise beyond what the series' own
 * history already explains (see `beyondHistory`):
 *   magnitude   - distance of the point, of the last 4 and 8 points and of the recent spread from
 *                 the recent level (carried forward along a steady drift; see Magnitude), on a
 *                 square-root scale for counts and a log scale for right-skewed positive values;
 *                 once a whole day has been seen and the series has a daily cycle (usual values
 *                 across the day that are more than a drift's ramp), a point counts only as much
 *                 as the less surprised of the recent level and the nearest of the usual value
 *                 at that time of day and the same time on each of the last 7 days (a daily rush
 *                 is not news, nor is a quiet weekend morning); once the same time a week
 *                 earlier is remembered and a day of its deviations calibrated, a point of such a
 *                 series is measured against that instead, alone (see magnitudeSurprise); where
 *                 the one-step prediction from the last 8 points explains the series better,
 *                 the spread is also measured on its innovations (see Innovations);
 *   stillness   - values that stop moving;
 *   novelty     - distance from every level the series has recently taken;
 *   transitions - unexpected moves between coarse value bands over the last 10 points;
 *   exceedances - deviations from the recent level coming more often (see Exceedances).
 * The score is the largest view's surprise, or the second largest plus one decade when two views
 * agree (a real change usually shows in several), whichever is more. Alerts are held until
 * `warmupPoints` points and a whole day have been seen; after a reported score, a score is
 * reported within `holdMinutes` only if it beats every score since and is `escalation` times the
 * strongest one reported, so an incident is one alert at its first evidence.
 *
 * Unit: decades beyond the history (1 = ten times rarer than the rarest value the history's size
 * explains). The default threshold, 6, is where the healthy-series suite stays silent with a
 * margin (reports/nab.md). Per point: O(window) for the rolling median, O(bins) per calibration,
 * O(64) for the prediction.
 * State: tens of kB, bounded whatever the series' length.
 */
export class VigilDetector implements StreamingDetector {
  private count = 0;
  private firstMs: number | null = null;
  private lastMs: number | null = null;
  private warmAt: number | null = null;
  private readonly steps = new RollingWindow(STEP_MEMORY);
  private medianStep: number | null = null;
  private magnitude: Magnitude;
  private seasonalMagnitude: Magnitude | null = null;
  private profile: DailyProfile | null = null;
  private stillness: Stillness;
  private novelty: Novelty;
  private transitions: Transitions;
  private peaks: Array<[number, number]> = [];
  private reported: Array<[number, number]> = [];
  private lastReportMs: number | null = null;
  /** Whether a point came QUICK_MS or more after the last report and was not reported: the product's alert has resolved since. */
  private lapsed = false;
  /** Forgetting averages of the recent baseline's scale and the time-of-day view's: the latter is used only while it explains the series better. */
  private transform: Transform | null = null;
  private transformSample: number[] = [];
  private transformTimes: number[] = [];
  private innovations: Innovations;
  private exceedances: Exceedances;
  private readonly rawOut = new Float64Array(Magnitude.FEATURES);
  private readonly seasonalOut = new Float64Array(Magnitude.FEATURES);
  /** The innovation spread's surprise at the last point (-Infinity: not measured). */
  private innovationSpread = -Infinity;
  /** Deviations from the value at the same time a week earlier (see magnitudeSurprise). */
  private weekAgo: Magnitude | null = null;
  private readonly weekAgoOut = new Float64Array(Magnitude.FEATURES);
  /** Whether the week-ago view measured the last point with a calibration that counts. */
  private weekAgoCounts = false;

  /** Each view's surprise at the last point (see View), and which was the largest. */
  private readonly views = new Float64Array(VIEWS);
  private topView = -1;
  /** The magnitude feature that scored the magnitude views' surprise at the last point measured, against what, and on which side. */
  private readonly strongest: { feature: number; reference: Reference; side: number } = { feature: POINT_SLOT, reference: 'recent level', side: 1 };

  /** The threshold the probe alerts at (raw decades): what the hold's anchors (a crossing, an incident building up) are measured against. */
  private readonly alertAt: number;

  constructor(
    private readonly params: VigilParams,
    threshold = VIGIL_THRESHOLD,
  ) {
    this.alertAt = Number.isFinite(threshold) && threshold > 0 ? threshold : VIGIL_THRESHOLD;
    this.magnitude = new Magnitude(params, params.drift > 0);
    this.stillness = new Stillness(params);
    this.novelty = new Novelty(params);
    this.transitions = new Transitions(params);
    this.innovations = new Innovations(params);
    this.exceedances = new Exceedances(params);
  }

  get seen(): number {
    return this.count;
  }

  /** When alerts are first allowed: exact once reached, else estimated from the sampling interval. */
  warmingUpUntil(): number | null {
    if (this.warmAt !== null) return this.warmAt;
    if (this.lastMs === null || this.firstMs === null) return null;
    const byPoints = this.lastMs + Math.max(0, this.params.warmupPoints - this.count) * this.stepMs();
    return Math.max(byPoints, this.firstMs + DAY_MS);
  }

  /** The median of the recent sampling intervals (kept until the next interval arrives: several views ask at every point). */
  private stepMs(): number {
    if (this.medianStep === null) {
      const n = this.steps.size;
      this.medianStep = n === 0 ? 60_000 : this.steps.values().sort((a, b) => a - b)[n >> 1];
    }
    return this.medianStep;
  }

  update(timestampMs: number, value: number): number {
    if (!isFiniteNumber(value)) return 0;
    const t = isFiniteNumber(timestampMs) ? timestampMs : (this.lastMs ?? 0) + this.stepMs();
    const gap = this.lastMs !== null && t - this.lastMs > PREDICTION_GAP * this.stepMs();
    if (this.lastMs !== null && t > this.lastMs) {
      this.steps.push(t - this.lastMs);
      this.medianStep = null;
    }
    if (this.firstMs === null) this.firstMs = t;
    this.lastMs = t;
    this.count++;

    let measured = false;
    let seasonal = false;
    if (this.sampleScale(t, value)) [measured, seasonal] = this.feedViews(t, applyTransform(this.transform!, value), gap);
    seasonal &&= this.profileMatters(t);
    const views = this.views;
    views[View.Magnitude] = measured ? this.magnitudeSurprise(seasonal) : -Infinity;
    views[View.Stillness] = this.stillness.update(value);
    views[View.Novelty] = this.novelty.update(value);
    views[View.Transitions] = this.transitions.update(value);
    views[View.Exceedances] = measured ? this.exceedances.update(this.magnitude.deviation) : -Infinity;
    let top = 0;
    for (let i = 1; i < views.length; i++) if (views[i] > views[top]) top = i;
    let second = -Infinity;
    for (let i = 0; i < views.length; i++) if (i !== top && views[i] > second) second = views[i];
    this.topView = top;
    const score = Math.max(0, views[top], second + AGREEMENT);
    if (score >= UNUSUAL) this.profile?.markUnusual(t);

    if (this.warmAt === null) {
      if (this.count < this.params.warmupPoints || t - this.firstMs < DAY_MS) return 0;
      this.warmAt = t;
    }
    return this.hold(t, score);
  }

  /**
   * Decides the magnitude views' scale for good on the first TRANSFORM_SAMPLE values; where the
   * provisional one differs, the views start over on the new scale and are fed every value before
   * the latest (which update measures next), from the first point, so they have seen the series'
   * first day, ramps and all, as before (started over at the 256th point alone, a five-minute
   * business-hours series' views met their first morning ramp after warm-up).
   */
  private settleTransform(): void {
    const transform = chooseTransform(this.transformSample);
    if (transform !== this.transform) {
      this.transform = transform;
      this.magnitude = new Magnitude(this.params, this.params.drift > 0);
      this.innovations = new Innovations(this.params);
      this.seasonalMagnitude = null;
      this.profile = null;
      this.weekAgo = null;
      const times = this.transformTimes;
      for (let i = 0; i < times.length - 1; i++) {
        this.feedViews(times[i], applyTransform(transform, this.transformSample[i]), i > 0 && times[i] - times[i - 1] > PREDICTION_GAP * this.stepMs());
      }
    }
    this.transformSample = [];
    this.transformTimes = [];
  }

  /**
   * Collects the values the magnitude views' scale is decided on (see TRANSFORM_SAMPLE); whether
   * the views measure this point: not before a scale is chosen, nor at the point that chooses it.
   */
  private sampleScale(t: number, value: number): boolean {
    if (this.transform !== null && this.transformSample.length === 0) return true;
    this.transformSample.push(value);
    this.transformTimes.push(t);
    if (this.transform === null) {
      if (this.transformSample.length >= PROVISIONAL_SAMPLE) this.transform = chooseTransform(this.transformSample);
      return false;
    }
    if (this.transformSample.length >= TRANSFORM_SAMPLE) this.settleTransform();
    return true;
  }

  /**
   * Feeds z (the value on the views' scale) to the recent level, the innovations and the
   * time-of-day views; whether the recent level measured it, and whether the time-of-day view did.
   */
  private feedViews(t: number, z: number, gap: boolean): [boolean, boolean] {
    const measured = this.magnitude.update(z, z, this.rawOut);
    this.innovationSpread = this.innovations.update(z, gap);
    return [measured, this.params.seasonal > 0 && this.updateSeasonal(t, z)];
  }

  /**
   * Whether the usual values across the day differ by more than their own estimation noise: that
   * of an average of samplesPerBin points, each as noisy as the smaller of the recent level's and
   * the time-of-day view's noise levels, and as persistent as the series (see persistence). The
   * time-of-day view measures from the nearest of 8 references (see DailyProfile.nearest), so its
   * noise level is a little under a point's: the test leans towards a cycle. A series without one
   * that passes is then judged by the time-of-day views as well: the usual value's veto before a
   * week, the week-ago view after.
   *
   * - The recent level's noise alone overstates a point's where the series has a cycle: it holds
   *   the cycle's slopes and curves the level does not follow (on the `rate()` of a counter with a
   *   daily cycle, 0.91 against the time-of-day view's 0.32). On bursty daily counts (NAB's Twitter
   *   volumes) that hid the cycle: the time-of-day view, and a week on the week-ago view, were
   *   never used, and a 3-hour drop to 60 % of the usual level went unseen.
   * - Averages of a wandering series vary far more than its points suggest (AR(1) with a lag-1
   *   correlation of 0.8: 9 times the variance), which would pass for a cycle.
   */
  private profileMatters(t: number): boolean {
    const p = this.profile!;
    const spread = p.spread();
    const point = Math.min(this.magnitude.scale, this.seasonalMagnitude?.scale ?? Infinity);
    const noise = point * Math.sqrt(this.magnitude.persistence() / Math.max(1, p.samplesPerBin()));
    if (spread <= PROFILE_SIGNIFICANCE * noise) return false;
    // a drift alone makes the usual values a ramp through the day: a straight line leaves little of it
    return this.params.drift === 0 || p.spreadAboutLine(t) >= DRIFT_ONLY * spread;
  }

  /**
   * The largest feature's surprise; where the time-of-day view applies, each counts no more than
   * that view is surprised. The spread counts as the larger of the recent level's and the
   * innovations' (see Innovations) while the prediction explains the series better.
   *
   * Where the time-of-day view applies and the week-ago view counts, the features are the
   * week-ago view's alone, up to WEEK_AGO_CAP: deviations from the value at the same time a week
   * earlier (DailyProfile.weekAgo), which knows a weekday from a weekend and the shape of each
   * hour. The recent level's veto is then dropped: on a cycle many times its noise, the recent
   * level's own noise is the cycle's (a 6-sigma spike on a weekly cycle scored -3 decades there),
   * so it vetoed every time-of-day deviation. Before a week is remembered the nearest of the usual
   * values cannot tell the first weekend from an incident, which is what that veto is for. The
   * week-ago view starts its calibration only once it has a reference, so the first week's
   * surprises do not teach it a heavy tail, and counts after a day of it.
   *
   * The point's own deviation is the exception: it counts no more than the recent level is
   * surprised by it too. A single point's departure is as plain against the last hour as against
   * last week, and the recent level has seen far more of the series' bursts than the week-ago view
   * has calibrated on: on bursty daily counts (lognormal rate noise of 0.3-0.5), single bursts
   * of 4-7 times the usual value scored 7-8.3 decades there against 1.2-5.4 from the recent level.
   * Spikes on a cycle many times their noise are still seen by the mean of the last 4.
   */
  private magnitudeSurprise(seasonal: boolean): number {
    // like the week-ago view, it counts after a day of its own values: a counter reset in a rate() (a drop, and 5 minutes later the jump back) looked like growing noise to a fit that had seen a few hundred
    const mature = this.innovations.calibrated >= Math.max(WEEK_AGO_MATURE, DAY_MS / this.stepMs());
    const innovations = mature && this.innovations.scale < INNOVATION_GAIN * this.magnitude.scale ? this.innovationSpread : -Infinity;
    const weekAgo = seasonal && this.weekAgoCounts;
    let best = -Infinity;
    this.strongest.feature = POINT_SLOT;
    for (let f = 0; f < Magnitude.FEATURES; f++) {
      const local = f === SPREAD_SLOT ? Math.max(this.rawOut[f], innovations) : this.rawOut[f];
      const s = weekAgo ? Math.min(WEEK_AGO_CAP, f === POINT_SLOT ? Math.min(local, this.weekAgoOut[f]) : this.weekAgoOut[f]) : seasonal ? Math.min(local, this.seasonalOut[f]) : local;
      if (s > best) {
        best = s;
        this.strongest.feature = f;
      }
    }
    const f = this.strongest.feature;
    const reference: Reference =
      f === SPREAD_SLOT && !weekAgo && innovations > this.rawOut[f] && (!seasonal || this.seasonalOut[f] >= innovations)
        ? 'prediction'
        : weekAgo
          ? 'week ago'
          : seasonal
            ? 'time of day'
            : 'recent level';
    this.strongest.reference = reference;
    this.strongest.side = (reference === 'week ago' ? this.weekAgo! : this.magnitude).side(f);
    return best;
  }

  /** Feeds the time-of-day view; true when it measured this point. */
  private updateSeasonal(t: number, x: number): boolean {
    if (!this.profile) {
      if (this.steps.size < STEP_MEMORY) return false;
      const perDay = DAY_MS / this.stepMs();
      const bins = Math.max(24, Math.min(96, Math.round(perDay)));
      this.profile = new DailyProfile(bins, Math.max(1, perDay / bins), PROFILE_MEMORY_DAYS);
    }
    const p = this.profile;
    // a slice average's noise, from the week-ago deviations' (which is a little more: theirs adds the reference's)
    const ref = p.weekAgo(t, this.stepMs(), (this.weekAgo?.scale ?? 0) / Math.sqrt(p.pointsPerBin));
    this.weekAgoCounts = false;
    if (ref !== null) {
      this.weekAgo ??= new Magnitude(this.params);
      const measuredWeekAgo = this.weekAgo.update(x - ref.value, x, this.weekAgoOut, 1 / (ref.days * p.pointsPerBin));
      this.weekAgoCounts = measuredWeekAgo && this.weekAgo.calibrated >= Math.max(WEEK_AGO_MATURE, DAY_MS / this.stepMs());
    }
    let measured = false;
    if (p.ready(t)) {
      this.seasonalMagnitude ??= new Magnitude(this.params);
      measured = this.seasonalMagnitude.update(x - p.nearest(t, x), x, this.seasonalOut);
    }
    p.add(t, x);
    return measured;
  }

  /**
   * What the last score measured, in words: the view that scored it and, for a deviation, which
   * feature and against what (see `magnitudeSurprise`). It names the kind of change, so an alert
   * says what it saw: "level shift: the last 8 points above the recent level".
   */
  explain(): string | null {
    switch (this.topView) {
      case View.Magnitude: {
        const { feature, reference, side } = this.strongest;
        const against = REFERENCE_WORDS[reference];
        const where = side < 0 ? 'below' : 'above';
        if (feature === POINT_SLOT) return `${side < 0 ? 'dip' : 'spike'}: one point far ${where} ${against}`;
        if (feature === SPREAD_SLOT)
          return reference === 'prediction'
            ? `growing noise: the last ${SPREAD} points stray from what the series' own recent past foretold more than usual`
            : `growing noise: the last ${SPREAD} points scatter about ${against} more than usual`;
        return feature === 1 ? `burst: the last ${SHORT} points ${where} ${against}` : `level shift: the last ${LONG} points ${where} ${against}`;
      }
      case View.Stillness:
        return 'stuck: the value has not changed for longer than it usually holds still';
      case View.Novelty:
        return 'new level: a value far from every level the series has visited';
      case View.Transitions:
        return 'new pattern: a move between levels the series rarely makes';
      case View.Exceedances:
        return `more often: more of the last ${EXCEEDANCE_SPAN} points strayed over ${EXCEEDANCE_Z} noise units from the recent level than usual`;
      default:
        return null;
    }
  }

  /**
   * The score if it beats every score of the hold and `escalation` times every score reported in
   * it, once the incident last reported has had time to build up (MERGE_MS), else 0. Beating
   * every score of the hold is enough while the product's alert is still open: within QUICK_MS of
   * the last report, or at the first point after it however late it comes (an incident split by
   * a gap in the data stays one alert); and for the first score of the hold to reach the probe's
   * threshold (`alertAt`): a stuck series' first repeats scored 4-5.6 decades, and its stillness
   * at 8 repeats (8.6) waited for 14, so a day-long flat line raised nothing at the default
   * sensitivity. Both anchors are the probe's own threshold: anchored at the default, a probe at
   * sensitivity low missed an incident whose first report lay between 6 and 8 decades (its
   * stronger evidence was held back as the same incident building up, which had raised no alert
   * there), and one at high saw an incident that built up twice.
   */
  private hold(t: number, score: number): number {
    const since = t - this.params.holdMinutes * 60_000;
    const { peaks, reported } = this;
    while (peaks.length && peaks[0][0] <= since) peaks.shift();
    while (reported.length && reported[0][0] <= since) reported.shift();
    const late = this.lastReportMs !== null && t - this.lastReportMs >= QUICK_MS;
    const open = this.lastReportMs !== null && (!late || !this.lapsed);
    // the first score of the hold to reach the probe's threshold: whatever was reported before it raised no alert
    const crosses = reported.length > 0 && reported[0][1] < this.alertAt && score >= this.alertAt;
    const building =
      this.lastReportMs !== null && reported.length > 0 && reported[0][1] >= this.alertAt && t - this.lastReportMs < Math.max(MERGE_MS, MERGE_POINTS * this.stepMs());
    const beats = score > 0 && (peaks.length === 0 || score > peaks[0][1]);
    const report = beats && (open || reported.length === 0 || crosses || (!building && score > this.params.escalation * reported[0][1]));
    pushMax(peaks, t, score);
    if (report) {
      pushMax(reported, t, score);
      this.lastReportMs = t;
      this.lapsed = false;
    } else {
      // the incident's build-up, unreported, still sets the bar a later one must clear by escalation
      if (beats && building) pushMax(reported, t, score);
      if (late) this.lapsed = true;
    }
    return report ? clampScore(score) : 0;
  }

  snapshot(): DetectorSnapshot {
    return {
      detector: NAME,
      version: VERSION,
      state: {
        seen: this.count,
        firstMs: this.firstMs,
        lastMs: this.lastMs,
        warmAt: this.warmAt,
        steps: this.steps.values(),
        magnitude: this.magnitude.snapshot(),
        seasonalMagnitude: this.seasonalMagnitude?.snapshot() ?? null,
        profile: this.profile?.snapshot() ?? null,
        stillness: this.stillness.snapshot(),
        novelty: this.novelty.snapshot(),
        transitions: this.transitions.snapshot(),
        exceedances: this.exceedances.snapshot(),
        peaks: this.peaks.map(([t, s]) => [t, s]),
        reported: this.reported.map(([t, s]) => [t, s]),
        lastReportMs: this.lastReportMs,
        lapsed: this.lapsed,
        transform: this.transform,
        transformSample: [...this.transformSample],
        transformTimes: [...this.transformTimes],
        innovations: this.innovations.snapshot(),
        weekAgo: this.weekAgo?.snapshot() ?? null,
      } satisfies VigilState,
    };
  }

  static restore(params: VigilParams, snapshot: DetectorSnapshot, threshold = VIGIL_THRESHOLD): VigilDetector {
    const s = checkSnapshot(snapshot, NAME, VERSION) as VigilState;
    const d = new VigilDetector(params, threshold);
    const optionalTime = (x: unknown) => x === null || isFiniteNumber(x);
    const pairs = (a: unknown): Array<[number, number]> => {
      if (!Array.isArray(a)) throw new Error('pairs');
      return a.map((p) => {
        if (!Array.isArray(p) || !isFiniteNumber(p[0]) || !isFiniteNumber(p[1])) throw new Error('pairs');
        return [p[0], p[1]] as [number, number];
      });
    };
    try {
      if (!isFiniteNumber(s.seen) || !optionalTime(s.firstMs) || !optionalTime(s.lastMs) || !optionalTime(s.warmAt)) throw new Error('times');
      d.count = s.seen;
      d.firstMs = s.firstMs;
      d.lastMs = s.lastMs;
      d.warmAt = s.warmAt;
      for (const v of numbers(s.steps).slice(-STEP_MEMORY)) d.steps.push(v);
      d.magnitude = Magnitude.restore(params, s.magnitude, params.drift > 0);
      d.seasonalMagnitude = s.seasonalMagnitude ? Magnitude.restore(params, s.seasonalMagnitude) : null;
      d.profile = s.profile ? DailyProfile.restore(s.profile, PROFILE_MEMORY_DAYS) : null;
      d.stillness = Stillness.restore(params, s.stillness);
      d.novelty = Novelty.restore(params, s.novelty);
      d.transitions = Transitions.restore(params, s.transitions);
      if (s.exceedances) d.exceedances = Exceedances.restore(params, s.exceedances);
      d.peaks = pairs(s.peaks);
      d.reported = pairs(s.reported);
      if (!optionalTime(s.lastReportMs) || !(s.transform === null || TRANSFORMS.includes(s.transform))) throw new Error('report');
      d.lastReportMs = s.lastReportMs;
      if (s.lapsed !== undefined && typeof s.lapsed !== 'boolean') throw new Error('lapsed');
      // older snapshots: a report QUICK_MS or more back has lapsed
      d.lapsed = s.lapsed ?? (s.lastReportMs !== null && s.lastMs !== null && s.lastMs - s.lastReportMs >= QUICK_MS);
      d.transform = s.transform;
      d.transformSample = numbers(s.transformSample);
      const n = d.transformSample.length;
      d.transformTimes = s.transformTimes ? numbers(s.transformTimes) : d.transformSample.map((_, i) => (d.lastMs ?? 0) - (n - 1 - i) * d.stepMs());
      if (d.transformTimes.length !== n) throw new Error('transform sample');
      if (s.innovations) d.innovations = Innovations.restore(params, s.innovations);
      d.weekAgo = s.weekAgo ? Magnitude.restore(params, s.weekAgo) : null;
    } catch {
      throw new DetectorParamsError('state', 'malformed vigil snapshot');
    }
    return d;
  }
}

/** How the magnitude view sees values: counts on a square-root scale, skewed positive values on a log scale. */
export const TRANSFORMS = ['none', 'sqrt', 'log'] as const;
export type Transform = (typeof TRANSFORMS)[number];

/**
 * Chosen from the first values: counts -> sqrt (Poisson noise becomes even), right-skewed
 * positives whose noise grows with their level -> log (see levelDependence: a skewed stretch of a
 * daily cycle with additive noise stays on its own scale, where its noise is the same all day).
 */
export function chooseTransform(sample: readonly number[]): Transform {
  if (sample.length === 0) return 'none';
  if (sample.every((v) => Number.isInteger(v) && v >= 0)) {
    const mean = sample.reduce((a, b) => a + b, 0) / sample.length;
    return mean >= 2 ? 'sqrt' : 'none';
  }
  const skew = skewness(sample);
  if (sample.every((v) => v > 0) && skew >= 0.5 && Math.abs(skewness(sample.map(Math.log))) < skew && levelDependence(sample) >= LEVEL_DEPENDENCE) return 'log';
  return 'none';
}

/**
 * How much a series' noise grows with its level: the rank correlation between the size of each
 * point-to-point change and the sum of its two points. For additive Gaussian noise the two are
 * independent (the difference and the sum of two Gaussians are) whatever smooth cycle or trend
 * carries the series, so the correlation is near 0; for multiplicative noise (lognormal
 * latencies) it is clearly positive. Keeps a skewed stretch of a daily cycle off the log scale.
 */
export function levelDependence(sample: readonly number[]): number {
  const changes: number[] = [];
  const levels: number[] = [];
  for (let i = 1; i < sample.length; i++) {
    changes.push(Math.abs(sample[i] - sample[i - 1]));
    levels.push(sample[i] + sample[i - 1]);
  }
  return rankCorrelation(changes, levels);
}

/** Spearman's rank correlation (ties ranked in order of appearance). */
function rankCorrelation(a: readonly number[], b: readonly number[]): number {
  const n = a.length;
  if (n < 2) return 0;
  const ra = ranks(a);
  const rb = ranks(b);
  const mean = (n - 1) / 2;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    sab += (ra[i] - mean) * (rb[i] - mean);
    saa += (ra[i] - mean) ** 2;
    sbb += (rb[i] - mean) ** 2;
  }
  return saa > 0 && sbb > 0 ? sab / Math.sqrt(saa * sbb) : 0;
}

function ranks(values: readonly number[]): number[] {
  const order = values.map((_, i) => i).sort((i, j) => values[i] - values[j]);
  const r = new Array<number>(values.length);
  order.forEach((i, k) => (r[i] = k));
  return r;
}

function skewness(values: readonly number[]): number {
  const n = values.length;
  const mean = values.reduce((a, b) => a + b, 0) / n;
  let m2 = 0;
  let m3 = 0;
  for (const v of values) {
    m2 += (v - mean) ** 2;
    m3 += (v - mean) ** 3;
  }
  m2 /= n;
  m3 /= n;
  return m2 > 0 ? m3 / Math.pow(m2, 1.5) : 0;
}

export function applyTransform(t: Transform, x: number): number {
  if (t === 'sqrt') return 2 * Math.sqrt(Math.max(0, x) + 0.375);
  if (t === 'log') return Math.log(Math.max(x, 1e-300));
  return x;
}

/** Appends (t, score) to a decreasing list, dropping the entries it dominates. */
function pushMax(list: Array<[number, number]>, t: number, score: number): void {
  while (list.length && list[list.length - 1][1] <= score) list.pop();
  list.push([t, score]);
}

/** Default alert threshold (normalised 0.5, sensitivity medium), in decades beyond the history. */
export const VIGIL_THRESHOLD = 6;

export const vigilDetector: DetectorDefinition<VigilParams> = {
  name: NAME,
  description:
    "Spikes, dips, bursts, level shifts, growing noise, values that stop moving, new levels and new shapes, each scored by how far it is beyond what the series' own history explains; one alert per incident.",
  unit: 'decades',
  defaultParams: {
    window: 64,
    horizon: 10_000,
    tailFraction: 0.02,
    warmupPoints: 200,
    holdMinutes: 720,
    escalation: 2.5,
    seasonal: 1,
    levels: 16,
    drift: 1,
  },
  defaultThreshold: VIGIL_THRESHOLD,
  sensitivities: { low: 8, medium: VIGIL_THRESHOLD, high: 4 },
  warmup: (p) => p.warmupPoints,
  parseParams: (input) =>
    parseNumericParams<VigilParams>(input, vigilDetector.defaultParams, {
      window: { kind: 'int', min: MIN_BASELINE + 1, max: 4096 },
      horizon: { kind: 'int', min: 100, max: 1_000_000 },
      tailFraction: { kind: 'number', min: 0.001, max: 0.5 },
      warmupPoints: { kind: 'int', min: MIN_BASELINE + MIN_CALIBRATION, max: 1000 },
      holdMinutes: { kind: 'number', min: 0, max: 100_000 },
      escalation: { kind: 'number', min: 1, max: 100 },
      seasonal: { kind: 'int', min: 0, max: 1 },
      levels: { kind: 'int', min: 2, max: 64 },
      drift: { kind: 'int', min: 0, max: 1 },
    }),
  create: (p, threshold) => new VigilDetector(p, threshold),
  restore: (p, s, threshold) => VigilDetector.restore(p, s, threshold),
  normalize: (score) => {
    const s = clampScore(score);
    return s / (s + VIGIL_THRESHOLD);
  },
};

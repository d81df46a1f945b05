import { ContextNovelty, ContextNoveltyState } from './context-novelty';
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
import { SeasonalMemory } from './seasonal-memory';
import { TailCalibrator } from './tail-calibrator';

export interface SentinelParams {
  /** Points in the rolling median/MAD the level deviation is measured against. */
  baseline: number;
  /** Points of each feature's own history its surprise is calibrated on. */
  history: number;
  /** Top fraction of that history modelled as an exponential tail. */
  tailFraction: number;
  /** Previous days compared at the same time of day (0 disables the seasonal view). */
  seasonDays: number;
  /**
   * Points either side of the same time on previous days searched for a similar value: a level
   * deviation seen there before (a daily job running a few minutes late) is not news.
   */
  seasonSlack: number;
  /** Bands the warm-up range is cut into for the contextual view. */
  levels: number;
  /** Longest context (in points) the contextual view remembers. */
  orders: number;
  /** Points used to fix the contextual view's bands. */
  contextWarmup: number;
  /** Points over which recent surprise is averaged: evidence accumulates during an incident. */
  activityWindow: number;
  /** Weight of that average added to each point's surprise. */
  activityWeight: number;
  /** A score is reported only if it beats every raw score of the previous `refractory` points. */
  refractory: number;
}

const NAME = 'sentinel';
const VERSION = 1;
const SEASON_CAPACITY = 20_160; // two weeks of one-minute points
const MIN_BASELINE = 20;

/**
 * The product default. Three views of each point, each turned into a surprise
 * (-log10 of how rarely this series reached it before, see TailCalibrator):
 *   level    - distance from the rolling median in rolling MADs (spikes, dips, level shifts),
 *              unless a value as close was seen around the same time on a previous day;
 *   seasonal - distance from the median of the same time of day on previous days;
 *   context  - fraction of never-seen short patterns of quantised values (new shapes).
 * The surprise is the largest view less log10(number of views), so more views do not mean more
 * false alarms, plus `activityWeight` times the mean surprise of the last `activityWindow`
 * points (an incident builds evidence; an isolated blip does not). It is then suppressed to 0
 * unless it is the largest of the last `refractory` points: one alert per incident, reported as
 * early as its evidence allows.
 *
 * Unit: surprise (3 = as rare as 1 point in 1000 of the series' own history). The default alert
 * threshold 2.5 (normalised 0.5) is where the NAB threshold sweep lands (2.57 on the public subset).
 * Because later points of an incident are suppressed, a consumer must alert on single points:
 * requiring several consecutive points above the threshold would never fire.
 * Per point: O(history + baseline) time for the sorted windows, bounded memory.
 * State: `snapshot()` / `sentinelDetector.restore()` carry everything across polls; with the
 * default params a snapshot grows to about 2 MB of JSON (0.7 MB after 16k points). Re-streaming
 * instead needs the whole `history` (20000 points) to reproduce the same scores.
 */
export class SentinelDetector implements StreamingDetector {
  private count = 0;
  private readonly baseline: OrderedRollingWindow;
  private readonly levelSurprise: TailCalibrator;
  private readonly seasonSurprise: TailCalibrator;
  private readonly slackSurprise: TailCalibrator;
  private readonly contextSurprise: TailCalibrator;
  private readonly season: SeasonalMemory;
  private readonly context: ContextNovelty;
  /** Surprise of the last `activityWindow` points. */
  private readonly activity: RollingWindow;
  /** Raw (unsuppressed) scores of the last `refractory` points. */
  private readonly recentRaw: RollingWindow;

  constructor(private readonly params: SentinelParams) {
    this.baseline = new OrderedRollingWindow(params.baseline);
    this.levelSurprise = new TailCalibrator(params.history, params.tailFraction);
    this.seasonSurprise = new TailCalibrator(params.history, params.tailFraction);
    this.slackSurprise = new TailCalibrator(params.history, params.tailFraction);
    this.contextSurprise = new TailCalibrator(params.history, 0);
    this.season = new SeasonalMemory(params.seasonDays, SEASON_CAPACITY);
    this.context = new ContextNovelty(params.levels, params.orders, params.contextWarmup);
    this.activity = new RollingWindow(Math.max(1, params.activityWindow));
    this.recentRaw = new RollingWindow(Math.max(1, params.refractory));
  }

  get seen(): number {
    return this.count;
  }

  update(timestampMs: number, value: number): number {
    if (!isFiniteNumber(value)) return 0;
    const t = isFiniteNumber(timestampMs) ? timestampMs : NaN;
    const surprise = this.rawScore(t, value);
    let recent = 0;
    for (let i = 0; i < this.activity.size; i++) recent += this.activity.at(i);
    const raw = surprise + (this.activity.size ? (this.params.activityWeight * recent) / this.activity.size : 0);
    if (this.params.activityWindow > 0) this.activity.push(surprise);
    this.count++;
    let best = 0;
    for (let i = 0; i < this.recentRaw.size; i++) best = Math.max(best, this.recentRaw.at(i));
    if (this.params.refractory > 0) this.recentRaw.push(raw);
    return raw > best ? clampScore(raw) : 0;
  }

  private rawScore(t: number, x: number): number {
    const views: number[] = [];
    if (this.baseline.size >= MIN_BASELINE) {
      const med = this.baseline.ordered.median();
      const spread = Math.max(this.baseline.ordered.mad(med), sigmaFloor(med));
      const level = Math.abs(x - med) / spread;
      let levelSurprise = this.levelSurprise.surprise(level);
      this.levelSurprise.add(level);
      if (this.params.seasonDays > 0 && !Number.isNaN(t)) {
        const nearest = this.season.nearestDistance(t, x, this.params.seasonSlack);
        if (nearest !== undefined) {
          levelSurprise = Math.min(levelSurprise, this.slackSurprise.surprise(nearest / spread));
          this.slackSurprise.add(nearest / spread);
        }
      }
      views.push(levelSurprise);
      if (this.params.seasonDays > 0 && !Number.isNaN(t)) {
        const usual = this.season.baseline(t);
        if (usual !== undefined) {
          const dev = Math.abs(x - usual) / spread;
          views.push(this.seasonSurprise.surprise(dev));
          this.seasonSurprise.add(dev);
        }
      }
      const novelty = this.context.update(x);
      views.push(this.contextSurprise.surprise(novelty));
      this.contextSurprise.add(novelty);
    }
    this.baseline.push(x);
    if (this.params.seasonDays > 0 && !Number.isNaN(t)) this.season.add(t, x);
    if (views.length === 0) return 0;
    const active = views.filter((v) => v > 0).length || 1;
    return Math.max(0, Math.max(...views) - Math.log10(active));
  }

  snapshot(): DetectorSnapshot {
    return {
      detector: NAME,
      version: VERSION,
      state: {
        seen: this.count,
        baseline: this.baseline.recent.values(),
        level: this.levelSurprise.history.recent.values(),
        seasonal: this.seasonSurprise.history.recent.values(),
        slack: this.slackSurprise.history.recent.values(),
        contextual: this.contextSurprise.history.recent.values(),
        seasonTimes: this.season.times.values(),
        seasonValues: this.season.values.values(),
        context: this.context.snapshot(),
        activity: this.activity.values(),
        recentRaw: this.recentRaw.values(),
      } satisfies SentinelState,
    };
  }

  static restore(params: SentinelParams, snapshot: DetectorSnapshot): SentinelDetector {
    const s = checkSnapshot(snapshot, NAME, VERSION) as Partial<SentinelState>;
    const arrays = [s.baseline, s.level, s.seasonal, s.slack, s.contextual, s.seasonTimes, s.seasonValues, s.activity, s.recentRaw];
    if (!isFiniteNumber(s.seen) || !arrays.every((a) => Array.isArray(a) && a.every(isFiniteNumber)) || !s.context) {
      throw new DetectorParamsError('state', 'malformed sentinel snapshot');
    }
    const st = s as SentinelState;
    const d = new SentinelDetector(params);
    d.count = st.seen;
    for (const v of st.baseline.slice(-params.baseline)) d.baseline.push(v);
    for (const v of st.level) d.levelSurprise.add(v);
    for (const v of st.seasonal) d.seasonSurprise.add(v);
    for (const v of st.slack) d.slackSurprise.add(v);
    for (const v of st.contextual) d.contextSurprise.add(v);
    st.seasonTimes.forEach((t, i) => d.season.add(t, st.seasonValues[i]));
    try {
      d.context.restore(st.context);
    } catch {
      throw new DetectorParamsError('state', 'malformed sentinel snapshot');
    }
    if (params.activityWindow > 0) for (const v of st.activity.slice(-params.activityWindow)) d.activity.push(v);
    if (params.refractory > 0) for (const v of st.recentRaw.slice(-params.refractory)) d.recentRaw.push(v);
    return d;
  }
}

interface SentinelState {
  seen: number;
  baseline: number[];
  level: number[];
  seasonal: number[];
  slack: number[];
  contextual: number[];
  seasonTimes: number[];
  seasonValues: number[];
  context: ContextNoveltyState;
  activity: number[];
  recentRaw: number[];
}

/** The standard-profile threshold the NAB sweep selects (reports/nab.md), so probes alert where NAB scores best. */
export const SENTINEL_THRESHOLD = 2.5735;

export const sentinelDetector: DetectorDefinition<SentinelParams> = {
  name: NAME,
  description:
    'Level, seasonal and contextual views of each point, each scored by how rarely the series itself reached it ' +
    '(-log10 of its tail probability), with one alert per incident.',
  unit: 'surprise',
  defaultParams: {
    baseline: 3000,
    history: 20_000,
    tailFraction: 0.01,
    seasonDays: 7,
    seasonSlack: 6,
    levels: 16,
    orders: 4,
    contextWarmup: 300,
    activityWindow: 120,
    activityWeight: 0.5,
    refractory: 120,
  },
  defaultThreshold: SENTINEL_THRESHOLD,
  sensitivities: { low: 3.5, medium: SENTINEL_THRESHOLD, high: 2 },
  warmup: () => 2 * MIN_BASELINE,
  parseParams: (input) =>
    parseNumericParams<SentinelParams>(input, sentinelDetector.defaultParams, {
      baseline: { kind: 'int', min: MIN_BASELINE, max: 100_000 },
      history: { kind: 'int', min: 100, max: 100_000 },
      tailFraction: { kind: 'number', min: 0, max: 0.5 },
      seasonDays: { kind: 'int', min: 0, max: 14 },
      seasonSlack: { kind: 'int', min: 0, max: 100 },
      levels: { kind: 'int', min: 2, max: 64 },
      orders: { kind: 'int', min: 1, max: 6 },
      contextWarmup: { kind: 'int', min: 10, max: 100_000 },
      activityWindow: { kind: 'int', min: 0, max: 100_000 },
      activityWeight: { kind: 'number', min: 0, max: 10 },
      refractory: { kind: 'int', min: 0, max: 100_000 },
    }),
  create: (p) => new SentinelDetector(p),
  restore: (p, s) => SentinelDetector.restore(p, s),
  normalize: (score) => {
    const s = clampScore(score);
    return s / (s + SENTINEL_THRESHOLD);
  },
};

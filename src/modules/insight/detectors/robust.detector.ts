import {
  checkSnapshot,
  clampScore,
  DetectorDefinition,
  DetectorParamsError,
  DetectorSnapshot,
  parseNumericParams,
  ratioNormalize,
  StreamingDetector,
} from './detector';
import { isFiniteNumber, numberArray, RollingWindow, sigmaFloor, SortedWindow } from './rolling-window';

export interface RobustParams {
  /** Number of previous points the median and MAD are taken over. */
  window: number;
}

const NAME = 'robust';
const VERSION = 1;
/** Makes the MAD a consistent estimator of the standard deviation for Gaussian data. */
export const MAD_SCALE = 1.4826;
export const MEAN_AD_SCALE = Math.sqrt(Math.PI / 2);

/**
 * |x - median| / (1.4826 * MAD) over the previous `window` points, in sigma. O(window) per point.
 * State: `snapshot()` / `robustDetector.restore()`, or re-stream the last `window` points.
 */
export class RobustDetector implements StreamingDetector {
  private readonly recent: RollingWindow;
  private readonly ordered = new SortedWindow();
  private count = 0;

  constructor(private readonly params: RobustParams) {
    this.recent = new RollingWindow(params.window);
  }

  get seen(): number {
    return this.count;
  }

  update(_timestampMs: number, value: number): number {
    if (!isFiniteNumber(value)) return 0;
    let score = 0;
    if (this.recent.full) {
      const med = this.ordered.median();
      const d = Math.abs(value - med);
      score = d === 0 ? 0 : clampScore(d / Math.max(this.spread(med), sigmaFloor(med)));
    }
    const evicted = this.recent.push(value);
    if (evicted !== undefined) this.ordered.remove(evicted);
    this.ordered.insert(value);
    this.count++;
    return score;
  }

  /**
   * 1.4826 * MAD; when more than half the window sits on one value (MAD 0, common for quantised
   * metrics) falls back to the mean absolute deviation from the median times sqrt(pi/2), the
   * same Gaussian consistency, so one outlier does not score a million sigma.
   */
  private spread(med: number): number {
    const mad = this.ordered.mad(med);
    if (mad > 0) return MAD_SCALE * mad;
    const values = this.ordered.sorted;
    let sum = 0;
    for (const v of values) sum += Math.abs(v - med);
    return MEAN_AD_SCALE * (sum / values.length);
  }

  snapshot(): DetectorSnapshot {
    return { detector: NAME, version: VERSION, state: { seen: this.count, recent: this.recent.values() } };
  }

  static restore(params: RobustParams, snapshot: DetectorSnapshot): RobustDetector {
    const state = checkSnapshot(snapshot, NAME, VERSION) as { seen: unknown; recent: unknown };
    const values = numberArray(state.recent, 'state', (f) => {
      throw new DetectorParamsError(f, 'malformed snapshot');
    }).slice(-params.window);
    const d = new RobustDetector(params);
    for (const v of values) {
      d.recent.push(v);
      d.ordered.insert(v);
    }
    d.count = isFiniteNumber(state.seen) ? state.seen : values.length;
    return d;
  }
}

export const robustDetector: DetectorDefinition<RobustParams> = {
  name: NAME,
  description:
    'Rolling median and MAD (scaled by 1.4826; mean absolute deviation when the MAD is 0): a z-score that outliers in the window do not inflate.',
  unit: 'sigma',
  defaultParams: { window: 60 },
  defaultThreshold: 3.5,
  sensitivities: { low: 5, medium: 3.5, high: 2.5 },
  warmup: (p) => p.window,
  parseParams: (input) =>
    parseNumericParams<RobustParams>(input, robustDetector.defaultParams, { window: { kind: 'int', min: 3, max: 10_000 } }),
  create: (p) => new RobustDetector(p),
  restore: (p, s) => RobustDetector.restore(p, s),
  normalize: (score) => ratioNormalize(score, robustDetector.defaultThreshold),
};

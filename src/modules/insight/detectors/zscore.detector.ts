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
import { isFiniteNumber, numberArray, RollingWindow, sigmaFloor } from './rolling-window';

export interface ZScoreParams {
  /** Number of previous points the mean and standard deviation are taken over. */
  window: number;
}

const NAME = 'zscore';
const VERSION = 1;

/** |x - mean| / std over the previous `window` points (population std), in sigma. */
export class ZScoreDetector implements StreamingDetector {
  private readonly recent: RollingWindow;
  private count = 0;

  constructor(private readonly params: ZScoreParams) {
    this.recent = new RollingWindow(params.window);
  }

  get seen(): number {
    return this.count;
  }

  update(_timestampMs: number, value: number): number {
    if (!isFiniteNumber(value)) return 0;
    const score = this.recent.full ? zScore(this.recent.values(), value) : 0;
    this.recent.push(value);
    this.count++;
    return score;
  }

  snapshot(): DetectorSnapshot {
    return { detector: NAME, version: VERSION, state: { seen: this.count, recent: this.recent.values() } };
  }

  static restore(params: ZScoreParams, snapshot: DetectorSnapshot): ZScoreDetector {
    const state = checkSnapshot(snapshot, NAME, VERSION) as { seen: unknown; recent: unknown };
    const d = new ZScoreDetector(params);
    for (const v of numberArray(state.recent, 'state', invalidState).slice(-params.window)) d.recent.push(v);
    d.count = isFiniteNumber(state.seen) ? state.seen : d.recent.size;
    return d;
  }
}

function invalidState(field: string): never {
  throw new DetectorParamsError(field, 'malformed snapshot');
}

function zScore(window: readonly number[], x: number): number {
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  for (const v of window) {
    sum += v;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (min === max) return clampScore(Math.abs(x - min) / sigmaFloor(min));
  const mean = sum / window.length;
  let ss = 0;
  for (const v of window) ss += (v - mean) * (v - mean);
  const std = Math.sqrt(ss / window.length);
  return clampScore(Math.abs(x - mean) / Math.max(std, sigmaFloor(mean)));
}

export const zscoreDetector: DetectorDefinition<ZScoreParams> = {
  name: NAME,
  description: 'Rolling-window z-score: distance from the mean of the previous `window` points, in standard deviations.',
  unit: 'sigma',
  defaultParams: { window: 60 },
  defaultThreshold: 2,
  sensitivities: { low: 3, medium: 2, high: 1.5 },
  warmup: (p) => p.window,
  parseParams: (input) =>
    parseNumericParams<ZScoreParams>(input, zscoreDetector.defaultParams, { window: { kind: 'int', min: 2, max: 10_000 } }),
  create: (p) => new ZScoreDetector(p),
  restore: (p, s) => ZScoreDetector.restore(p, s),
  normalize: (score) => ratioNormalize(score, zscoreDetector.defaultThreshold),
};

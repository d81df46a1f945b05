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
import { isFiniteNumber, sigmaFloor } from './rolling-window';

export interface EwmaParams {
  /** Weight of the newest point in the exponentially weighted mean and variance, in (0, 1). */
  alpha: number;
}

const NAME = 'ewma';
const VERSION = 1;

/**
 * |x - m| / s where m and s^2 are the exponentially weighted mean and variance of the previous
 * points (m <- m + a*d, s^2 <- (1 - a)(s^2 + a*d^2) with d = x - m), in sigma. O(1) per point.
 */
export class EwmaDetector implements StreamingDetector {
  private count = 0;
  private mean = 0;
  private variance = 0;

  constructor(private readonly params: EwmaParams) {}

  get seen(): number {
    return this.count;
  }

  update(_timestampMs: number, value: number): number {
    if (!isFiniteNumber(value)) return 0;
    const { alpha } = this.params;
    let score = 0;
    if (this.count === 0) {
      this.mean = value;
    } else {
      const d = value - this.mean;
      if (this.count >= ewmaWarmup(alpha)) {
        const std = Math.sqrt(this.variance);
        score = d === 0 ? 0 : clampScore(Math.abs(d) / Math.max(std, sigmaFloor(this.mean)));
      }
      this.mean += alpha * d;
      this.variance = (1 - alpha) * (this.variance + alpha * d * d);
    }
    this.count++;
    return score;
  }

  snapshot(): DetectorSnapshot {
    return { detector: NAME, version: VERSION, state: { seen: this.count, mean: this.mean, variance: this.variance } };
  }

  static restore(params: EwmaParams, snapshot: DetectorSnapshot): EwmaDetector {
    const s = checkSnapshot(snapshot, NAME, VERSION) as Record<string, unknown>;
    if (![s.seen, s.mean, s.variance].every(isFiniteNumber)) throw new DetectorParamsError('state', 'malformed snapshot');
    const d = new EwmaDetector(params);
    d.count = s.seen as number;
    d.mean = s.mean as number;
    d.variance = s.variance as number;
    return d;
  }
}

function ewmaWarmup(alpha: number): number {
  return Math.ceil(1 / alpha);
}

export const ewmaDetector: DetectorDefinition<EwmaParams> = {
  name: NAME,
  description: 'Exponentially weighted mean and variance: distance from the smoothed level, in smoothed standard deviations.',
  unit: 'sigma',
  defaultParams: { alpha: 0.05 },
  defaultThreshold: 3,
  sensitivities: { low: 4, medium: 3, high: 2 },
  warmup: (p) => ewmaWarmup(p.alpha),
  parseParams: (input) =>
    parseNumericParams<EwmaParams>(input, ewmaDetector.defaultParams, {
      alpha: { kind: 'number', min: 0, max: 0.999, exclusiveMin: true },
    }),
  create: (p) => new EwmaDetector(p),
  restore: (p, s) => EwmaDetector.restore(p, s),
  normalize: (score) => ratioNormalize(score, ewmaDetector.defaultThreshold),
};

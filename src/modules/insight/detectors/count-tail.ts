export interface CountTailState {
  counts: number[];
  total: number;
}

/**
 * How rare a small count is (0..max) in a stream's own history, exponential forgetting over
 * `horizon` values. Inside the observed range the survival P(K >= k) is the smoothed empirical
 * share (half a count added above the largest count seen, so the unseen is never impossible);
 * beyond the largest count seen it falls geometrically at the rate the history itself shows for
 * stepping one count higher, capped at 1/2 per step: a count that grows far past anything seen
 * is very rare, one just past it is not.
 */
export class CountTail {
  private readonly counts: Float64Array;
  private total = 0;
  private readonly forget: number;

  /** `minStep`: the smallest factor a step beyond the largest count may take (the steepest fall a history may claim). */
  constructor(
    readonly max: number,
    horizon: number,
    private readonly minStep = 1e-3,
  ) {
    this.counts = new Float64Array(max + 1);
    this.forget = 1 - 1 / horizon;
  }

  get effective(): number {
    return this.total;
  }

  add(k: number): void {
    const c = this.counts;
    for (let i = 0; i < c.length; i++) c[i] *= this.forget;
    c[Math.max(0, Math.min(this.max, Math.round(k)))] += 1;
    this.total = this.total * this.forget + 1;
  }

  survival(k: number): number {
    if (k <= 0 || this.total <= 0) return 1;
    const c = this.counts;
    let top = 0;
    for (let i = c.length - 1; i > 0; i--) {
      if (c[i] > 1e-9) {
        top = i;
        break;
      }
    }
    const denom = this.total + 1;
    const tailFrom = (j: number) => {
      let s = 0;
      for (let i = j; i < c.length; i++) s += c[i];
      return s;
    };
    const kk = Math.min(this.max, Math.ceil(k));
    if (kk <= top) return Math.min(1, (tailFrom(kk) + 0.5) / denom);
    // beyond the largest count seen: one step past it is as rare as half a count, then geometric
    const atTop = top > 0 ? (tailFrom(top) + 0.5) / denom : 1;
    const below = top > 1 ? (tailFrom(top - 1) + 0.5) / denom : 1;
    const step = Math.min(0.5, Math.max(this.minStep, atTop / below));
    const first = Math.min(atTop * step, 0.5 / denom);
    return Math.max(1e-12, first * Math.pow(step, kk - top - 1));
  }

  snapshot(): CountTailState {
    return { counts: Array.from(this.counts), total: this.total };
  }

  static restore(max: number, horizon: number, s: CountTailState, minStep?: number): CountTail {
    const finite = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);
    if (!s || !Array.isArray(s.counts) || s.counts.length !== max + 1 || !s.counts.every(finite) || !finite(s.total)) throw new Error('malformed count tail');
    const t = new CountTail(max, horizon, minStep);
    t.counts.set(s.counts);
    t.total = s.total;
    return t;
  }
}

import { lowerBound } from './rolling-window';
import { OrderedRollingWindow } from './rolling-window';

/**
 * Turns a non-negative feature into a surprise, -log10 of how rarely the series' own recent
 * history reached that value. Scale-free, so one threshold fits every series.
 * Inside the body the probability is the empirical rank (+1 smoothing); above the top
 * `tailFraction` of the history it follows an exponential tail fitted to those top values
 * (peaks over threshold), so a value far beyond anything seen scores high even on a short history.
 */
export class TailCalibrator {
  readonly history: OrderedRollingWindow;

  constructor(
    capacity: number,
    private readonly tailFraction: number,
  ) {
    this.history = new OrderedRollingWindow(capacity);
  }

  static readonly MIN_HISTORY = 20;
  static readonly MIN_TAIL = 10;

  surprise(v: number): number {
    const a = this.history.ordered.sorted;
    const n = a.length;
    if (n < TailCalibrator.MIN_HISTORY) return 0;
    const k = Math.max(TailCalibrator.MIN_TAIL, Math.floor(this.tailFraction * n));
    const u = a[n - k];
    if (this.tailFraction > 0 && v > u) {
      let excess = 0;
      for (let i = n - k; i < n; i++) excess += a[i] - u;
      const beta = excess / k;
      // A tail with no spread (all top values equal): anything beyond it is as rare as we can say.
      const tail = beta > 0 ? Math.exp(-(v - u) / beta) : 1e-6;
      return -Math.log10(Math.max((k / (n + 1)) * tail, 1e-12));
    }
    const atLeast = n - lowerBound(a, v);
    return Math.max(0, -Math.log10((atLeast + 1) / (n + 1)));
  }

  add(v: number): void {
    this.history.push(v);
  }
}

/**
 * Novelty of the recent shape of the series: each value is quantised into `levels` bands of the
 * range seen during warm-up (values beyond it get bands of their own), and the last 1..`orders`
 * bands form contexts. The score is the fraction of those contexts never seen before, so a
 * familiar pattern scores 0 however large its values, and a new shape scores up to 1.
 */
export interface ContextNoveltyState {
  warm: number[];
  lo: number;
  step: number;
  recent: number[];
  counts: Array<[number, number]>;
}

const MAX_BAND = 100;
const BANDS = 2 * MAX_BAND + 1;
/** Bounded memory: past this many distinct contexts the memory is forgotten and re-learnt. */
export const MAX_CONTEXTS = 200_000;

export class ContextNovelty {
  private warm: number[] = [];
  private lo = 0;
  private step = 0;
  private recent: number[] = [];
  private counts = new Map<number, number>();

  constructor(
    private readonly levels: number,
    private readonly orders: number,
    private readonly warmup: number,
  ) {}

  update(x: number): number {
    if (this.step === 0) {
      this.warm.push(x);
      if (this.warm.length >= this.warmup) this.freezeRange();
      return 0;
    }
    return this.observe(x);
  }

  private observe(x: number): number {
    const band = Math.max(-MAX_BAND, Math.min(MAX_BAND, Math.floor((x - this.lo) / this.step)));
    this.recent.push(band);
    if (this.recent.length > this.orders) this.recent.shift();
    if (this.counts.size > MAX_CONTEXTS) this.counts.clear();
    let novel = 0;
    let key = 0;
    for (let m = 1; m <= this.recent.length; m++) {
      key = key * BANDS + (this.recent[this.recent.length - m] + MAX_BAND);
      const k = key * 8 + m;
      const c = this.counts.get(k) ?? 0;
      if (c === 0) novel++;
      this.counts.set(k, c + 1);
    }
    return novel / this.recent.length;
  }

  private freezeRange(): void {
    const w = [...this.warm].sort((a, b) => a - b);
    const lo = w[Math.round(0.01 * (w.length - 1))];
    const hi = w[Math.round(0.99 * (w.length - 1))];
    this.lo = lo;
    this.step = Math.max(hi - lo, 1e-9 * Math.max(1, Math.abs(lo))) / this.levels;
    // The warm-up's own patterns are familiar, not news.
    for (const x of this.warm) this.observe(x);
    this.warm = [];
  }

  snapshot(): ContextNoveltyState {
    return { warm: [...this.warm], lo: this.lo, step: this.step, recent: [...this.recent], counts: [...this.counts] };
  }

  restore(s: ContextNoveltyState): void {
    this.warm = [...s.warm];
    this.lo = s.lo;
    this.step = s.step;
    this.recent = [...s.recent];
    this.counts = new Map(s.counts);
  }
}

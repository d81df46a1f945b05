export interface BandMarkovState {
  lo: number;
  width: number;
  prev: number | null;
  /** [from band, to band, weight] */
  pairs: Array<[number, number, number]>;
  /** [band, weight] */
  singles: Array<[number, number]>;
  /** [band, total weight of transitions out of it] */
  from: Array<[number, number]>;
  total: number;
  next: number;
}

/** Bands beyond the learned range on either side before values are lumped together. */
export const OUTER_BANDS = 60;
/** Pair transitions kept at most; the lightest go first. */
const MAX_PAIRS = 1500;

/**
 * A first-order Markov model of which coarse value band follows which, with exponential
 * forgetting (`horizon` points). The value axis is cut into `levels` bands over the robust range
 * of the first values (1st to 99th percentile) and continues with bands of the same width beyond
 * it. `probability(x)` is how likely the model found x after the previous value: a mix of the
 * learned transitions (smoothed towards how often the band occurs at all) and a small
 * random-walk prior that favours nearby bands, so drifting into a new band one step at a time is
 * mildly surprising and jumping far into one is very surprising.
 */
export class BandMarkov {
  private pairs = new Map<number, number>();
  private from = new Map<number, number>();
  private singles = new Map<number, number>();
  private total = 0;
  private next = 1;
  private prev: number | null = null;
  private readonly growth: number;

  constructor(
    readonly lo: number,
    readonly width: number,
    private readonly levels: number,
    horizon: number,
  ) {
    this.growth = 1 / (1 - 1 / horizon);
  }

  static fromSample(sample: readonly number[], levels: number, horizon: number, floor: number): BandMarkov {
    const w = [...sample].sort((a, b) => a - b);
    const lo = w[Math.floor(0.01 * (w.length - 1))];
    const hi = w[Math.ceil(0.99 * (w.length - 1))];
    const m = new BandMarkov(lo, Math.max(hi - lo, floor) / levels, levels, horizon);
    for (const v of sample) m.learn(v);
    return m;
  }

  band(x: number): number {
    const b = Math.floor((x - this.lo) / this.width);
    return Math.max(-OUTER_BANDS, Math.min(this.levels + OUTER_BANDS, b));
  }

  /** P(band of x | previous band); 1 before any transition. */
  probability(x: number): number {
    if (this.prev === null) return 1;
    const b = this.band(x);
    const bands = this.levels + 2 * OUTER_BANDS + 1;
    const single = ((this.singles.get(b) ?? 0) + 0.5 * this.next) / (this.total + 0.5 * this.next * bands);
    const prior = 2 * this.next;
    const learned = ((this.pairs.get(pairKey(this.prev, b)) ?? 0) + prior * single) / ((this.from.get(this.prev) ?? 0) + prior);
    const walk = (1 / 3) * Math.pow(0.5, Math.abs(b - this.prev));
    return 0.95 * learned + 0.05 * walk;
  }

  learn(x: number): void {
    const b = this.band(x);
    const w = this.next;
    this.singles.set(b, (this.singles.get(b) ?? 0) + w);
    this.total += w;
    if (this.prev !== null) {
      const k = pairKey(this.prev, b);
      this.pairs.set(k, (this.pairs.get(k) ?? 0) + w);
      this.from.set(this.prev, (this.from.get(this.prev) ?? 0) + w);
      if (this.pairs.size > MAX_PAIRS) this.dropLightest();
    }
    this.prev = b;
    this.next *= this.growth;
    if (this.next > 1e100) this.rescale();
  }

  private dropLightest(): void {
    const sorted = [...this.pairs.entries()].sort((a, b) => a[1] - b[1]);
    for (const [k, w] of sorted.slice(0, this.pairs.size - MAX_PAIRS * 0.9)) {
      this.pairs.delete(k);
      const f = Math.floor(k / 1024) - 512;
      this.from.set(f, Math.max(0, (this.from.get(f) ?? 0) - w));
    }
  }

  private rescale(): void {
    const k = 1 / this.next;
    for (const m of [this.pairs, this.from, this.singles]) for (const [key, v] of m) m.set(key, v * k);
    this.total *= k;
    this.next = 1;
  }

  snapshot(): BandMarkovState {
    return {
      lo: this.lo,
      width: this.width,
      prev: this.prev,
      pairs: [...this.pairs].map(([k, w]) => [Math.floor(k / 1024) - 512, (k % 1024) - 512, w]),
      singles: [...this.singles],
      from: [...this.from],
      total: this.total,
      next: this.next,
    };
  }

  static restore(s: BandMarkovState, levels: number, horizon: number): BandMarkov {
    const finite = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);
    const band = (x: unknown): x is number => Number.isInteger(x) && Math.abs(x as number) <= levels + OUTER_BANDS;
    if (!s || !finite(s.lo) || !finite(s.width) || !(s.width > 0) || !finite(s.total) || !finite(s.next) || !(s.next > 0)) throw new Error('malformed band model');
    if ((s.prev !== null && !band(s.prev)) || !Array.isArray(s.pairs) || !Array.isArray(s.singles) || !Array.isArray(s.from)) throw new Error('malformed band model');
    const m = new BandMarkov(s.lo, s.width, levels, horizon);
    for (const p of s.pairs) {
      if (!Array.isArray(p) || !band(p[0]) || !band(p[1]) || !finite(p[2]) || p[2] < 0) throw new Error('malformed band model');
      m.pairs.set(pairKey(p[0], p[1]), p[2]);
    }
    for (const [target, entries] of [[m.singles, s.singles], [m.from, s.from]] as const) {
      for (const e of entries) {
        if (!Array.isArray(e) || !band(e[0]) || !finite(e[1]) || e[1] < 0) throw new Error('malformed band model');
        target.set(e[0], e[1]);
      }
    }
    m.total = s.total;
    m.next = s.next;
    m.prev = s.prev;
    return m;
  }
}

function pairKey(from: number, to: number): number {
  return (from + 512) * 1024 + (to + 512);
}

/**
 * How rare a non-negative feature value is in the series' own recent history, in bounded memory.
 *
 * Values are counted in logarithmic bins (ratio RATIO from FIRST_EDGE up; values below it share
 * bin 0) with exponential forgetting: each new value weighs 1/(1 - 1/horizon) times the previous
 * one, so the histogram describes roughly the last `horizon` values. The survival P(X >= v) is the
 * empirical mass above v inside the body; above the top `tailFraction` (at least MIN_TAIL values)
 * it follows an exponential tail fitted to those values (peaks over threshold), which lets a value
 * far beyond everything seen be told apart from one just beyond it, on any history length. The
 * tail never makes a value rarer than the history shows it to be, less one occurrence (see
 * `survival`).
 */
export const FIRST_EDGE = 1e-3;
export const RATIO = 1.1;
/** Enough bins to reach 1e9 in units of FIRST_EDGE. */
export const BINS = 1 + Math.ceil(Math.log(1e12) / Math.log(RATIO));
const LOG_RATIO = Math.log(RATIO);
const MIN_TAIL = 8;
/** Survival below this is not distinguished (1e-12 = 12 decimal orders). */
export const MIN_SURVIVAL = 1e-12;

export function binOf(v: number): number {
  if (!(v >= FIRST_EDGE)) return 0;
  const b = 1 + Math.floor(Math.log(v / FIRST_EDGE) / LOG_RATIO);
  return b >= BINS ? BINS - 1 : b;
}

/** Each bin's edges and representative value, computed once: the tail is refitted on every point. */
const LOWER = Float64Array.from({ length: BINS }, (_, b) => (b === 0 ? 0 : FIRST_EDGE * Math.exp((b - 1) * LOG_RATIO)));
const UPPER = Float64Array.from({ length: BINS }, (_, b) => FIRST_EDGE * Math.exp(b * LOG_RATIO));
/** Representative value of a bin: its geometric middle (bin 0: half its edge). */
const MIDDLE = Float64Array.from({ length: BINS }, (_, b) => (b === 0 ? FIRST_EDGE / 2 : FIRST_EDGE * Math.exp((b - 0.5) * LOG_RATIO)));

export interface TailHistogramState {
  /** [bin, weight] for every non-empty bin. */
  bins: Array<[number, number]>;
  total: number;
  /** Weight of the next value. */
  next: number;
  seen: number;
}

export class TailHistogram {
  private readonly counts = new Float64Array(BINS);
  /** Sum of all weights, in units where the next value weighs `next`. */
  private total = 0;
  private next = 1;
  private readonly growth: number;
  private seenCount = 0;
  private top = -1;
  private fitAt = -1;
  private tailCut = 0;
  private tailMass = 0;
  private scale = 0;

  constructor(
    readonly horizon: number,
    readonly tailFraction: number,
  ) {
    this.growth = 1 / (1 - 1 / horizon);
  }

  /** Values added so far. */
  get seen(): number {
    return this.seenCount;
  }

  /** Effective number of values the histogram describes (at most about `horizon`). */
  get effective(): number {
    return this.total / this.next;
  }

  add(v: number): void {
    const b = binOf(v);
    this.counts[b] += this.next;
    this.total += this.next;
    if (b > this.top) this.top = b;
    this.next *= this.growth;
    this.seenCount++;
    if (this.next > 1e150) this.rescale();
  }

  private rescale(): void {
    const k = 1 / this.next;
    let top = -1;
    for (let b = 0; b < BINS; b++) {
      const c = this.counts[b] * k;
      // weights this small are values forgotten hundreds of horizons ago
      this.counts[b] = c < 1e-30 ? 0 : c;
      if (this.counts[b] > 0) top = b;
    }
    this.total *= k;
    this.next = 1;
    this.top = top;
  }

  /**
   * P(X >= v) under the history, MIN_SURVIVAL at the least; 1 with no history.
   *
   * Beyond the top values the exponential tail decides, but never below the share of the history
   * at or above v less one value's weight: a value the history has reached twice or more is a
   * recurrence, not a record, while one reached once, perhaps by an incident, keeps the tail's
   * judgement. A nightly job's one-point spike on an idle machine's CPU scored 9 decades night
   * after night: the tail, fitted to the top 2% of values (the idle readings' one-tick steps),
   * fell off far faster than the spikes recurred.
   */
  survival(v: number): number {
    if (this.total <= 0) return 1;
    if (this.fitAt !== this.seenCount) this.fit();
    if (v > this.tailCut && this.tailMass > 0) {
      const share = this.tailMass / this.total;
      const excess = v - this.tailCut;
      const tail = this.scale > 0 ? Math.exp(-excess / this.scale) : 0;
      return Math.max(MIN_SURVIVAL, share * tail, this.recurrence(v));
    }
    return Math.min(1, Math.max(MIN_SURVIVAL, this.reached(v) / this.total));
  }

  /**
   * As `survival`, for a deviation: where the history has no tail to fit (all but under
   * `tailFraction` of it in its lowest bin: a deviation that is almost always 0), a value reached
   * by less than one value of it is a record like any other, as common as one value of the
   * history, not one beyond MIN_SURVIVAL: such a history says nothing of how far its values reach.
   * On a sparse count whose spread about a median of 0 had been 0 for 5,000 points, the first zero
   * below a median of 0.5 scored 8.4 decades.
   */
  deviationSurvival(v: number): number {
    const s = this.survival(v);
    // beyond all but part of one value (the top bin's values are taken as spread across it)
    if (this.tailMass > 0 || this.reached(v) >= this.next) return s;
    return Math.min(1, Math.max(s, this.next / this.total));
  }

  /** The share of the history below FIRST_EDGE: no deviation to speak of. */
  zeroShare(): number {
    return this.total > 0 ? this.counts[0] / this.total : 0;
  }

  /**
   * The share of the history at or above v less one value's weight (0 or less: v was reached
   * once at most): how often v recurs, whatever a fitted tail says.
   */
  recurrence(v: number): number {
    if (this.total <= 0) return 0;
    // the newest value weighs `next` / growth, the older ones less: `next` is one value's weight at the most
    return (this.reached(v) - this.next) / this.total;
  }

  /** The weight of the values at or above v (of v's bin, the share above v, the bin's values taken as spread evenly on a log scale). */
  private reached(v: number): number {
    const b = binOf(v);
    let above = 0;
    for (let i = this.top; i > b; i--) above += this.counts[i];
    const lo = LOWER[b];
    const hi = UPPER[b];
    const inside = b === 0 ? (hi - v) / hi : Math.log(hi / Math.max(v, lo)) / Math.log(hi / lo);
    return above + this.counts[b] * Math.max(0, Math.min(1, inside));
  }

  /** -log10 of the survival. */
  surprise(v: number): number {
    return -Math.log10(this.survival(v));
  }

  private fit(): void {
    this.fitAt = this.seenCount;
    const want = Math.max(this.tailFraction * this.total, MIN_TAIL * this.next);
    let mass = 0;
    let cut = 0;
    for (let b = this.top; b >= 0; b--) {
      mass += this.counts[b];
      cut = b;
      if (mass >= want) break;
    }
    // the walk down reached every value (summed in another order than `total`, so within rounding of it)
    if (mass <= 0 || mass >= this.total * (1 - 1e-9)) {
      this.tailMass = 0;
      this.tailCut = Infinity;
      return;
    }
    const u = LOWER[cut];
    let excess = 0;
    for (let b = cut; b <= this.top; b++) if (this.counts[b] > 0) excess += this.counts[b] * (MIDDLE[b] - u);
    this.tailCut = u;
    this.tailMass = mass;
    this.scale = excess / mass;
  }

  /** Exact state (weights as they are), so a restored histogram continues bit for bit. */
  snapshot(): TailHistogramState {
    const bins: Array<[number, number]> = [];
    for (let b = 0; b <= this.top; b++) if (this.counts[b] > 0) bins.push([b, this.counts[b]]);
    return { bins, total: this.total, next: this.next, seen: this.seenCount };
  }

  static restore(horizon: number, tailFraction: number, s: TailHistogramState): TailHistogram {
    const h = new TailHistogram(horizon, tailFraction);
    const finite = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);
    if (!s || !Array.isArray(s.bins) || !finite(s.total) || !finite(s.next) || !(s.next > 0) || !finite(s.seen)) throw new Error('malformed histogram');
    for (const entry of s.bins) {
      const [b, w]: unknown[] = Array.isArray(entry) ? entry : [];
      if (!finite(b) || !Number.isInteger(b) || b < 0 || b >= BINS || !finite(w) || w < 0) throw new Error('malformed histogram bin');
      h.counts[b] = w;
      if (w > 0 && b > h.top) h.top = b;
    }
    h.total = s.total;
    h.next = s.next;
    h.seenCount = s.seen;
    return h;
  }
}

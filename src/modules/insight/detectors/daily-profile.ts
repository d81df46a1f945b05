export const DAY_MS = 86_400_000;

export interface DailyProfileState {
  bins: number;
  pointsPerBin: number;
  means: number[];
  visits: number[];
  firstMs: number | null;
  /** Each of the last RECENT_DAYS whole days' slice averages (null: no sample), oldest first. */
  days: Array<Array<number | null>>;
  /** Each remembered day's index since the epoch (absent in older snapshots: taken as the days before today's). */
  dayNumbers?: number[];
  /** Each remembered day's unusual slices (absent in older snapshots: none). */
  unusual?: number[][];
  /** The day being filled: its index since the epoch, slice sums and counts, and its unusual slices. */
  today: { day: number; sums: number[]; counts: number[]; unusual?: number[] } | null;
}

interface Day {
  /** Days since the epoch. */
  day: number;
  /** Slice averages (null: no sample). */
  slices: Array<number | null>;
  /** Slices marked unusual (an incident's): not a reference for the same time a week later. */
  unusual: Set<number>;
}

/** Previous days remembered slice by slice (a week, so weekdays and weekends each have a match). */
export const RECENT_DAYS = 7;
/** Slices on either side of a time over which two days must be alike for one to stand in for the other. */
const POOL_SLICES = 8;
/** Standard errors of slack in that test (see DailyProfile.weekAgo). */
const POOL_SLACK = 2;

/** The week-ago reference, and the number of days it averages (the week-ago day and those alike). */
export interface WeekAgoReference {
  value: number;
  days: number;
}

/**
 * The usual value at each time of day (UTC), in `bins` equal slices of the day, each an average
 * of its own samples that slowly forgets (about `memoryDays` days), plus the same slices of each of
 * the last 7 days (with the slices marked unusual on each). Ready once every slice has been seen
 * and a whole day has passed since the first sample.
 */
export class DailyProfile {
  private readonly means: Float64Array;
  private readonly visits: Float64Array;
  private firstMs: number | null = null;
  private filled = 0;
  private days: Day[] = [];
  private today: { day: number; sums: number[]; counts: number[]; unusual: Set<number> } | null = null;
  /** The last week-ago day and slice asked about, with each later day's difference from it there (see differences). */
  private pool: { target: Day; slice: number; days: Array<{ day: Day; difference: number; slices: number }> } | null = null;

  constructor(
    readonly bins: number,
    readonly pointsPerBin: number,
    readonly memoryDays: number,
  ) {
    this.means = new Float64Array(bins);
    this.visits = new Float64Array(bins);
  }

  binOf(t: number): number {
    const r = ((t % DAY_MS) + DAY_MS) % DAY_MS;
    return Math.min(this.bins - 1, Math.floor((r / DAY_MS) * this.bins));
  }

  ready(t: number): boolean {
    return this.filled === this.bins && this.firstMs !== null && t - this.firstMs >= DAY_MS;
  }

  /** The usual value at time t (call only when ready). */
  expected(t: number): number {
    return this.means[this.binOf(t)];
  }

  /**
   * Of the usual value and the same slice on each of the last 7 days, the one closest to x: a
   * weekday morning is compared with last Friday's, a Saturday with last Saturday's.
   */
  nearest(t: number, x: number): number {
    const b = this.binOf(t);
    let best = this.means[b];
    for (const d of this.days) {
      const v = d.slices[b];
      if (v !== null && Math.abs(x - v) < Math.abs(x - best)) best = v;
    }
    return best;
  }

  /**
   * The value a week before time t: that day's slice at t's time of day, carried along its limited
   * slope to t (see `reconstruct`), the slice's average standing at the mean time of its samples
   * (half a slice less half a sampling interval past its start, so a steady ramp is not read a
   * step late). Null when that day is not remembered, or its slice there is empty or unusual.
   *
   * Given the noise of a slice average (`sliceNoise` > 0), the same time on each remembered day
   * since then that is alike there is averaged in: a week-ago slice of 3 five-minute
   * points is a noisy reference, and its error is shared by every point measured against it, so
   * a 3-sigma level shift hid in it; the nights of a business-hours series, or the weekdays of a
   * weekly cycle, are all alike, while a weekend keeps a weekend for reference. Two days are alike
   * around a time when, over the POOL_SLICES slices on either side, their mean squared difference
   * is within what the noise of two slice averages explains (2 sigma^2) plus POOL_SLACK of its
   * standard errors: a mean over hours is a sensitive test, which admits systematic differences
   * of about one slice's noise (a third of a point's at 5-minute points) and no weekend.
   */
  weekAgo(t: number, stepMs: number, sliceNoise = 0): WeekAgoReference | null {
    const today = Math.floor(t / DAY_MS);
    const target = today - RECENT_DAYS;
    const d = this.days.find((x) => x.day === target);
    if (!d) return null;
    const width = DAY_MS / this.bins;
    const b = this.binOf(t);
    // from the slice's mean time to t, in slices
    const offset = ((((t % DAY_MS) + DAY_MS) % DAY_MS) - b * width - Math.max(0, width - stepMs) / 2) / width;
    const ref = this.reconstruct(d, b, offset);
    if (ref === null) return null;
    let sum = ref;
    let days = 1;
    if (sliceNoise > 0) {
      const bound = 2 * sliceNoise * sliceNoise;
      for (const { day, difference, slices } of this.differences(d, today, b)) {
        const v = this.reconstruct(day, b, offset);
        if (v !== null && slices >= POOL_SLICES && difference <= bound * (1 + POOL_SLACK * Math.sqrt(2 / slices))) {
          sum += v;
          days++;
        }
      }
    }
    return { value: sum / days, days };
  }

  /**
   * For each remembered day after d and before today, the mean squared difference from d over
   * the POOL_SLICES slices on either side of slice b (both seen, neither unusual), and how many
   * there were. Remembered days do not change, so the list is kept until d or b changes (a point
   * of a one-minute series asks the same as the 14 before it).
   */
  private differences(d: Day, today: number, b: number): Array<{ day: Day; difference: number; slices: number }> {
    const c = this.pool;
    if (c && c.target === d && c.slice === b) return c.days;
    const days = [];
    for (const o of this.days) {
      if (o.day <= d.day || o.day >= today) continue;
      let sq = 0;
      let n = 0;
      for (let i = Math.max(0, b - POOL_SLICES); i <= Math.min(this.bins - 1, b + 1 + POOL_SLICES); i++) {
        const x = o.slices[i];
        const y = d.slices[i];
        if (x === null || y === null || o.unusual.has(i) || d.unusual.has(i)) continue;
        sq += (x - y) ** 2;
        n++;
      }
      days.push({ day: o, difference: n > 0 ? sq / n : Infinity, slices: n });
    }
    this.pool = { target: d, slice: b, days };
    return days;
  }

  /**
   * A day's value `offset` slices from slice b's mean time (null: that slice empty or unusual):
   * the slice's average plus offset times a limited slope, the change to the slice on either side
   * whichever is smaller when both go the same way, else none (van Leer's minmod limiter; the one
   * there is at the day's ends or next to an empty or unusual slice). A ramp comes back exactly,
   * and a step between two slices is not smeared into the one before it: read between the slices
   * either side, a square wave's last point before its rise at 09:00 was measured against a third
   * of the rise, 8 decades on a healthy series.
   */
  private reconstruct(d: Day, b: number, offset: number): number | null {
    const v = d.slices[b];
    if (v === null || d.unusual.has(b)) return null;
    const at = (i: number) => (i >= 0 && i < this.bins && !d.unusual.has(i) ? d.slices[i] : null);
    const before = at(b - 1);
    const after = at(b + 1);
    const down = before === null ? null : v - before;
    const up = after === null ? null : after - v;
    let slope = 0;
    if (down !== null && up !== null) slope = down * up > 0 ? (Math.abs(down) < Math.abs(up) ? down : up) : 0;
    else slope = down ?? up ?? 0;
    return v + slope * offset;
  }

  /** Marks time t's slice of today unusual, so it is no reference a week later. */
  markUnusual(t: number): void {
    if (this.today && this.today.day === Math.floor(t / DAY_MS)) this.today.unusual.add(this.binOf(t));
  }

  /** Standard deviation of the usual values across the day. */
  spread(): number {
    let sum = 0;
    let sq = 0;
    for (let b = 0; b < this.bins; b++) {
      sum += this.means[b];
      sq += this.means[b] * this.means[b];
    }
    const mean = sum / this.bins;
    return Math.sqrt(Math.max(0, sq / this.bins - mean * mean));
  }

  /**
   * Standard deviation of the usual values across the day about the straight line that fits them
   * best, the slices taken from the one after time t's (updated longest ago) to t's own (updated
   * last): a series that only drifts has usual values rising (or falling) in that order by the
   * day's drift, a ramp this removes, while a daily cycle keeps most of its spread (a sine over
   * one period at least 63 %).
   */
  spreadAboutLine(t: number): number {
    const n = this.bins;
    const first = (this.binOf(t) + 1) % n;
    const mx = (n - 1) / 2;
    let my = 0;
    for (let b = 0; b < n; b++) my += this.means[b];
    my /= n;
    let sxy = 0;
    let sxx = 0;
    for (let i = 0; i < n; i++) {
      sxy += (i - mx) * (this.means[(first + i) % n] - my);
      sxx += (i - mx) * (i - mx);
    }
    const c = sxx > 0 ? sxy / sxx : 0;
    let sq = 0;
    for (let i = 0; i < n; i++) {
      const r = this.means[(first + i) % n] - my - c * (i - mx);
      sq += r * r;
    }
    return Math.sqrt(sq / n);
  }

  /** Samples each usual value is effectively an average of (at most memoryDays days' worth). */
  samplesPerBin(): number {
    let v = 0;
    for (let b = 0; b < this.bins; b++) v += this.visits[b];
    return Math.min(v / this.bins, this.memoryDays * this.pointsPerBin);
  }

  add(t: number, x: number): void {
    if (this.firstMs === null) this.firstMs = t;
    const b = this.binOf(t);
    const day = Math.floor(t / DAY_MS);
    if (!this.today || this.today.day !== day) {
      if (this.today) {
        const { sums, counts, unusual } = this.today;
        this.days.push({ day: this.today.day, slices: sums.map((v, i) => (counts[i] > 0 ? v / counts[i] : null)), unusual });
        if (this.days.length > RECENT_DAYS) this.days.shift();
        // the pooled differences were taken without yesterday (a new day's first point asks before it arrives here)
        this.pool = null;
      }
      this.today = { day, sums: new Array<number>(this.bins).fill(0), counts: new Array<number>(this.bins).fill(0), unusual: new Set() };
    }
    this.today.sums[b] += x;
    this.today.counts[b]++;
    if (this.visits[b] === 0) this.filled++;
    this.visits[b]++;
    const rate = Math.max(1 / this.visits[b], 1 / (this.memoryDays * this.pointsPerBin));
    this.means[b] += rate * (x - this.means[b]);
  }

  snapshot(): DailyProfileState {
    return {
      bins: this.bins,
      pointsPerBin: this.pointsPerBin,
      means: Array.from(this.means),
      visits: Array.from(this.visits),
      firstMs: this.firstMs,
      days: this.days.map((d) => [...d.slices]),
      dayNumbers: this.days.map((d) => d.day),
      unusual: this.days.map((d) => [...d.unusual]),
      today: this.today ? { day: this.today.day, sums: [...this.today.sums], counts: [...this.today.counts], unusual: [...this.today.unusual] } : null,
    };
  }

  static restore(s: DailyProfileState, memoryDays: number): DailyProfile {
    const finite = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);
    if (!s || !Number.isInteger(s.bins) || s.bins < 1 || !Array.isArray(s.means) || !Array.isArray(s.visits)) throw new Error('malformed profile');
    if (s.means.length !== s.bins || s.visits.length !== s.bins || !s.means.every(finite) || !s.visits.every(finite)) throw new Error('malformed profile');
    if ((s.firstMs !== null && !finite(s.firstMs)) || !finite(s.pointsPerBin) || s.pointsPerBin <= 0) throw new Error('malformed profile');
    const p = new DailyProfile(s.bins, s.pointsPerBin, memoryDays);
    p.means.set(s.means);
    p.visits.set(s.visits);
    p.firstMs = s.firstMs;
    p.filled = s.visits.filter((v) => v > 0).length;
    const slices = (a: unknown): a is number[] => Array.isArray(a) && a.length === s.bins && a.every(finite);
    const binList = (a: unknown): Set<number> => {
      if (!Array.isArray(a) || !a.every((b) => Number.isInteger(b) && b >= 0 && b < s.bins)) throw new Error('malformed profile');
      return new Set(a as number[]);
    };
    if (!Array.isArray(s.days) || s.days.length > RECENT_DAYS) throw new Error('malformed profile');
    if (s.today !== null) {
      if (!s.today || !finite(s.today.day) || !slices(s.today.sums) || !slices(s.today.counts)) throw new Error('malformed profile');
      p.today = { day: s.today.day, sums: [...s.today.sums], counts: [...s.today.counts], unusual: binList(s.today.unusual ?? []) };
    }
    // older snapshots: the remembered days were the ones before today's, none unusual
    const lastDay = p.today ? p.today.day - 1 : 0;
    const dayNumbers = s.dayNumbers ?? s.days.map((_, i) => lastDay - (s.days.length - 1 - i));
    const unusual = s.unusual ?? s.days.map(() => []);
    if (!Array.isArray(dayNumbers) || dayNumbers.length !== s.days.length || !dayNumbers.every(Number.isInteger)) throw new Error('malformed profile');
    if (!Array.isArray(unusual) || unusual.length !== s.days.length) throw new Error('malformed profile');
    s.days.forEach((d, i) => {
      if (!Array.isArray(d) || d.length !== s.bins || !d.every((v) => v === null || finite(v))) throw new Error('malformed profile');
      p.days.push({ day: dayNumbers[i], slices: [...d], unusual: binList(unusual[i]) });
    });
    return p;
  }
}

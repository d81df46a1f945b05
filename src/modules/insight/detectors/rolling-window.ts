/** Fixed-capacity FIFO of the most recent values, oldest first. */
export class RollingWindow {
  private readonly buf: number[] = [];
  private start = 0;

  constructor(readonly capacity: number) {}

  get size(): number {
    return this.buf.length;
  }

  get full(): boolean {
    return this.buf.length === this.capacity;
  }

  /** Appends a value; returns the evicted one when full, else undefined. */
  push(value: number): number | undefined {
    if (this.buf.length < this.capacity) {
      this.buf.push(value);
      return undefined;
    }
    const evicted = this.buf[this.start];
    this.buf[this.start] = value;
    this.start = (this.start + 1) % this.capacity;
    return evicted;
  }

  /** The i-th value, oldest first (0 <= i < size). */
  at(i: number): number {
    return this.buf[(this.start + i) % this.buf.length];
  }

  /** Empties the window. */
  clear(): void {
    this.buf.length = 0;
    this.start = 0;
  }

  /** Values, oldest first. */
  values(): number[] {
    return this.start === 0 ? this.buf.slice() : [...this.buf.slice(this.start), ...this.buf.slice(0, this.start)];
  }

  static from(capacity: number, values: readonly number[]): RollingWindow {
    const w = new RollingWindow(capacity);
    for (const v of values.slice(-capacity)) w.push(v);
    return w;
  }
}

/** A multiset kept sorted, for O(window) rolling order statistics. */
export class SortedWindow {
  readonly sorted: number[] = [];

  insert(value: number): void {
    this.sorted.splice(lowerBound(this.sorted, value), 0, value);
  }

  remove(value: number): void {
    const i = lowerBound(this.sorted, value);
    if (i < this.sorted.length && this.sorted[i] === value) this.sorted.splice(i, 1);
  }

  median(): number {
    return medianOfSorted(this.sorted);
  }

  /** Median absolute deviation from `center`, in O(n) by merging both sides of the sorted values. */
  mad(center: number): number {
    const a = this.sorted;
    const n = a.length;
    if (n === 0) return 0;
    let right = lowerBound(a, center);
    let left = right - 1;
    const need = (n >> 1) + 1; // deviations needed to reach the upper median
    let prev = 0;
    let cur = 0;
    for (let k = 0; k < need; k++) {
      const dl = left >= 0 ? center - a[left] : Infinity;
      const dr = right < n ? a[right] - center : Infinity;
      prev = cur;
      if (dl <= dr) {
        cur = dl;
        left--;
      } else {
        cur = dr;
        right++;
      }
    }
    return n % 2 === 1 ? cur : (prev + cur) / 2;
  }
}

export function lowerBound(a: readonly number[], value: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (a[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function medianOfSorted(a: readonly number[]): number {
  const n = a.length;
  if (n === 0) return 0;
  const h = n >> 1;
  return n % 2 === 1 ? a[h] : (a[h - 1] + a[h]) / 2;
}

/**
 * The smallest spread a detector divides by, so a deviation from a constant series scores
 * large but finite. Relative to the level because metrics range from 1e-3 to 1e12.
 */
export function sigmaFloor(level: number): number {
  return 1e-6 * Math.max(1, Math.abs(level));
}

export function isFiniteNumber(x: unknown): x is number {
  return typeof x === 'number' && Number.isFinite(x);
}

export function numberArray(x: unknown, field: string, onError: (field: string) => never): number[] {
  if (!Array.isArray(x) || !x.every(isFiniteNumber)) onError(field);
  return x as number[];
}

/** A rolling window with its values also kept sorted: O(window) upkeep, O(1) median, O(window) MAD. */
export class OrderedRollingWindow {
  readonly recent: RollingWindow;
  readonly ordered = new SortedWindow();

  constructor(capacity: number) {
    this.recent = new RollingWindow(capacity);
  }

  get size(): number {
    return this.recent.size;
  }

  push(value: number): void {
    const evicted = this.recent.push(value);
    if (evicted !== undefined) this.ordered.remove(evicted);
    this.ordered.insert(value);
  }

  static from(capacity: number, values: readonly number[]): OrderedRollingWindow {
    const w = new OrderedRollingWindow(capacity);
    for (const v of values.slice(-capacity)) w.push(v);
    return w;
  }
}

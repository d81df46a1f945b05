import { medianOfSorted, RollingWindow } from './rolling-window';

export const DAY_MS = 86_400_000;
/** How far from "exactly k days ago" a point may be and still count as the same time of day. */
export const SAME_TIME_TOLERANCE_MS = 150_000;

/**
 * Remembers recent (time, value) pairs so a value can be compared with the values at the same
 * time of day on previous days. Bounded by `capacity` points whatever the sampling rate.
 */
export class SeasonalMemory {
  readonly times: RollingWindow;
  readonly values: RollingWindow;

  constructor(
    readonly days: number,
    capacity: number,
  ) {
    this.times = new RollingWindow(capacity);
    this.values = new RollingWindow(capacity);
  }

  /** Median of the values found at t - k days (k = 1..days), or undefined if none is remembered. */
  baseline(t: number): number | undefined {
    const found: number[] = [];
    for (let k = 1; k <= this.days; k++) {
      const i = this.nearest(t - k * DAY_MS);
      if (i >= 0) found.push(this.values.at(i));
    }
    if (found.length === 0) return undefined;
    found.sort((a, b) => a - b);
    return medianOfSorted(found);
  }

  /** Distance from x to the nearest value within `halfWidth` points of the same time on previous days. */
  nearestDistance(t: number, x: number, halfWidth: number): number | undefined {
    let best: number | undefined;
    for (let k = 1; k <= this.days; k++) {
      const i = this.nearest(t - k * DAY_MS);
      if (i < 0) continue;
      for (let j = Math.max(0, i - halfWidth); j <= Math.min(this.times.size - 1, i + halfWidth); j++) {
        const d = Math.abs(x - this.values.at(j));
        if (best === undefined || d < best) best = d;
      }
    }
    return best;
  }

  add(t: number, value: number): void {
    // Out-of-order points would break the binary search; they still count, just not here.
    const n = this.times.size;
    if (n > 0 && t <= this.times.at(n - 1)) return;
    this.times.push(t);
    this.values.push(value);
  }

  private nearest(target: number): number {
    let lo = 0;
    let hi = this.times.size;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.times.at(mid) < target) lo = mid + 1;
      else hi = mid;
    }
    let best = -1;
    let bestGap = SAME_TIME_TOLERANCE_MS;
    for (const j of [lo - 1, lo]) {
      if (j < 0 || j >= this.times.size) continue;
      const gap = Math.abs(this.times.at(j) - target);
      if (gap <= bestGap) {
        best = j;
        bestGap = gap;
      }
    }
    return best;
  }
}

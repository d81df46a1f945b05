import { lowerBound } from './rolling-window';

export interface VisitedLevelsState {
  width: number;
  /** [band, index of its last visit], bands ascending. */
  bands: Array<[number, number]>;
  count: number;
}

/**
 * Which values a series has taken recently, at a fixed resolution: the value axis is cut into
 * bands of `width` and each band remembers when it was last visited; bands not visited for
 * `memory` points are forgotten, and at most `capacity` bands are kept (the least recently visited
 * go first). `distance(x)` is how many bands separate x from the nearest visited one: 0 on familiar
 * ground, 1 for a value just past the edge, many for a level the series has never been at.
 */
export class VisitedLevels {
  private bands: number[] = [];
  private lastVisit: number[] = [];
  private count = 0;

  constructor(
    readonly width: number,
    private readonly memory: number,
    private readonly capacity: number,
  ) {}

  bandOf(x: number): number {
    const b = Math.floor(x / this.width);
    return Math.max(-1e12, Math.min(1e12, b));
  }

  /** Bands between x and the nearest visited band (Infinity when none is). */
  distance(x: number): number {
    const n = this.bands.length;
    if (n === 0) return Infinity;
    const b = this.bandOf(x);
    const i = lowerBound(this.bands, b);
    let best = Infinity;
    if (i < n) best = this.bands[i] - b;
    if (i > 0) best = Math.min(best, b - this.bands[i - 1]);
    return best;
  }

  visit(x: number): void {
    this.count++;
    const b = this.bandOf(x);
    const i = lowerBound(this.bands, b);
    if (i < this.bands.length && this.bands[i] === b) {
      this.lastVisit[i] = this.count;
    } else {
      this.bands.splice(i, 0, b);
      this.lastVisit.splice(i, 0, this.count);
    }
    if (this.count % 64 === 0 || this.bands.length > this.capacity) this.forget();
  }

  private forget(): void {
    let oldest = this.count - this.memory;
    if (this.bands.length > this.capacity) {
      const sorted = [...this.lastVisit].sort((a, b) => a - b);
      oldest = Math.max(oldest, sorted[this.bands.length - this.capacity]);
    }
    let k = 0;
    for (let i = 0; i < this.bands.length; i++) {
      if (this.lastVisit[i] < oldest) continue;
      this.bands[k] = this.bands[i];
      this.lastVisit[k] = this.lastVisit[i];
      k++;
    }
    this.bands.length = k;
    this.lastVisit.length = k;
  }

  snapshot(): VisitedLevelsState {
    return { width: this.width, bands: this.bands.map((b, i) => [b, this.lastVisit[i]]), count: this.count };
  }

  static restore(s: VisitedLevelsState, memory: number, capacity: number): VisitedLevels {
    const finite = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);
    if (!s || !finite(s.width) || !(s.width > 0) || !finite(s.count) || !Array.isArray(s.bands)) throw new Error('malformed levels');
    const v = new VisitedLevels(s.width, memory, capacity);
    let prev = -Infinity;
    for (const entry of s.bands) {
      const [b, at]: unknown[] = Array.isArray(entry) ? entry : [];
      if (!finite(b) || !Number.isInteger(b) || !finite(at) || b <= prev) throw new Error('malformed levels');
      prev = b;
      v.bands.push(b);
      v.lastVisit.push(at);
    }
    v.count = s.count;
    return v;
  }
}

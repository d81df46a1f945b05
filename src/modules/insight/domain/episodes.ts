export interface EpisodeSettings {
  /** a point is anomalous when its score is at or above this */
  threshold: number;
  /** anomalous points in a row before an episode opens */
  minConsecutive: number;
  /** an open episode resolves once its series has stayed below threshold this long */
  cooldownMs: number;
}

/** An anomaly episode of one series; `value`/`score` are its peak. */
export interface Episode {
  startMs: number;
  peakMs: number;
  value: number;
  score: number;
  /** median of the points before the peak, for the hint */
  baseline: number | null;
  /** what the detector saw at the peak, in words, for the hint (absent: it cannot tell; older states) */
  evidence?: string | null;
  lastAnomalousMs: number;
  resolvedMs: number | null;
}

interface Pending {
  startMs: number;
  count: number;
  peak: Pick<Episode, 'peakMs' | 'value' | 'score' | 'baseline' | 'evidence'>;
}

/** What the tracker carries between polls (plain JSON). */
export interface TrackerState {
  open: Episode | null;
  pending: Pending | null;
}

/**
 * Turns a stream of scores into episodes. An episode opens at the first of `minConsecutive`
 * anomalous points in a row (its start), keeps its peak while the series stays anomalous, and
 * resolves at the first point that is below threshold `cooldownMs` after the last anomalous one.
 * Every episode the stream touched is kept in `touched`, keyed by start, in its latest form.
 */
export class EpisodeTracker {
  readonly touched = new Map<number, Episode>();
  private open: Episode | null;
  private pending: Pending | null;

  constructor(
    private readonly settings: EpisodeSettings,
    state?: TrackerState | null,
  ) {
    this.open = state?.open ? { ...state.open } : null;
    this.pending = state?.pending ? { ...state.pending, peak: { ...state.pending.peak } } : null;
  }

  state(): TrackerState {
    return { open: this.open ? { ...this.open } : null, pending: this.pending ? { ...this.pending, peak: { ...this.pending.peak } } : null };
  }

  get current(): Episode | null {
    return this.open;
  }

  push(ts: number, value: number, score: number, baseline: number | null = null, evidence: string | null = null): void {
    const { threshold, minConsecutive, cooldownMs } = this.settings;
    if (score >= threshold) {
      if (this.open) {
        this.open.lastAnomalousMs = ts;
        if (score > this.open.score) Object.assign(this.open, { peakMs: ts, value, score, baseline, evidence });
        this.touch(this.open);
        return;
      }
      if (!this.pending) this.pending = { startMs: ts, count: 0, peak: { peakMs: ts, value, score, baseline, evidence } };
      this.pending.count++;
      if (score > this.pending.peak.score) this.pending.peak = { peakMs: ts, value, score, baseline, evidence };
      if (this.pending.count >= minConsecutive) {
        this.open = { startMs: this.pending.startMs, ...this.pending.peak, lastAnomalousMs: ts, resolvedMs: null };
        this.pending = null;
        this.touch(this.open);
      }
      return;
    }
    this.pending = null;
    if (this.open && ts - this.open.lastAnomalousMs >= cooldownMs) {
      this.open.resolvedMs = ts;
      this.touch(this.open);
      this.open = null;
    }
  }

  private touch(e: Episode): void {
    this.touched.set(e.startMs, { ...e });
  }
}

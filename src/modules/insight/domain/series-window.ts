import { PROMETHEUS_MAX_POINTS, QueryRange } from './range';
import type { ScoredPoint } from './scoring';

/** Steps of margin each side of an episode, at least (or half the episode, when longer). */
export const SERIES_MARGIN_STEPS = 20;

export interface SeriesWindow {
  /** what to fetch: the warm-up before the window, then the window */
  range: QueryRange;
  /** the first sample shown (start of the window), ms */
  fromMs: number;
  /** the last sample shown, ms */
  toMs: number;
}

/**
 * The samples around an episode from `startMs` to `endMs` (now while it is open): a margin of
 * max(20 steps, half the episode) each side, never past `nowMs`, and `warmup` more steps fetched
 * before it so the detector is warm where the window starts. The step is the probe's, widened
 * (to whole seconds) when all of it would not fit in one Prometheus query; times are multiples of it.
 */
export function planSeriesWindow(input: { startMs: number; endMs: number | null; stepMs: number; warmup: number; nowMs: number }): SeriesWindow {
  const end = Math.min(input.endMs ?? input.nowMs, input.nowMs);
  const episodeMs = Math.max(0, end - input.startMs);
  const widen = (stepMs: number) => {
    const margin = Math.max(SERIES_MARGIN_STEPS * stepMs, episodeMs / 2);
    const toMs = Math.floor(Math.min(end + margin, input.nowMs) / stepMs) * stepMs;
    const fromMs = Math.floor((input.startMs - margin) / stepMs) * stepMs;
    const fetchFrom = fromMs - input.warmup * stepMs;
    return { fromMs, toMs, fetchFrom, points: Math.round((toMs - fetchFrom) / stepMs) + 1 };
  };
  let stepMs = Math.max(1000, input.stepMs);
  let w = widen(stepMs);
  while (w.points > PROMETHEUS_MAX_POINTS) {
    stepMs = Math.ceil((stepMs * w.points) / (PROMETHEUS_MAX_POINTS - 1) / 1000) * 1000;
    w = widen(stepMs);
  }
  return { range: { startMs: w.fetchFrom, endMs: w.toMs, stepMs, points: w.points }, fromMs: w.fromMs, toMs: w.toMs };
}

export interface Sample {
  ts: number;
  value: number;
  /** null while the detector warms up */
  score: number | null;
}

/**
 * Scored points of a detector that started fresh on this stream, as samples: the first `warmup`
 * points scored only fill the detector (its score is 0 there by contract), so they carry no score.
 * Points before `fromMs` are left out.
 */
export function toSamples(scored: readonly ScoredPoint[], warmup: number, fromMs = -Infinity): Sample[] {
  const out: Sample[] = [];
  for (let i = 0; i < scored.length; i++) {
    const p = scored[i];
    if (p.ts < fromMs) continue;
    out.push({ ts: p.ts, value: p.value, score: i < warmup ? null : p.score });
  }
  return out;
}

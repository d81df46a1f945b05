import type { StreamingDetector } from '../detectors';
import { EpisodeTracker } from './episodes';

export interface ScoredPoint {
  ts: number;
  value: number;
  score: number;
}

/** Median of a small array (copy sorted); null when empty. */
export function median(values: readonly number[]): number | null {
  if (!values.length) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/**
 * Streams the points newer than `afterMs` through the detector and the episode tracker. Points at
 * or before `afterMs` were scored by an earlier poll (their effect lives in the restored detector)
 * and only serve as the hint's baseline. Returns the points scored, oldest first.
 */
export function scorePoints(
  points: ReadonlyArray<[number, number]>,
  detector: StreamingDetector,
  tracker: EpisodeTracker,
  afterMs: number | null,
  baselineWindow: number,
): ScoredPoint[] {
  const out: ScoredPoint[] = [];
  for (let i = 0; i < points.length; i++) {
    const [ts, value] = points[i];
    if (afterMs !== null && ts <= afterMs) continue;
    const score = detector.update(ts, value);
    if (!Number.isFinite(value)) continue;
    const baseline = median(points.slice(Math.max(0, i - baselineWindow), i).map((p) => p[1]).filter(Number.isFinite));
    tracker.push(ts, value, score, baseline, score > 0 ? (detector.explain?.() ?? null) : null);
    out.push({ ts, value, score });
  }
  return out;
}

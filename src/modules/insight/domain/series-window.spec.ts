import { zscoreDetector } from '../detectors/zscore.detector';
import { EpisodeTracker } from './episodes';
import { PROMETHEUS_MAX_POINTS } from './range';
import { scorePoints } from './scoring';
import { planSeriesWindow, toSamples } from './series-window';

const MIN = 60_000;
const T0 = Date.parse('2026-01-15T10:00:00.000Z');

describe('planSeriesWindow', () => {
  it('takes 20 steps of margin each side of a short episode, and the warm-up before it', () => {
    const w = planSeriesWindow({ startMs: T0, endMs: T0 + 3 * MIN, stepMs: MIN, warmup: 30, nowMs: T0 + 60 * MIN });
    expect(w.fromMs).toBe(T0 - 20 * MIN);
    expect(w.toMs).toBe(T0 + 23 * MIN);
    expect(w.range).toEqual({ startMs: T0 - 50 * MIN, endMs: T0 + 23 * MIN, stepMs: MIN, points: 74 });
  });
  it('takes half the episode when that is longer, and stops at now for an open episode', () => {
    const w = planSeriesWindow({ startMs: T0, endMs: null, stepMs: MIN, warmup: 0, nowMs: T0 + 100 * MIN });
    expect(w.fromMs).toBe(T0 - 50 * MIN);
    expect(w.toMs).toBe(T0 + 100 * MIN);
  });
  it('widens the step when the window and warm-up would not fit in one query', () => {
    const w = planSeriesWindow({ startMs: T0, endMs: T0 + 30 * 86_400_000, stepMs: 1000, warmup: 100, nowMs: T0 + 60 * 86_400_000 });
    expect(w.range.points).toBeLessThanOrEqual(PROMETHEUS_MAX_POINTS);
    expect(w.range.stepMs % 1000).toBe(0);
    expect(w.range.stepMs).toBeGreaterThan(1000);
    expect(w.fromMs % w.range.stepMs).toBe(0);
  });
});

describe('toSamples', () => {
  it('gives no score to the points a fresh detector warmed up on', () => {
    const params = zscoreDetector.parseParams({ window: 3 });
    const points: Array<[number, number]> = [1, 2, 1, 2, 9].map((v, i) => [T0 + i * MIN, v]);
    const scored = scorePoints(points, zscoreDetector.create(params), new EpisodeTracker({ threshold: 2, minConsecutive: 1, cooldownMs: 0 }), null, 3);
    const samples = toSamples(scored, zscoreDetector.warmup(params));
    expect(samples.map((s) => s.score === null)).toEqual([true, true, true, false, false]);
    expect(samples[4].score).toBeGreaterThan(2);
    expect(toSamples(scored, 3, T0 + 3 * MIN).map((s) => s.ts)).toEqual([T0 + 3 * MIN, T0 + 4 * MIN]);
  });
});

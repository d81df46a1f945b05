import { ContextNovelty } from './context-novelty';
import { DAY_MS, SeasonalMemory } from './seasonal-memory';
import { SentinelDetector, sentinelDetector, SentinelParams } from './sentinel.detector';
import { TailCalibrator } from './tail-calibrator';

const FIVE_MIN = 300_000;
/** Level view only: no seasonal view, contextual view still learning its bands. */
const LEVEL_ONLY: SentinelParams = { ...sentinelDetector.defaultParams, baseline: 20, seasonDays: 0, contextWarmup: 1000 };

function run(params: SentinelParams, values: number[], stepMs = FIVE_MIN): number[] {
  const d = new SentinelDetector(params);
  return values.map((v, i) => d.update(i * stepMs, v));
}

describe('TailCalibrator', () => {
  it('is the smoothed empirical rank inside the body of the history', () => {
    const c = new TailCalibrator(100, 0);
    for (let v = 1; v <= 20; v++) c.add(v);
    expect(c.surprise(20)).toBe(-Math.log10(2 / 21)); // 1 of 20 values >= 20
    expect(c.surprise(0)).toBe(0);
  });

  it('fits an exponential tail to the top values beyond them', () => {
    const c = new TailCalibrator(100, 0.01);
    for (let v = 1; v <= 20; v++) c.add(v);
    // top k = 10 values 11..20 above u = 11: mean excess 4.5; P(> 20) = 10/21 * exp(-9/4.5)
    expect(c.surprise(20)).toBeCloseTo(-Math.log10((10 / 21) * Math.exp(-2)), 12);
  });

  it('says nothing before 20 points of history', () => {
    const c = new TailCalibrator(100, 0.01);
    for (let v = 1; v <= 19; v++) c.add(v);
    expect(c.surprise(1e9)).toBe(0);
  });
});

describe('ContextNovelty', () => {
  it('scores the fraction of never-seen contexts of 1..orders quantised values', () => {
    // warm-up [0, 10] -> bands of width 5 (0 -> 0, 5 -> 1, 10 -> 2); its own contexts
    // (0), (2), (0,2) are learnt when the bands are fixed.
    const c = new ContextNovelty(2, 2, 2);
    expect([0, 10].map((v) => c.update(v))).toEqual([0, 0]);
    expect(c.update(0)).toBe(0.5); // (0) seen, (2,0) new
    expect(c.update(10)).toBe(0); // (2), (0,2) seen
    expect(c.update(0)).toBe(0); // (0), (2,0) seen
    expect(c.update(5)).toBe(1); // (1), (0,1) new
    expect(c.update(10)).toBe(0.5); // (2) seen, (1,2) new
  });
});

describe('SeasonalMemory', () => {
  it('takes the median of the same time of day on previous days', () => {
    const m = new SeasonalMemory(3, 100);
    m.add(0, 10);
    m.add(DAY_MS, 20);
    m.add(2 * DAY_MS + 60_000, 60); // within tolerance of "one day before 3 days"
    expect(m.baseline(3 * DAY_MS)).toBe(20);
    expect(m.baseline(3 * DAY_MS + 3_600_000)).toBeUndefined();
  });

  it('finds the closest value within the slack around the same time on previous days', () => {
    // a daily job at 03:00 that ran 10 minutes late yesterday
    const m = new SeasonalMemory(7, 1000);
    const t0 = 3 * 3_600_000;
    for (let i = -4; i <= 4; i++) m.add(t0 + i * FIVE_MIN, i === 2 ? 60 : 10);
    const today = t0 + DAY_MS;
    expect(m.nearestDistance(today, 61, 0)).toBe(51);
    expect(m.nearestDistance(today, 61, 1)).toBe(51);
    expect(m.nearestDistance(today, 61, 2)).toBe(1);
    expect(m.nearestDistance(today + 3_600_000, 61, 2)).toBeUndefined();
  });
});

describe('sentinel detector', () => {
  it('scores a jump out of a regular series by its tail probability', () => {
    // 40 points alternating 0/1: median 0.5, MAD 0.5 -> every level deviation is 1.
    // Then x = 10: deviation 19, far beyond a tail with no spread: P = 10/21 * 1e-6.
    const values = Array.from({ length: 40 }, (_, i) => i % 2);
    const scores = run(LEVEL_ONLY, [...values, 10, 0]);
    expect(scores.slice(0, 40).every((s) => s === 0)).toBe(true);
    expect(scores[40]).toBeCloseTo(-Math.log10((10 / 21) * 1e-6), 12);
    expect(scores[41]).toBe(0);
  });

  it('reports one alert per incident: smaller scores right after an alert are suppressed', () => {
    const values = Array.from({ length: 60 }, (_, i) => i % 2);
    const scores = run({ ...LEVEL_ONLY, refractory: 10 }, [...values, 10, 9, 8, 0, 0]);
    expect(scores[60]).toBeGreaterThan(3);
    expect(scores.slice(61)).toEqual([0, 0, 0, 0]);
  });

  it('is silent on a constant series and finite on a step away from it', () => {
    const flat = run(sentinelDetector.defaultParams, new Array(500).fill(42));
    expect(flat.every((s) => s === 0)).toBe(true);
    const step = run(sentinelDetector.defaultParams, [...new Array(500).fill(42), 43]);
    expect(Number.isFinite(step[500])).toBe(true);
    expect(step[500]).toBeGreaterThan(sentinelDetector.defaultThreshold);
  });

  it('sees a missing daily peak that stays inside the usual range (seasonal view)', () => {
    const perDay = 288;
    const day = (i: number) => ((i % perDay) >= 100 && (i % perDay) < 150 ? 80 : 20);
    const values = Array.from({ length: 10 * perDay }, (_, i) => day(i));
    for (let i = 8 * perDay + 100; i < 8 * perDay + 150; i++) values[i] = 20; // the peak does not come
    const scores = run(sentinelDetector.defaultParams, values);
    const firstAlert = scores.findIndex((s, i) => i > 2 * perDay && s >= sentinelDetector.defaultThreshold);
    expect(firstAlert).toBe(8 * perDay + 100);
  });

  it('adds activityWeight x the mean surprise of the previous activityWindow points', () => {
    const values = Array.from({ length: 200 }, (_, i) => (i % 2) + (i % 17 === 0 ? 5 : 0) + (i > 150 ? 3 : 0));
    const base = { ...LEVEL_ONLY, refractory: 0, activityWindow: 5 };
    const surprise = run({ ...base, activityWeight: 0 }, values);
    const boosted = run({ ...base, activityWeight: 0.5 }, values);
    for (let i = 5; i < values.length; i++) {
      const recent = surprise.slice(i - 5, i).reduce((a, b) => a + b, 0);
      expect(boosted[i]).toBeCloseTo(surprise[i] + (0.5 * recent) / 5, 12);
    }
    expect(boosted.some((b, i) => b > surprise[i])).toBe(true);
  });

  it('ignores NaN/Inf values, never returns NaN, and warms up with zeros', () => {
    const d = new SentinelDetector(sentinelDetector.defaultParams);
    const out: number[] = [];
    for (let i = 0; i < 2000; i++) {
      const v = i % 97 === 0 ? NaN : i % 89 === 0 ? Infinity : Math.sin(i / 7) * 1e9 + (i % 13);
      out.push(d.update(i * FIVE_MIN, v));
    }
    expect(out.every(Number.isFinite)).toBe(true);
    expect(out.slice(0, sentinelDetector.warmup(sentinelDetector.defaultParams)).every((s) => s === 0)).toBe(true);
    expect(d.seen).toBe(2000 - Math.ceil(2000 / 97) - Math.floor(1999 / 89) + Math.floor(1999 / (97 * 89)));
  });

  it('resumes exactly from a JSON snapshot', () => {
    const values = Array.from({ length: 1500 }, (_, i) => Math.round(50 + 20 * Math.sin(i / 30) + ((i * 7919) % 11)));
    values[1200] = 400;
    const full = run(sentinelDetector.defaultParams, values);
    const a = new SentinelDetector(sentinelDetector.defaultParams);
    values.slice(0, 700).forEach((v, i) => a.update(i * FIVE_MIN, v));
    const b = sentinelDetector.restore(sentinelDetector.defaultParams, JSON.parse(JSON.stringify(a.snapshot())));
    const rest = values.slice(700).map((v, i) => b.update((i + 700) * FIVE_MIN, v));
    expect(rest).toEqual(full.slice(700));
    expect(full[1200]).toBeGreaterThan(sentinelDetector.defaultThreshold);
  });

  it('rejects a snapshot of another detector', () => {
    expect(() => sentinelDetector.restore(sentinelDetector.defaultParams, { detector: 'zscore', version: 1, state: {} })).toThrow(
      'state: not a sentinel v1 snapshot',
    );
  });
});

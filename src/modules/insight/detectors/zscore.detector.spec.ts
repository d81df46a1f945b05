import { MAX_RAW_SCORE } from './detector';
import { ZScoreDetector, zscoreDetector } from './zscore.detector';

function feed(values: number[], window = 3): number[] {
  const d = new ZScoreDetector({ window });
  return values.map((v, i) => d.update(i * 60_000, v));
}

describe('zscore detector', () => {
  it('scores |x - mean| / population std of the previous window', () => {
    // previous [1, 2, 3]: mean 2, std sqrt(2/3); (4 - 2) / sqrt(2/3) = sqrt(6)
    expect(feed([1, 2, 3, 4])).toEqual([0, 0, 0, Math.sqrt(6)]);
    // then the window is [2, 3, 4]: mean 3, same std; |1 - 3| / sqrt(2/3) = sqrt(6)
    expect(feed([1, 2, 3, 4, 1])[4]).toBeCloseTo(Math.sqrt(6), 12);
  });

  it('is 0 during warm-up, 0 for no deviation from a constant and large but finite for a deviation', () => {
    expect(feed([5, 5, 5, 5])).toEqual([0, 0, 0, 0]);
    // std 0: divide by the floor 1e-6 * |5|
    expect(feed([5, 5, 5, 6])[3]).toBeCloseTo(200_000, 6);
    expect(feed([5, 5, 5, 1e12])[3]).toBe(MAX_RAW_SCORE);
    expect(zscoreDetector.warmup({ window: 3 })).toBe(3);
  });

  it('ignores NaN and infinite values without touching its state', () => {
    const d = new ZScoreDetector({ window: 3 });
    [1, 2, 3].forEach((v, i) => d.update(i, v));
    expect(d.update(3, NaN)).toBe(0);
    expect(d.update(4, Infinity)).toBe(0);
    expect(d.seen).toBe(3);
    expect(d.update(5, 4)).toBe(Math.sqrt(6));
  });

  it('the "threshold 2.0" of the seed means |z| >= 2 sigma, which normalises to 0.5', () => {
    expect(zscoreDetector.defaultThreshold).toBe(2);
    expect(zscoreDetector.normalize(2, zscoreDetector.defaultParams)).toBe(0.5);
  });

  it('validates params', () => {
    expect(zscoreDetector.parseParams({ window: 10 })).toEqual({ window: 10 });
    expect(zscoreDetector.parseParams(undefined)).toEqual({ window: 60 });
    expect(() => zscoreDetector.parseParams({ window: 1 })).toThrow('window: must be in [2, 10000]');
    expect(() => zscoreDetector.parseParams({ window: 2.5 })).toThrow('window: must be an integer');
    expect(() => zscoreDetector.parseParams({ windw: 3 })).toThrow('windw: unknown parameter');
    expect(() => zscoreDetector.parseParams('60')).toThrow('params: must be an object');
  });
});

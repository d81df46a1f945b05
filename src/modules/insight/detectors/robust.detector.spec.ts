import { MAD_SCALE, RobustDetector, robustDetector } from './robust.detector';

describe('robust detector', () => {
  it('scores |x - median| / (1.4826 * MAD) of the previous window', () => {
    // previous [1, 2, 3, 4, 100]: median 3, |deviations| [2, 1, 0, 1, 97] -> MAD 1
    const d = new RobustDetector({ window: 5 });
    const scores = [1, 2, 3, 4, 100, 10].map((v, i) => d.update(i, v));
    expect(scores).toEqual([0, 0, 0, 0, 0, 7 / 1.4826]);
    expect(MAD_SCALE).toBe(1.4826);
  });

  it('uses the mean of the two middle values for an even window', () => {
    // previous [1, 2, 4, 10]: median 3, deviations [2, 1, 1, 7] -> MAD 1.5
    const d = new RobustDetector({ window: 4 });
    const scores = [10, 1, 4, 2, 6].map((v, i) => d.update(i, v));
    expect(scores[4]).toBe(3 / (1.4826 * 1.5));
  });

  it('an outlier inside the window does not hide the next one', () => {
    const d = new RobustDetector({ window: 5 });
    [10, 11, 10, 11, 500].forEach((v, i) => d.update(i, v));
    // previous [10, 11, 10, 11, 500]: median 11, MAD 1
    expect(d.update(5, 200)).toBe(189 / 1.4826);
  });

  it('falls back to the mean absolute deviation when the MAD is 0', () => {
    // previous [1, 1, 1, 1, 5]: median 1, MAD 0; mean |deviation| 4/5 -> sigma sqrt(pi/2) * 0.8
    const d = new RobustDetector({ window: 5 });
    const scores = [1, 1, 1, 1, 5, 3].map((v, i) => d.update(i, v));
    expect(scores[5]).toBe(2 / (Math.sqrt(Math.PI / 2) * 0.8));
  });

  it('is 0 for no deviation from a constant, finite for a deviation, ignores NaN', () => {
    const d = new RobustDetector({ window: 3 });
    expect([2, 2, 2, 2].map((v, i) => d.update(i, v))).toEqual([0, 0, 0, 0]);
    expect(d.update(4, NaN)).toBe(0);
    expect(d.seen).toBe(4);
    expect(d.update(5, 3)).toBeCloseTo(1 / 2e-6, 3);
  });

  it('resumes exactly from a snapshot', () => {
    const series = [5, 3, 8, 1, 9, 2, 7, 7, 4, 6, 0, 12];
    const a = new RobustDetector({ window: 4 });
    const full = series.map((v, i) => a.update(i, v));
    const b = new RobustDetector({ window: 4 });
    series.slice(0, 6).forEach((v, i) => b.update(i, v));
    const c = robustDetector.restore({ window: 4 }, JSON.parse(JSON.stringify(b.snapshot())));
    expect(series.slice(6).map((v, i) => c.update(i + 6, v))).toEqual(full.slice(6));
  });
});

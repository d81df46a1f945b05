import { EwmaDetector, ewmaDetector } from './ewma.detector';

describe('ewma detector', () => {
  it('scores against the exponentially weighted mean and variance of the previous points', () => {
    // alpha 0.5, warm-up ceil(1/0.5) = 2 points.
    // x=0: m=0, v=0.  x=2 (warm-up): d=2, m=1, v=0.5*(0+0.5*4)=1.
    // x=4: d=3, score 3/sqrt(1)=3; m=2.5, v=0.5*(1+0.5*9)=2.75.
    // x=2.5: d=0, score 0.  x=0: m=2.5, v=0.5*2.75=1.375, score 2.5/sqrt(1.375).
    const d = new EwmaDetector({ alpha: 0.5 });
    const scores = [0, 2, 4, 2.5, 0].map((v, i) => d.update(i, v));
    expect(scores).toEqual([0, 0, 3, 0, 2.5 / Math.sqrt(1.375)]);
  });

  it('is 0 for a constant and finite for a step away from it', () => {
    const d = new EwmaDetector({ alpha: 0.5 });
    expect([7, 7, 7, 7].map((v, i) => d.update(i, v))).toEqual([0, 0, 0, 0]);
    expect(d.update(4, 8)).toBeCloseTo(1 / 7e-6, 3);
  });

  it('ignores NaN/Inf and resumes exactly from a snapshot', () => {
    const a = new EwmaDetector({ alpha: 0.2 });
    const series = [3, 4, 2, 8, 5, 5, 1, 9];
    const full = series.map((v, i) => a.update(i, v));
    const b = new EwmaDetector({ alpha: 0.2 });
    series.slice(0, 4).forEach((v, i) => b.update(i, v));
    expect(b.update(99, NaN)).toBe(0);
    const c = ewmaDetector.restore({ alpha: 0.2 }, JSON.parse(JSON.stringify(b.snapshot())));
    expect(series.slice(4).map((v, i) => c.update(i + 4, v))).toEqual(full.slice(4));
    expect(c.seen).toBe(8);
  });

  it('validates alpha', () => {
    expect(() => ewmaDetector.parseParams({ alpha: 0 })).toThrow('alpha: must be in (0, 0.999]');
    expect(() => ewmaDetector.parseParams({ alpha: 1 })).toThrow('alpha');
    expect(ewmaDetector.parseParams({ alpha: 0.1 })).toEqual({ alpha: 0.1 });
  });
});

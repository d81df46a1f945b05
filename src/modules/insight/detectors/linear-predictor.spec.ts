import { LinearPredictor } from './linear-predictor';
import { gaussian } from '../../../../test/support/draws';

/** Root mean square of the one-step errors over the points after `from`. */
function oneStepRms(lp: LinearPredictor, values: number[], from: number): number {
  let sum = 0;
  let n = 0;
  values.forEach((v, i) => {
    if (i >= from && lp.ready) {
      sum += (v - lp.predict()) ** 2;
      n++;
    }
    lp.add(v);
  });
  return Math.sqrt(sum / n);
}

describe('LinearPredictor', () => {
  it("leaves an AR(1) series' innovations: one-step errors as wide as its noise, not as the series", () => {
    const draw = gaussian(11);
    let x = 0;
    const values = Array.from({ length: 6000 }, () => (x = 0.8 * x + draw()) + 50);
    // the series itself is 1.67 wide; its innovations 1
    expect(oneStepRms(new LinearPredictor(8, 1000, 16), values, 2000)).toBeLessThan(1.08);
  });

  it('follows a smooth cycle to within its noise, and extrapolates a clean ramp', () => {
    const draw = gaussian(5);
    const values = Array.from({ length: 6000 }, (_, i) => 100 + 30 * Math.sin((2 * Math.PI * i) / 288) + draw());
    // a level baseline of the last 8 would lag the cycle by up to 30 * 2 pi / 288 * 4.5 = 2.9
    expect(oneStepRms(new LinearPredictor(8, 1000, 16), values, 2000)).toBeLessThan(1.3);
    const ramp = new LinearPredictor(8, 1000, 16);
    for (let i = 0; i < 500; i++) ramp.add(3 * i);
    // to within a thirtieth of a step (the ridge's pull)
    expect(Math.abs(ramp.predict() - 1500)).toBeLessThan(0.1);
  });

  it('predicts a constant series exactly, with nothing undefined', () => {
    const lp = new LinearPredictor(8, 1000, 16);
    for (let i = 0; i < 300; i++) lp.add(42);
    expect(lp.predict()).toBeCloseTo(42, 9);
  });

  it('waits for its lags again after a break in the sequence', () => {
    const lp = new LinearPredictor(8, 1000, 16);
    for (let i = 0; i < 300; i++) lp.add(i % 7);
    expect(lp.ready).toBe(true);
    lp.breakSequence();
    for (let i = 0; i < 7; i++) {
      expect(lp.ready).toBe(false);
      lp.add(i % 7);
    }
    lp.add(0);
    expect(lp.ready).toBe(true);
  });

  it('continues exactly from a snapshot, through JSON, and rejects one that does not fit', () => {
    const draw = gaussian(9);
    const a = new LinearPredictor(8, 1000, 16);
    for (let i = 0; i < 1000; i++) a.add(draw());
    const b = LinearPredictor.restore(8, 1000, 16, JSON.parse(JSON.stringify(a.snapshot())));
    for (let i = 0; i < 200; i++) {
      expect(b.predict()).toBe(a.predict());
      const v = draw();
      a.add(v);
      b.add(v);
    }
    expect(() => LinearPredictor.restore(8, 1000, 16, { ...a.snapshot(), gram: [1, 2] })).toThrow('linear predictor');
  });
});

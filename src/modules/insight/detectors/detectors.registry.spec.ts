import { DetectorParamsError } from './detector';
import { DEFAULT_DETECTOR, DETECTORS, getDetector } from './detectors.registry';

describe('detector registry', () => {
  it('ships zscore, ewma, robust and the default', () => {
    expect(Object.keys(DETECTORS)).toEqual(['zscore', 'ewma', 'robust', 'sentinel', 'vigil']);
    expect(DEFAULT_DETECTOR).toBe('vigil');
    expect(getDetector('ewma').name).toBe('ewma');
  });

  it('rejects an unknown name with a stable code', () => {
    expect(() => getDetector('nope')).toThrow(DetectorParamsError);
    expect(() => getDetector('toString')).toThrow('detector: unknown detector "toString"');
  });

  describe.each(Object.keys(DETECTORS))('%s', (name) => {
    const def = getDetector(name);
    const params = def.parseParams(undefined);

    it('never throws or returns NaN/Inf, whatever it is fed', () => {
      const d = def.create(params);
      const nasty = [NaN, Infinity, -Infinity, 0, 1e300, -1e300, 5e-324, 1, 1, 1, 1e15, -3];
      for (let i = 0; i < 3000; i++) {
        const s = d.update(i % 50 === 0 ? NaN : i * 60_000, nasty[i % nasty.length] + (i % 7));
        expect(Number.isFinite(s) && s >= 0).toBe(true);
        const n = def.normalize(s, params);
        expect(n >= 0 && n <= 1).toBe(true);
      }
    });

    it('normalises monotonically onto [0, 1] with the default threshold at 0.5', () => {
      const xs = [0, 0.5, 1, def.defaultThreshold, 10, 1e3, 1e6, 1e9];
      const ns = xs.map((x) => def.normalize(x, params));
      for (let i = 1; i < ns.length; i++) expect(ns[i]).toBeGreaterThanOrEqual(ns[i - 1]);
      expect(def.normalize(def.defaultThreshold, params)).toBe(0.5);
      expect(def.normalize(0, params)).toBe(0);
    });

    it('orders its sensitivity levels, medium being the default threshold', () => {
      expect(def.sensitivities.medium).toBe(def.defaultThreshold);
      expect(def.sensitivities.low).toBeGreaterThan(def.sensitivities.medium);
      expect(def.sensitivities.high).toBeLessThan(def.sensitivities.medium);
    });

    it('scores 0 during warm-up', () => {
      const d = def.create(params);
      const w = def.warmup(params);
      for (let i = 0; i < w; i++) expect(d.update(i * 60_000, (i * 37) % 11)).toBe(0);
    });

    it('rejects unknown params', () => {
      expect(() => def.parseParams({ bogus: 1 })).toThrow(new DetectorParamsError('bogus', 'unknown parameter'));
    });
  });
});

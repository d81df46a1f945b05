import { FIXED_SEEDS } from '../../scripts/nab/clean-suite';
import { healthySeries, KIND_NAMES } from '../../scripts/nab/synthetic-series';
import { DEFAULT_DETECTOR, DETECTORS, SENSITIVITIES } from '../../src/modules/insight/detectors';
import { MEASURED_LEVELS } from '../../src/modules/insight/detectors/measured-levels';

/**
 * measured-levels.ts is what `npm run bench:nab` measured, served by GET /detectors: it must
 * describe the detectors as they are and the healthy series as they are generated now.
 */
describe('measured-levels.ts (written by npm run bench:nab)', () => {
  const points = (seeds: number[]) => KIND_NAMES.reduce((n, kind) => n + seeds.reduce((m, seed) => m + healthySeries(kind, seed).values.length, 0), 0);

  it('has every shipped detector at every level, at its current threshold (rerun the bench after changing one)', () => {
    expect(Object.keys(MEASURED_LEVELS).sort()).toEqual(Object.keys(DETECTORS).sort());
    for (const [name, def] of Object.entries(DETECTORS)) {
      for (const level of SENSITIVITIES) expect([name, level, MEASURED_LEVELS[name][level].threshold]).toEqual([name, level, def.sensitivities[level]]);
    }
  });

  it('counts the healthy series the suite generates now: the fixed seeds, and for the default detector 60 more', () => {
    const fixed = points(FIXED_SEEDS);
    for (const name of Object.keys(DETECTORS)) {
      const m = MEASURED_LEVELS[name].medium;
      if (name === DEFAULT_DETECTOR) {
        // and 60 more seeds (8,000-10,000 points each), not regenerated here: that takes half a minute in Jest
        expect(m.series).toBe(KIND_NAMES.length * (FIXED_SEEDS.length + 60));
        expect(m.points - fixed).toBeGreaterThanOrEqual(KIND_NAMES.length * 60 * 8000);
        expect(m.points - fixed).toBeLessThanOrEqual(KIND_NAMES.length * 60 * 10_000);
      } else {
        expect([name, m.series, m.points]).toEqual([name, KIND_NAMES.length * FIXED_SEEDS.length, fixed]);
      }
    }
  });

  it("the default detector's medium level raised nothing, as the healthy-series test asserts of the fixed seeds", () => {
    expect(MEASURED_LEVELS[DEFAULT_DETECTOR].medium.alerts).toBe(0);
  });
});

import { DETECTORS, MeasuredLevel, Sensitivity } from '../detectors';
import { describeDetectors, poissonUpperBound, POINTS_30_DAYS_5_MIN } from './detector-catalog';

describe('poissonUpperBound', () => {
  it('is the exact one-sided 95 % upper bound of a Poisson mean', () => {
    // -ln(0.05) for a count of 0; the chi-square quantiles chi2(0.95; 2k + 2) / 2 for 1 and 5
    expect(poissonUpperBound(0)).toBeCloseTo(2.9957, 4);
    expect(poissonUpperBound(1)).toBeCloseTo(4.7439, 4);
    expect(poissonUpperBound(5)).toBeCloseTo(10.5130, 3);
  });

  it('stays right for large counts, where the terms of the exact sum underflow', () => {
    // exact bounds, from the Poisson sum taken in logs (lgamma) and bisected: 63.2871, 64.4020, 1,053.603, 25,425.493
    expect(poissonUpperBound(50)).toBeCloseTo(63.2871, 3);
    for (const [k, exact] of [[51, 64.402], [1000, 1053.603], [25_163, 25_425.493]]) expect(Math.abs(poissonUpperBound(k) / exact - 1)).toBeLessThan(1e-4);
  });
});

describe('describeDetectors', () => {
  const level = (threshold: number, alerts: number): MeasuredLevel => ({ threshold, series: 10, points: 2 * POINTS_30_DAYS_5_MIN, alerts, incidents: 20, caught: 15 });
  const robust = DETECTORS.robust.sensitivities;

  it('quotes each level per series per 30 days of 5-minute points, with the upper end of its 95 % interval', () => {
    const measured = { robust: { low: level(robust.low, 0), medium: level(robust.medium, 4), high: level(robust.high, 10) } };
    const d = describeDetectors(measured).find((x) => x.name === 'robust')!;
    expect(d.levels.map((l) => l.level)).toEqual(['low', 'medium', 'high']);
    const [low, medium] = d.levels;
    expect(low.measured).toMatchObject({ alerts: 0, perSeries30Days: 0, caught: 15, incidents: 20 });
    expect(low.measured!.perSeries30DaysUpper95).toBeCloseTo(2.9957 / 2, 4);
    expect(medium.measured!.perSeries30Days).toBe(2);
    expect(medium.measured!.perSeries30DaysUpper95).toBeGreaterThan(2);
  });

  it('shows no measurement for a level whose threshold has changed since, nor for a detector never measured', () => {
    const measured: Record<string, Record<Sensitivity, MeasuredLevel>> = { robust: { low: level(robust.low, 0), medium: level(robust.medium + 0.5, 4), high: level(robust.high, 1) } };
    const all = describeDetectors(measured);
    expect(all.find((x) => x.name === 'robust')!.levels.map((l) => l.measured === null)).toEqual([false, true, false]);
    expect(all.find((x) => x.name === 'zscore')!.levels.every((l) => l.measured === null)).toBe(true);
    expect(all.filter((x) => x.isDefault)).toHaveLength(1);
  });
});

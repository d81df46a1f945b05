import { CATCH_WITHIN } from '../../scripts/nab/clean-suite';
import { HealthyLaw, LAWS, oracleBound, oracleStatistic, Shape, shapesFor, thresholdFor } from '../../scripts/nab/oracle-bound';
import { healthySeries, IncidentType, SyntheticSeries, withIncident } from '../../scripts/nab/synthetic-series';

/** The statistic as its definition reads: every start of the last CATCH_WITHIN + 1 points, every point since, summed afresh. */
function bruteForce(s: SyntheticSeries, shapes: readonly Shape[], law: HealthyLaw, upTo: number): number[] {
  const x = s.values;
  const out: number[] = [];
  for (let t = CATCH_WITHIN + 1; t < upTo; t++) {
    let best = -Infinity;
    for (const shape of shapes) {
      for (let start = t - CATCH_WITHIN; start <= t; start++) {
        let llr = 0;
        let previous = x[start - 1];
        for (let j = start; j <= t; j++) {
          const inside = j - start < shape.length;
          const u = inside ? shape.undo(s, j, x[j]) : x[j];
          llr += law(s, j, u, previous) + (inside ? shape.logJacobian : 0) - law(s, j, x[j], x[j - 1]);
          previous = u;
        }
        best = Math.max(best, llr);
      }
    }
    out.push(best);
  }
  return out;
}

describe('the oracle bound on the incident suite', () => {
  const types: IncidentType[] = ['spike', 'level_shift', 'variance'];

  it.each(['gaussian', 'ar1', 'lognormal'])('computes on %s the likelihood ratio its definition gives, at every point', (kind) => {
    const base = healthySeries(kind, 7);
    for (const type of types) {
      // an incident inside the compared stretch, so the ratios of starts before, at and after it are all checked
      const { series, incident } = withIncident(base, type, 0);
      const from = incident.start - 40;
      const stretch: SyntheticSeries = { ...series, values: series.values.slice(from), expected: series.expected.slice(from), sigma: series.sigma.slice(from), times: series.times.slice(from) };
      const fast = oracleStatistic(stretch, shapesFor(type), LAWS[kind]);
      const slow = bruteForce(stretch, shapesFor(type), LAWS[kind], 120);
      slow.forEach((v, k) => expect(fast[k + CATCH_WITHIN + 1]).toBeCloseTo(v, 6));
    }
  });

  it('is a log-likelihood ratio: negative on average on healthy points, positive where the incident is, as far as the laws differ', () => {
    // noise x3: the Kullback-Leibler divergences of N(0, 1) and N(0, 9) are 0.65 and 2.90 nats a point
    const base = healthySeries('gaussian', 3);
    const [variance] = shapesFor('variance');
    const perPoint = (s: SyntheticSeries, from: number, to: number) => {
      let sum = 0;
      for (let j = from; j < to; j++) sum += LAWS.gaussian(s, j, variance.undo(s, j, s.values[j]), 0) + variance.logJacobian - LAWS.gaussian(s, j, s.values[j], 0);
      return sum / (to - from);
    };
    expect(perPoint(base, 0, base.values.length)).toBeCloseTo(-(Math.log(3) - 4 / 9), 1);
    const { series, incident } = withIncident(base, 'variance', 0);
    expect(perPoint(series, incident.start, incident.end)).toBeGreaterThan(1.5);
  });

  it('sets rarer thresholds ln(1 / (series x rate)) above the largest healthy value, and never below it', () => {
    expect(thresholdFor(10, 200, 1e-4)).toBeCloseTo(10 + Math.log(50), 10);
    expect(thresholdFor(10, 200, 1e-2)).toBe(10);
  });

  it('catches what is plain, counts the kinds it does not model as caught, and catches less at rarer false alarms', () => {
    const rows = oracleBound([1, 2], [101, 102, 103], [1e-2, 1e-6], () => 2000);
    const row = (kind: string, type: string) => rows.find((r) => r.kind === kind && r.type === type)!;
    expect(row('gaussian', 'spike')).toMatchObject({ modelled: true, cases: 2, caught: [2, 2] });
    expect(row('counter_rate', 'level_shift')).toMatchObject({ modelled: false, caught: [2, 2] });
    expect(row('daily', 'flat_day')).toMatchObject({ modelled: false, caught: [2, 2] });
    for (const r of rows.filter((x) => x.modelled)) {
      expect(r.thresholds[1]).toBeGreaterThan(r.thresholds[0]);
      expect(r.caught[1]).toBeLessThanOrEqual(r.cases);
    }
    // a lasting AR(1) shift of 3 marginal sigmas shows mostly in its first innovation: far rarer false alarms cost catches
    const ar1 = rows.filter((r) => r.kind === 'ar1');
    expect(ar1.reduce((n, r) => n + r.caught[1], 0)).toBeLessThan(ar1.reduce((n, r) => n + r.caught[0], 0));
  });
});

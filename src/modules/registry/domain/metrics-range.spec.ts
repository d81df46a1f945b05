import { failureRatio, MAX_METRIC_BUCKETS, parseMetricsStep, planMetricsRange } from './metrics-range';

const NOW = new Date('2026-01-15T10:07:30.000Z');

describe('planMetricsRange', () => {
  it('defaults to the last 24 h in 15-minute buckets aligned to the step', () => {
    expect(planMetricsRange({}, NOW)).toEqual({
      startMs: Date.parse('2026-01-14T10:00:00.000Z'),
      endMs: NOW.getTime(),
      stepMs: 900_000,
      step: '15m',
      buckets: 97,
    });
  });
  it('picks the finest step within 200 buckets for the ranges the console offers', () => {
    const step = (ms: number) => (planMetricsRange({ from: new Date(NOW.getTime() - ms) }, NOW) as { step: string }).step;
    expect([step(3_600_000), step(7 * 86_400_000), step(30 * 86_400_000)]).toEqual(['1m', '1h', '6h']);
  });
  it('takes an explicit step and refuses one that makes more than 2000 buckets, naming step', () => {
    expect(planMetricsRange({ from: new Date('2026-01-15T00:00:00Z'), to: new Date('2026-01-15T01:00:00Z'), step: '1m' }, NOW)).toMatchObject({ buckets: 60, stepMs: 60_000 });
    const from = new Date(NOW.getTime() - (MAX_METRIC_BUCKETS + 1) * 60_000);
    expect(planMetricsRange({ from, step: '1m' }, NOW)).toEqual([expect.objectContaining({ field: 'step' })]);
    expect(planMetricsRange({ step: '5x' }, NOW)).toEqual([expect.objectContaining({ field: 'step' })]);
  });
  it('refuses an empty range, naming from', () => {
    expect(planMetricsRange({ from: NOW, to: NOW }, NOW)).toEqual([{ field: 'from', message: 'must be before to' }]);
  });
});

describe('parseMetricsStep / failureRatio', () => {
  it('reads whole s, m, h and d only', () => {
    expect([parseMetricsStep('30s'), parseMetricsStep('5m'), parseMetricsStep('2h'), parseMetricsStep('1d')]).toEqual([30_000, 300_000, 7_200_000, 86_400_000]);
    expect([parseMetricsStep('0m'), parseMetricsStep('1.5h'), parseMetricsStep('1h30m'), parseMetricsStep('')]).toEqual([undefined, undefined, undefined, undefined]);
  });
  it('is failed over finished runs, null when none finished', () => {
    expect(failureRatio(1, 5, 1)).toBe(0.25);
    expect(failureRatio(0, 2, 2)).toBeNull();
  });
});

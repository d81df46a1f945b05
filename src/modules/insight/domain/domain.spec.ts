import { formatDuration, parseDuration, spanWords } from './duration';
import { EpisodeTracker } from './episodes';
import { hintFor } from './hint';
import { backoffMs } from './probe';
import { planRange, PROMETHEUS_MAX_POINTS } from './range';
import { median } from './scoring';
import { cronProblem, nextCronRun } from './schedule';
import { seriesKey } from './series';

describe('durations', () => {
  it.each([
    ['1h', 3_600_000],
    ['60s', 60_000],
    ['1h30m', 5_400_000],
    ['500ms', 500],
    ['2d', 172_800_000],
    ['1w', 604_800_000],
    ['1y', 31_536_000_000],
    [' 5m ', 300_000],
  ])('%s = %d ms', (text, ms) => expect(parseDuration(text)).toBe(ms));

  it.each(['', '0s', '1', 'h', '1.5s', '30m1h', '1h1h', '-1s', '1 h', '1hr'])('rejects %p', (text) => expect(parseDuration(text)).toBeUndefined());

  it('formats back to the shortest form', () => {
    expect(formatDuration(3_600_000)).toBe('1h');
    expect(formatDuration(60_000)).toBe('1m');
    expect(formatDuration(5_400_000)).toBe('1h30m');
    expect(formatDuration(90_500)).toBe('1m30s500ms');
  });

  it('words for hints', () => {
    expect(spanWords(86_400_000)).toBe('24 h');
    expect(spanWords(172_800_000)).toBe('2 d');
    expect(spanWords(3_600_000)).toBe('1 h');
    expect(spanWords(1_800_000)).toBe('30 min');
    expect(spanWords(45_000)).toBe('45 s');
  });
});

describe('planRange', () => {
  it('aligns start and end down to multiples of the step', () => {
    const r = planRange(1_700_000_123_456, 3_600_000, 60_000);
    expect(r).toEqual({ startMs: 1_699_996_500_000, endMs: 1_700_000_100_000, stepMs: 60_000, points: 61 });
    expect(r.startMs % r.stepMs).toBe(0);
    // a few seconds later, the same samples
    expect(planRange(1_700_000_150_000, 3_600_000, 60_000)).toEqual(r);
  });

  it('widens the step so no series exceeds 11,000 points', () => {
    const r = planRange(1_700_000_000_000, 30 * 86_400_000, 15_000);
    expect(r.stepMs).toBe(236_000);
    expect(r.points).toBeLessThanOrEqual(PROMETHEUS_MAX_POINTS);
    expect(r.points).toBe(10_984 + 1);
    expect(planRange(0, 11_000_000, 1000).points).toBeLessThanOrEqual(PROMETHEUS_MAX_POINTS);
  });
});

describe('seriesKey', () => {
  it('sorts labels and escapes values as Prometheus does', () => {
    expect(seriesKey({ job: 'api', instance: 'a:1' })).toBe('instance="a:1",job="api"');
    expect(seriesKey({ q: 'say "hi"\\\n' })).toBe('q="say \\"hi\\"\\\\\\n"');
    expect(seriesKey({})).toBe('');
  });
});

describe('EpisodeTracker', () => {
  const settings = { threshold: 3, minConsecutive: 1, cooldownMs: 180_000 };
  const feed = (t: EpisodeTracker, scores: number[], startMs = 0) => scores.forEach((s, i) => t.push(startMs + i * 60_000, 10 + s, s, 10));

  it('one episode per run of anomalous points; peak kept; resolves after the cooldown', () => {
    const t = new EpisodeTracker(settings);
    feed(t, [0, 4, 6, 5, 0, 0, 0, 0, 0]);
    expect([...t.touched.values()]).toEqual([
      { startMs: 60_000, peakMs: 120_000, value: 16, score: 6, baseline: 10, evidence: null, lastAnomalousMs: 180_000, resolvedMs: 360_000 },
    ]);
    expect(t.current).toBeNull();
  });

  it('keeps what the detector saw at the peak, across polls', () => {
    const t = new EpisodeTracker({ ...settings, minConsecutive: 2 });
    t.push(0, 14, 4, 10, 'burst');
    const resumed = new EpisodeTracker({ ...settings, minConsecutive: 2 }, JSON.parse(JSON.stringify(t.state())));
    resumed.push(60_000, 13, 3.5, 10, 'level shift');
    expect(resumed.current).toMatchObject({ startMs: 0, score: 4, evidence: 'burst' });
    resumed.push(120_000, 19, 9, 10, 'level shift');
    expect(resumed.current).toMatchObject({ peakMs: 120_000, score: 9, evidence: 'level shift' });
  });

  it('a dip shorter than the cooldown does not split the episode', () => {
    const t = new EpisodeTracker(settings);
    feed(t, [4, 0, 0, 5, 0]);
    expect(t.touched.size).toBe(1);
    expect(t.current).toMatchObject({ startMs: 0, score: 5, lastAnomalousMs: 180_000, resolvedMs: null });
  });

  it('needs min_consecutive anomalous points in a row; the episode starts at the first', () => {
    const t = new EpisodeTracker({ ...settings, minConsecutive: 3 });
    feed(t, [4, 4, 0, 4, 4, 4]);
    expect([...t.touched.keys()]).toEqual([180_000]);
  });

  it('carries state across polls exactly', () => {
    const whole = new EpisodeTracker(settings);
    feed(whole, [0, 4, 6, 0, 0, 0, 0, 5]);
    const a = new EpisodeTracker(settings);
    feed(a, [0, 4, 6, 0]);
    const b = new EpisodeTracker(settings, JSON.parse(JSON.stringify(a.state())));
    [0, 0, 0, 5].forEach((s, i) => b.push((4 + i) * 60_000, 10 + s, s, 10));
    expect(b.state()).toEqual(whole.state());
    expect(whole.touched.size).toBe(2);
  });
});

describe('hintFor', () => {
  it('says what happened in words', () => {
    expect(
      hintFor({ metric: 'runs_duration_p95_ms', labels: { wpk_id: 'X' }, value: 8200, score: 4.12, unit: 'sigma', baseline: 1210, baselineSpanMs: 86_400_000 }),
    ).toBe('p95 duration of workflow X rose to 8.2 s, 4.1σ above its 24 h baseline of 1.2 s');
    expect(
      hintFor({ metric: 'runs_failure_ratio', labels: {}, value: 0, score: 3.5, unit: 'sigma', baseline: 0.25, baselineSpanMs: 3_600_000 }),
    ).toBe('failure ratio of all workflows fell to 0%, 3.5σ below its 1 h baseline of 25%');
    expect(
      hintFor({ metric: 'rate(x[5m])', labels: { job: 'api', __name__: 'x' }, value: 123.4, score: 12, unit: 'surprise', baseline: null, baselineSpanMs: 60_000 }),
    ).toBe('rate(x[5m]){job="api"} rose to 123, 12.0 surprise above its 1 min baseline');
  });

  it('ends with what the detector saw, where it can tell', () => {
    const base = { metric: 'queue_wait_seconds', labels: {}, value: 160, score: 9.4, unit: 'decades', baseline: 100, baselineSpanMs: 86_400_000 };
    expect(hintFor({ ...base, evidence: 'level shift: the last 8 points above the recent level' })).toBe(
      'queue_wait_seconds rose to 160, 9.4 decades above its 24 h baseline of 100; level shift: the last 8 points above the recent level',
    );
    expect(hintFor({ ...base, evidence: null })).toBe('queue_wait_seconds rose to 160, 9.4 decades above its 24 h baseline of 100');
  });
});

describe('helpers', () => {
  it('median', () => {
    expect(median([])).toBeNull();
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
  });

  it('backoff doubles from the interval and caps at an hour (or the interval if longer)', () => {
    expect(backoffMs(60_000, 1)).toBe(120_000);
    expect(backoffMs(60_000, 3)).toBe(480_000);
    expect(backoffMs(60_000, 30)).toBe(3_600_000);
    expect(backoffMs(7_200_000, 2)).toBe(7_200_000);
  });
});

describe('cron schedule', () => {
  it('validates and finds the next firing time in UTC', () => {
    expect(cronProblem('*/5 * * * *')).toBeUndefined();
    expect(cronProblem('every day')).toBeDefined();
    expect(nextCronRun('*/5 * * * *', new Date('2026-01-15T10:02:30Z')).toISOString()).toBe('2026-01-15T10:05:00.000Z');
    expect(nextCronRun('0 3 * * *', new Date('2026-01-15T03:00:00Z')).toISOString()).toBe('2026-01-16T03:00:00.000Z');
  });
});

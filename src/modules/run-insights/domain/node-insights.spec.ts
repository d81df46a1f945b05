import { rankSums } from './statistics';
import { failingNodes, formatDuration, formatRatio, formatSince, NodeFigures, NodeWindowFigures, regressions, slowestNodes } from './node-insights';

const since = new Date('2026-12-01T00:00:00Z');
const WEEK = 7 * 86_400_000;

function figures(durations: number[], failures: number): NodeWindowFigures {
  const sorted = [...durations].sort((a, b) => a - b);
  const pick = (f: number) => (sorted.length ? sorted[Math.max(1, Math.ceil(f * sorted.length)) - 1] : null);
  return { executions: durations.length, timed: durations.length, failures, p50_ms: pick(0.5), p95_ms: pick(0.95), duration_sum_ms: durations.reduce((a, b) => a + b, 0) };
}

function node(name: string, now: number[], before: number[], failuresNow = 0, failuresBefore = 0): NodeFigures {
  return { node: name, current: figures(now, failuresNow), previous: figures(before, failuresBefore), ranks: rankSums(now, before) };
}

describe('wording', () => {
  it('writes durations, ratios and dates as a person would', () => {
    expect(formatDuration(310)).toBe('310 ms');
    expect(formatDuration(1200)).toBe('1.2 s');
    expect(formatDuration(12_340)).toBe('12 s');
    expect(formatDuration(150_000)).toBe('2.5 min');
    expect(formatDuration(7_560_000)).toBe('2.1 h');
    expect(formatRatio(0.125)).toBe('12.5%');
    expect(formatRatio(0.01)).toBe('1%');
    expect(formatSince(since, WEEK)).toBe('2026-12-01');
    expect(formatSince(new Date('2026-12-02T13:00:00Z'), 3_600_000)).toBe('2026-12-02 13:00 UTC');
  });
});

describe('regressions', () => {
  const before = Array.from({ length: 40 }, (_, i) => 290 + i);
  it('names a node whose durations rose, with its p95 before and after', () => {
    const after = [...Array.from({ length: 37 }, (_, i) => 900 + i * 5), 1200, 1250, 1300];
    const [r, ...rest] = regressions([node('enrich', after, before)], since, WEEK);
    expect(rest).toEqual([]);
    expect(r).toMatchObject({ node: 'enrich', kind: 'duration', metric: 'p95_ms', from: 327, to: 1200, samples: { current: 40, previous: 40 } });
    expect(r.message).toBe('node `enrich` p95 rose from 327 ms to 1.2 s since 2026-12-01');
    expect(r.p_value).toBeLessThan(0.01);
  });

  it('leaves out a node that got faster, one with fewer than 30 samples a side, and one that did not change', () => {
    const faster = before.map((d) => d - 200);
    const few = Array.from({ length: 29 }, () => 5000);
    expect(regressions([node('a', faster, before), node('b', few, before), node('c', before, [...before].reverse())], since, WEEK)).toEqual([]);
  });

  it('names a node whose failure ratio rose by the two-proportion z-test', () => {
    const ok = Array.from({ length: 200 }, () => 100);
    const [r] = regressions([node('ocr', ok, ok, 30, 10)], since, WEEK);
    expect(r).toMatchObject({ kind: 'failure_ratio', from: 0.05, to: 0.15 });
    expect(r.z).toBeCloseTo(3.3333, 4);
    expect(r.message).toBe('node `ocr` failure ratio rose from 5% to 15% since 2026-12-01');
    // 13/200 against 10/200: no evidence
    expect(regressions([node('ocr', ok, ok, 13, 10)], since, WEEK)).toEqual([]);
  });
});

describe('slowest and failing nodes', () => {
  it('ranks by p95 with the share of the run time and the change against the previous window', () => {
    const nodes = [node('fetch', [100, 100, 100, 100], [100, 100, 100, 100]), node('parse', [400, 400, 800, 800], [400, 400, 400, 400])];
    expect(slowestNodes(nodes, 4000)).toEqual([
      { node: 'parse', executions: 4, p50_ms: 400, p95_ms: 800, share_of_run_time: 0.6, previous: { executions: 4, p50_ms: 400, p95_ms: 400 }, p95_change: 1, p50_change: 0 },
      { node: 'fetch', executions: 4, p50_ms: 100, p95_ms: 100, share_of_run_time: 0.1, previous: { executions: 4, p50_ms: 100, p95_ms: 100 }, p95_change: 0, p50_change: 0 },
    ]);
  });

  it('lists at most 50 nodes each way', () => {
    const many = Array.from({ length: 60 }, (_, i) => node(`n${String(i).padStart(2, '0')}`, [i + 1], [], 1));
    expect(slowestNodes(many, 100).map((n) => n.node)).toEqual(Array.from({ length: 50 }, (_, i) => `n${59 - i}`));
    expect(failingNodes(many, new Map())).toHaveLength(50);
  });

  it('lists nodes with failures, most first, with their commonest errors', () => {
    const nodes = [node('a', [1, 1, 1, 1], [], 1), node('b', [1, 1, 1, 1], [1, 1], 3, 1), node('c', [1], [], 0)];
    const errors = new Map([['b', [{ error: 'x', count: 2 }, { error: null, count: 1 }]]]);
    expect(failingNodes(nodes, errors)).toEqual([
      { node: 'b', executions: 4, failures: 3, failure_ratio: 0.75, previous_failure_ratio: 0.5, top_errors: [{ error: 'x', count: 2 }, { error: null, count: 1 }] },
      { node: 'a', executions: 4, failures: 1, failure_ratio: 0.25, previous_failure_ratio: null, top_errors: [] },
    ]);
  });
});

import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { assertConcurrency, checked, load } from '../../bench/loader';
import { setDatabasePrefix } from '../../bench/lib';
import { alternating, median, pairedGain, percentile, withRepeats } from '../../bench/stats';

describe('bench statistics', () => {
  it('takes the median of an even count as the mean of the middle two', () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([5, 1, 3])).toBe(3);
  });

  it('answers nearest-rank percentiles of the recorded values, not bucket bounds', () => {
    const sorted = Array.from({ length: 100 }, (_, i) => (i + 1) / 1000); // 0.001 … 0.100 ms
    expect(percentile(sorted, 50)).toBe(0.05);
    expect(percentile(sorted, 95)).toBe(0.095);
    expect(percentile(sorted, 99)).toBe(0.099);
    // p95 is not p97.5
    expect(percentile(sorted, 95)).not.toBe(percentile(sorted, 97.5));
  });

  it('prints every repeat beside the median', () => {
    expect(withRepeats([3, 1, 2], 0)).toBe('2 (3 / 1 / 2)');
  });

  it('alternates the order of the variants between repeats', () => {
    expect(alternating(['a', 'b', 'c'], 0)).toEqual(['a', 'b', 'c']);
    expect(alternating(['a', 'b', 'c'], 1)).toEqual(['c', 'b', 'a']);
  });

  it('keeps a change only for a median gain of 5 % or more whose interval excludes zero', () => {
    const steady = pairedGain([110, 111, 109, 110, 112], [100, 100, 100, 100, 100], { higherIsBetter: true });
    expect(steady.median).toBeCloseTo(0.1, 5);
    expect(steady.low).toBeGreaterThan(0);
    expect(steady.pays).toBe(true);
    const noisy = pairedGain([130, 80, 125, 85, 110], [100, 100, 100, 100, 100], { higherIsBetter: true });
    expect(noisy.median).toBeCloseTo(0.1, 5);
    expect(noisy.low).toBeLessThan(0);
    expect(noisy.pays).toBe(false);
    const small = pairedGain([102, 102, 102, 103, 102], [100, 100, 100, 100, 100], { higherIsBetter: true });
    expect(small.low).toBeGreaterThan(0);
    expect(small.pays).toBe(false);
    // for a latency, lower is better
    const faster = pairedGain([8, 8, 8, 8, 8.1], [10, 10, 10, 10, 10], { higherIsBetter: false });
    expect(faster.median).toBeCloseTo(0.25, 5);
    expect(faster.pays).toBe(true);
  });

  it('refuses unpaired figures', () => {
    expect(() => pairedGain([1, 2], [1], { higherIsBetter: true })).toThrow(/paired/);
  });
});

describe('bench loader', () => {
  let server: http.Server;
  let url: string;
  let failEvery = 0;
  let served = 0;
  let inFlight = 0;
  let maxInFlight = 0;

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      served++;
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      req.resume();
      req.on('end', () =>
        setTimeout(() => {
          inFlight--;
          const fail = failEvery > 0 && served % failEvery === 0;
          res.writeHead(fail ? 500 : 200, { 'content-type': 'application/json' });
          res.end(fail ? '{"error":"boom"}' : '{"items":[1,2,3]}');
        }, 2),
      );
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));
  beforeEach(() => {
    failEvery = 0;
    served = 0;
    maxInFlight = 0;
  });

  it('applies exactly the asked concurrency and times each request below the millisecond', async () => {
    const res = checked(await load({ url, connections: 4, duration: 0.5 }), 'test', 4);
    expect(res.maxInFlight).toBe(4);
    expect(maxInFlight).toBe(4);
    expect(res.requests).toBe(served);
    // a 2 ms timer answers in 2.x ms: microsecond resolution, not whole milliseconds
    expect(res.p50).toBeGreaterThanOrEqual(2);
    expect(Number.isInteger(res.p50)).toBe(false);
    expect(res.p99).toBeGreaterThanOrEqual(res.p95);
    expect(res.p95).toBeGreaterThanOrEqual(res.p50);
  });

  it('refuses a figure when any answer is not 2xx, and does not count what failed', async () => {
    failEvery = 5;
    let counted = 0;
    const res = await load({ url, connections: 2, duration: 0.3, method: 'POST', body: () => '{}', onAnswer: (_s, body) => (counted++, (JSON.parse(body) as { items: unknown[] }).items.length) });
    expect(res.non2xx).toBeGreaterThan(0);
    expect(res.counted).toBe(3 * counted);
    expect(counted).toBe(res.requests - res.non2xx);
    expect(res.firstFailure).toMatch(/^500 /);
    expect(() => checked(res, 'batch')).toThrow(/non-2xx.*no figure/);
  });

  it('ends the load when every prepared body is sent, never reusing one', async () => {
    const bodies = ['{"n":1}', '{"n":2}', '{"n":3}', '{"n":4}', '{"n":5}'];
    let next = 0;
    const res = checked(await load({ url, connections: 2, duration: 10, method: 'POST', body: () => (next < bodies.length ? bodies[next++] : null) }), 'prepared');
    expect(res.requests).toBe(5);
    expect(served).toBe(5);
    expect(res.rps).toBeGreaterThan(5 / 10);
  });

  it('refuses unequal concurrency', () => {
    expect(() => assertConcurrency('batch', { direct: 1, neuralops: 4 }, 4)).toThrow(/unequal concurrency.*direct reached 1/);
    expect(() => assertConcurrency('batch', { direct: 4, neuralops: 4 }, 4)).not.toThrow();
  });
});

describe('bench database names', () => {
  afterAll(() => setDatabasePrefix('bench'));
  it('takes a prefix that is a plain SQL identifier and nothing else', () => {
    expect(() => setDatabasePrefix('alice_bench')).not.toThrow();
    expect(() => setDatabasePrefix('bench; DROP DATABASE x')).toThrow(/--db-prefix/);
    expect(() => setDatabasePrefix('Bench')).toThrow(/--db-prefix/);
  });
});

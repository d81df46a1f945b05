import { FailureLimiter } from './failure-limiter';

describe('FailureLimiter', () => {
  it('allows `perSecond` failures per address at once, then refuses until the bucket refills', () => {
    const limiter = new FailureLimiter(3);
    const t0 = 1_000_000;
    expect([1, 2, 3].map(() => limiter.fail('a', t0).limited)).toEqual([false, false, false]);
    expect(limiter.fail('a', t0)).toEqual({ limited: true, retryAfterMs: 334, firstRefusal: true });
    expect(limiter.fail('a', t0 + 100)).toEqual({ limited: true, retryAfterMs: 234, firstRefusal: false });
    // another address has its own budget
    expect(limiter.fail('b', t0).limited).toBe(false);
    // a third of a second later one more failure is allowed, then refused again
    expect(limiter.fail('a', t0 + 334).limited).toBe(false);
    expect(limiter.fail('a', t0 + 335).limited).toBe(true);
    // a full second refills the whole budget, and never more than it
    expect([1, 2, 3, 4].map(() => limiter.fail('a', t0 + 10_000).limited)).toEqual([false, false, false, true]);
  });

  it('answers whether an address is being refused without spending its budget', () => {
    const limiter = new FailureLimiter(2);
    expect(limiter.isLimited('a', 0)).toBe(false);
    limiter.fail('a', 0);
    limiter.fail('a', 0);
    expect(limiter.isLimited('a', 0)).toBe(true);
    expect(limiter.isLimited('a', 499)).toBe(true);
    expect(limiter.isLimited('a', 500)).toBe(false);
    expect(limiter.fail('a', 500).limited).toBe(false);
  });

  it('holds at most `maxAddresses` addresses, forgetting the oldest first', () => {
    const limiter = new FailureLimiter(1, 100);
    for (let i = 0; i < 1000; i++) limiter.fail(`10.0.${i >> 8}.${i & 255}`, 0);
    expect(limiter.size).toBeLessThanOrEqual(100);
    // the most recent addresses are still refused
    expect(limiter.fail('10.0.3.231', 0).limited).toBe(true);
  });
});

export interface FailureVerdict {
  /** the failure is past the address's budget: answer 429, not 401 */
  limited: boolean;
  /** when the address may fail again (0 when not limited) */
  retryAfterMs: number;
  /** the first refusal since the address was last within its budget */
  firstRefusal: boolean;
}

interface Bucket {
  tokens: number;
  at: number;
  refusing: boolean;
}

/**
 * A token bucket per client address for failed authentications: `perSecond` at once, refilled at
 * `perSecond` a second. Only failures spend it, so a client that authenticates is never slowed.
 * Addresses least recently seen failing are forgotten first once `maxAddresses` are held.
 */
export class FailureLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly perSecond: number,
    private readonly maxAddresses = 100_000,
  ) {}

  get size(): number {
    return this.buckets.size;
  }

  private refilled(bucket: Bucket | undefined, now: number): number {
    if (!bucket) return this.perSecond;
    return Math.min(this.perSecond, bucket.tokens + ((now - bucket.at) / 1000) * this.perSecond);
  }

  private retryAfterMs(tokens: number): number {
    return Math.ceil(((1 - tokens) / this.perSecond) * 1000);
  }

  /** Whether a failure from `address` now would be refused; spends nothing. */
  isLimited(address: string, now: number): boolean {
    return this.refilled(this.buckets.get(address), now) < 1;
  }

  /** Records one failed authentication from `address`. */
  fail(address: string, now: number): FailureVerdict {
    const bucket = this.buckets.get(address);
    const tokens = this.refilled(bucket, now);
    const next: Bucket = { tokens, at: now, refusing: false };
    let verdict: FailureVerdict;
    if (tokens >= 1) {
      next.tokens = tokens - 1;
      verdict = { limited: false, retryAfterMs: 0, firstRefusal: false };
    } else {
      next.refusing = true;
      verdict = { limited: true, retryAfterMs: this.retryAfterMs(tokens), firstRefusal: !bucket?.refusing };
    }
    // re-inserted so the map stays in order of last failure, oldest first
    this.buckets.delete(address);
    this.buckets.set(address, next);
    while (this.buckets.size > this.maxAddresses) this.buckets.delete(this.buckets.keys().next().value as string);
    return verdict;
  }
}

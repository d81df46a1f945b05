import { NeuralOpsError } from './errors.js';

export interface DeliveryOptions {
  /** attempts per item before it is dropped with a warning; default 6 */
  maxAttempts: number;
  /** first backoff; doubles per attempt with jitter, capped at retryMaxMs */
  retryBaseMs: number;
  retryMaxMs: number;
  /** items waiting at most; beyond, the oldest is dropped with a warning */
  maxBuffer: number;
  warn: (message: string) => void;
}

/** What became of the queued items since the previous flush resolved (or since the queue was made). */
export interface FlushResult {
  /** accepted by the server */
  delivered: number;
  /** given up on: refused by the server (a 4xx other than 408/429), or still failing after maxAttempts */
  failed: number;
  /** pushed out of a full buffer (maxBuffer) before they could be sent */
  dropped: number;
  /** still waiting when flush resolved: only after its timeout */
  pending: number;
}

interface Item<T> {
  key: string;
  value: T;
  attempts: number;
}

/**
 * A bounded, ordered background sender: one item in flight at a time, bounded retries with
 * exponential backoff on retryable failures, and unref'd timers so it never keeps a process alive.
 * `push` never throws and never waits; `flush` resolves once nothing is pending, with what became
 * of the items since the previous flush.
 */
export class DeliveryQueue<T> {
  private readonly items: Item<T>[] = [];
  private running = false;
  private idleWaiters: Array<() => void> = [];
  private dropped = 0;
  private failed = 0;
  private delivered = 0;
  /** the counters when the previous flush resolved */
  private reported = { delivered: 0, failed: 0, dropped: 0 };
  /** one warning per streak of failed attempts, not one per retry */
  private failing = false;

  constructor(
    private readonly send: (value: T) => Promise<void>,
    private readonly options: DeliveryOptions,
  ) {}

  /** Counters since the queue was made; `dropped` counts buffer overflows, `failed` items given up on. */
  get stats(): { pending: number; delivered: number; failed: number; dropped: number } {
    return { pending: this.items.length, delivered: this.delivered, failed: this.failed, dropped: this.dropped };
  }

  /** Queues `value`; an item still waiting under the same key is replaced (the newer state wins). */
  push(key: string, value: T): void {
    const waiting = this.items.findIndex((i, index) => i.key === key && !(this.running && index === 0));
    if (waiting >= 0) {
      this.items[waiting] = { key, value, attempts: 0 };
    } else {
      this.items.push({ key, value, attempts: 0 });
      while (this.items.length > this.options.maxBuffer) {
        const dropAt = this.running ? 1 : 0;
        const [old] = this.items.splice(dropAt, 1);
        this.dropped++;
        this.options.warn(`NeuralOps: delivery buffer full (${this.options.maxBuffer}); dropped the oldest pending item (${old.key})`);
      }
    }
    if (!this.running) void this.drain();
  }

  /**
   * Resolves when every queued item was delivered or given up on (or at `timeoutMs`), with what
   * became of the items since the previous flush resolved: delivered, failed, dropped, and still
   * pending. The queue's own timers are unref'd; a pending flush keeps the process alive until it
   * resolves.
   */
  flush(timeoutMs?: number): Promise<FlushResult> {
    if (!this.running && this.items.length === 0) return Promise.resolve(this.report());
    return new Promise<FlushResult>((resolve) => {
      const keepAlive = setInterval(() => undefined, 60_000);
      let timer: ReturnType<typeof setTimeout> | undefined;
      const done = () => {
        clearInterval(keepAlive);
        if (timer) clearTimeout(timer);
        resolve(this.report());
      };
      this.idleWaiters.push(done);
      if (timeoutMs !== undefined) {
        timer = setTimeout(() => {
          this.idleWaiters = this.idleWaiters.filter((w) => w !== done);
          done();
        }, timeoutMs);
      }
    });
  }

  private report(): FlushResult {
    const now = { delivered: this.delivered, failed: this.failed, dropped: this.dropped };
    const since = this.reported;
    this.reported = now;
    return {
      delivered: now.delivered - since.delivered,
      failed: now.failed - since.failed,
      dropped: now.dropped - since.dropped,
      pending: this.items.length,
    };
  }

  private async drain(): Promise<void> {
    this.running = true;
    try {
      while (this.items.length > 0) {
        const item = this.items[0];
        item.attempts++;
        try {
          await this.send(item.value);
          this.delivered++;
          this.failing = false;
          this.remove(item);
        } catch (err) {
          const retryable = !(err instanceof NeuralOpsError) || err.retryable;
          if (retryable && !this.failing && item.attempts < this.options.maxAttempts) {
            this.failing = true;
            this.options.warn(`NeuralOps: delivery of ${item.key} failed (${describe(err)}); retrying in the background`);
          }
          if (!retryable || item.attempts >= this.options.maxAttempts) {
            this.remove(item);
            this.failed++;
            this.options.warn(
              `NeuralOps: gave up delivering ${item.key} after ${item.attempts} attempt(s): ${describe(err)}`,
            );
            continue;
          }
          await sleep(backoff(item.attempts, this.options.retryBaseMs, this.options.retryMaxMs));
        }
      }
    } finally {
      this.running = false;
      const waiters = this.idleWaiters;
      this.idleWaiters = [];
      for (const w of waiters) w();
    }
  }

  private remove(item: Item<T>): void {
    const index = this.items.indexOf(item);
    if (index >= 0) this.items.splice(index, 1);
  }
}

export function backoff(attempt: number, baseMs: number, maxMs: number): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** (attempt - 1));
  return Math.round(ceiling / 2 + Math.random() * (ceiling / 2));
}

function describe(err: unknown): string {
  if (err instanceof NeuralOpsError) {
    const details = err.details === undefined ? '' : ` ${JSON.stringify(err.details).slice(0, 500)}`;
    return `${err.status || ''} ${err.code}: ${err.message}${details}`.trim();
  }
  return err instanceof Error ? err.message : String(err);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => unref(setTimeout(resolve, ms)));
}

/** In Node a timer can be unref'd so it never keeps the process alive; a browser's is a plain number. */
function unref(timer: ReturnType<typeof setTimeout>): void {
  (timer as { unref?: () => void }).unref?.();
}

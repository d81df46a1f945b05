import { backoff, DeliveryQueue } from './delivery-queue.js';
import { NeuralOpsError } from './errors.js';

const options = { maxAttempts: 3, retryBaseMs: 1, retryMaxMs: 4, maxBuffer: 3, warn: () => undefined };

describe('DeliveryQueue', () => {
  it('delivers in order, one at a time', async () => {
    const sent: string[] = [];
    let inFlight = 0;
    const q = new DeliveryQueue<string>(async (v) => {
      expect(++inFlight).toBe(1);
      await new Promise((r) => setTimeout(r, 2));
      sent.push(v);
      inFlight--;
    }, options);
    q.push('a', 'a1');
    q.push('b', 'b1');
    q.push('c', 'c1');
    await q.flush();
    expect(sent).toEqual(['a1', 'b1', 'c1']);
    expect(q.stats).toEqual({ pending: 0, delivered: 3, failed: 0, dropped: 0 });
  });

  it('a newer value for a waiting key replaces it; the one in flight is not touched', async () => {
    const sent: string[] = [];
    const q = new DeliveryQueue<string>(async (v) => void sent.push(v), options);
    q.push('a', 'a-running');
    q.push('b', 'b-running');
    q.push('b', 'b-done');
    q.push('a', 'a-done');
    await q.flush();
    expect(sent).toEqual(['a-running', 'b-done', 'a-done']);
  });

  it('retries retryable failures up to maxAttempts, gives up at once on a 4xx, warns', async () => {
    const warnings: string[] = [];
    let calls = 0;
    const q = new DeliveryQueue<string>(
      async (v) => {
        calls++;
        if (v === 'bad') throw new NeuralOpsError({ status: 400, code: 'VALIDATION_FAILED', message: 'no', details: [{ field: 'status' }] });
        throw new NeuralOpsError({ status: 503, code: 'UNAVAILABLE', message: 'later' });
      },
      { ...options, warn: (m) => warnings.push(m) },
    );
    q.push('x', 'down');
    q.push('y', 'bad');
    await q.flush();
    expect(calls).toBe(4);
    expect(q.stats).toEqual({ pending: 0, delivered: 0, failed: 2, dropped: 0 });
    expect(warnings).toEqual([
      expect.stringContaining('delivery of x failed (503 UNAVAILABLE: later); retrying in the background'),
      expect.stringContaining('gave up delivering x after 3 attempt(s)'),
      expect.stringContaining('gave up delivering y after 1 attempt(s): 400 VALIDATION_FAILED: no [{"field":"status"}]'),
    ]);
  });

  it('keeps at most maxBuffer items, dropping the oldest waiting one', async () => {
    const warnings: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const sent: string[] = [];
    const q = new DeliveryQueue<string>(
      async (v) => {
        await gate;
        sent.push(v);
      },
      { ...options, warn: (m) => warnings.push(m) },
    );
    for (const k of ['1', '2', '3', '4', '5']) q.push(k, k);
    expect(q.stats).toMatchObject({ pending: 3, failed: 0, dropped: 2 });
    release();
    await q.flush();
    expect(sent).toEqual(['1', '4', '5']);
    expect(warnings).toHaveLength(2);
  });

  it('flush(timeoutMs) resolves even while deliveries keep failing, saying what is still pending', async () => {
    const q = new DeliveryQueue<string>(() => Promise.reject(new Error('down')), { ...options, maxAttempts: 1_000, retryBaseMs: 50, retryMaxMs: 50 });
    q.push('a', 'a');
    const t0 = Date.now();
    expect(await q.flush(120)).toEqual({ delivered: 0, failed: 0, dropped: 0, pending: 1 });
    expect(Date.now() - t0).toBeLessThan(1_000);
    expect(q.stats.pending).toBe(1);
  });

  it('flush() resolves what became of the items since the previous flush: delivered, failed, dropped, pending', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const q = new DeliveryQueue<string>(
      async (v) => {
        await gate;
        if (v === 'bad') throw new NeuralOpsError({ status: 400, code: 'VALIDATION_FAILED', message: 'no' });
      },
      options,
    );
    expect(await q.flush()).toEqual({ delivered: 0, failed: 0, dropped: 0, pending: 0 });
    // '1' is in flight; '2' and '3' are pushed out of the buffer by 'bad' and '5'
    for (const k of ['1', '2', '3', 'bad', '5']) q.push(k, k);
    release();
    expect(await q.flush()).toEqual({ delivered: 2, failed: 1, dropped: 2, pending: 0 });
    // the next flush starts afresh
    expect(await q.flush()).toEqual({ delivered: 0, failed: 0, dropped: 0, pending: 0 });
    q.push('6', '6');
    expect(await q.flush()).toEqual({ delivered: 1, failed: 0, dropped: 0, pending: 0 });
    expect(q.stats).toEqual({ pending: 0, delivered: 3, failed: 1, dropped: 2 });
  });

  it('backoff doubles per attempt with jitter in [ceiling/2, ceiling], capped', () => {
    for (let i = 0; i < 50; i++) {
      expect(backoff(1, 100, 5_000)).toBeGreaterThanOrEqual(50);
      expect(backoff(1, 100, 5_000)).toBeLessThanOrEqual(100);
      expect(backoff(4, 100, 5_000)).toBeGreaterThanOrEqual(400);
      expect(backoff(4, 100, 5_000)).toBeLessThanOrEqual(800);
      expect(backoff(30, 100, 5_000)).toBeLessThanOrEqual(5_000);
    }
  });
});

import * as http from 'node:http';
import { Database } from '../../src/database/database.service';
import { Clock } from '../../src/modules/insight/clock';
import { DeliveriesRepository } from '../../src/modules/insight/deliveries.repository';
import { DeliveryWorker } from '../../src/modules/insight/delivery/delivery.worker';
import { EpisodeContext, SignalsService } from '../../src/modules/insight/signals.service';
import { describeDb, startTestApp, TestApp } from '../support/test-app';

const SECRET = 'webhook-secret-0123456789';
const MIN = 60_000;

interface Received {
  path: string;
  body: string;
}

/**
 * A receiver that answers `status` (503 while "down"); with `hold` set it keeps each request open
 * until released, to have a delivery in flight on purpose.
 */
async function receiver() {
  const seen: Received[] = [];
  const state = { status: 503, hold: false };
  const held: Array<() => void> = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const answer = () => {
        seen.push({ path: req.url ?? '', body });
        res.statusCode = state.status;
        res.end(req.url === '/-/ready' ? 'OK' : '');
      };
      if (state.hold) held.push(answer);
      else answer();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  return {
    base,
    seen,
    state,
    /** answers every held request (with the status at that moment) */
    release: () => held.splice(0).forEach((answer) => answer()),
    heldCount: () => held.length,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describeDb('insight delivery: order per signal and channel, recovery after an outage', () => {
  let t: TestApp;
  let hook: Awaited<ReturnType<typeof receiver>>;
  let am: Awaited<ReturnType<typeof receiver>>;
  let clockOffset = 0;
  let signals: SignalsService;
  let worker: DeliveryWorker;
  let db: Database;
  let n = 0;

  beforeAll(async () => {
    hook = await receiver();
    am = await receiver();
    t = await startTestApp({ env: { SCHEDULER_ENABLED: 'false', WEBHOOK_URL: `${hook.base}/hook`, WEBHOOK_SECRET: SECRET, ALERTMANAGER_URL: am.base } });
    jest.spyOn(t.app.get(Clock), 'now').mockImplementation(() => new Date(Date.now() + clockOffset));
    signals = t.app.get(SignalsService);
    worker = t.app.get(DeliveryWorker);
    db = t.app.get(Database);
  });
  afterAll(async () => {
    await t?.close();
    await hook?.close();
    await am?.close();
  });

  /** A fresh series: one anomaly episode of it, opened now (firing) and resolved by `resolve()`. */
  function episode() {
    const key = `series-${++n}`;
    const ctx: EpisodeContext = {
      probeId: null,
      probeName: null,
      metric: 'runs_duration_p95_ms',
      labels: { wpk_id: key },
      seriesKey: key,
      detector: 'zscore',
      unit: 'ms',
      threshold: 3,
      stepS: 60,
      wpkId: key,
      baselineSpanMs: 30 * MIN,
    };
    const startMs = Date.now() + clockOffset - MIN;
    const ep = { startMs, peakMs: startMs, value: 9000, score: 8, baseline: 1000, lastAnomalousMs: startMs, resolvedMs: null as number | null };
    return {
      open: () => db.write((tx) => signals.recordEpisode(ctx, ep, tx)),
      resolve: () => db.write((tx) => signals.recordEpisode(ctx, { ...ep, resolvedMs: Date.now() + clockOffset }, tx)),
    };
  }

  const hookEvents = (signalId: string) =>
    hook.seen
      .filter((r) => r.path === '/hook')
      .map((r) => JSON.parse(r.body) as { event: string; signal: { id: string } })
      .filter((b) => b.signal.id === signalId)
      .map((b) => b.event);

  const pending = async (signalId: string) =>
    (await t.app.get(DeliveriesRepository).findForSignal(signalId)).filter((d) => d.delivered_at === null && d.superseded_by === null);

  it('a newer state supersedes an undelivered older one: the receiver gets "resolved", never "firing" after it', async () => {
    hook.state.status = 503;
    am.state.status = 503;
    const e = episode();
    const { id } = await e.open();
    await worker.flush(); // firing fails on both channels and backs off
    expect(hookEvents(id)).toEqual(['signal.firing']);
    await e.resolve();
    hook.state.status = 204;
    am.state.status = 200;
    const result = await worker.flush();
    // the resolved state went out at once, without waiting for the firing row's backoff
    expect(hookEvents(id)).toEqual(['signal.firing', 'signal.resolved']);
    expect(result).toMatchObject({ delivered: 2, failed: 0, superseded: 2 });
    clockOffset += 30 * MIN;
    await worker.flush();
    expect(hookEvents(id)).toEqual(['signal.firing', 'signal.resolved']);
    expect(await pending(id)).toEqual([]);
    const rows = await t.app.get(DeliveriesRepository).findForSignal(id);
    expect(rows.filter((r) => r.channel === 'webhook').map((r) => [r.event, r.delivered_at !== null, r.superseded_by !== null])).toEqual([
      ['firing', false, true],
      ['resolved', true, false],
    ]);
  });

  it('a newer state waits for an older one in flight, then follows it (in order, even from a second worker)', async () => {
    hook.state.status = 204;
    am.state.status = 200;
    const e = episode();
    hook.state.hold = true;
    const { id } = await e.open();
    const first = worker.flush();
    for (let i = 0; i < 100 && hook.heldCount() === 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(hook.heldCount()).toBe(1); // the firing delivery is in flight
    await e.resolve();
    // another worker (a second replica) flushing now must not send "resolved" past the firing in flight
    await worker.flush();
    expect(hook.heldCount()).toBe(1);
    expect(hookEvents(id)).toEqual([]);
    hook.state.status = 503; // and the firing attempt fails
    hook.state.hold = false;
    hook.release();
    await first;
    hook.state.status = 204;
    clockOffset += MIN;
    await worker.flush();
    // every attempt the receiver saw: "firing" never after "resolved", and "resolved" accepted last
    const events = hookEvents(id);
    expect(events[0]).toBe('signal.firing');
    expect(events.lastIndexOf('signal.firing')).toBeLessThan(events.indexOf('signal.resolved'));
    expect(events[events.length - 1]).toBe('signal.resolved');
    expect(await pending(id)).toEqual([]);
  });

  it("a successful delivery to a channel retries that channel's backed-off rows at once, and only that channel's", async () => {
    hook.state.status = 503;
    am.state.status = 503;
    const stuck = episode();
    const { id: stuckId } = await stuck.open();
    // several failed attempts: the next one is minutes away
    for (let i = 0; i < 5; i++) {
      if (i > 0) clockOffset += 6 * MIN;
      await worker.flush();
    }
    const backedOff = await pending(stuckId);
    expect(backedOff).toHaveLength(2);
    for (const row of backedOff) expect(row.next_attempt_at.getTime()).toBeGreaterThan(Date.now() + clockOffset + 60_000);

    // the webhook receiver comes back: the next delivery to it succeeds and the stuck one follows at once
    hook.state.status = 204;
    const fresh = episode();
    const { id: freshId } = await fresh.open();
    await worker.flush();
    expect(hookEvents(freshId)).toEqual(['signal.firing']);
    expect(hookEvents(stuckId).slice(-1)).toEqual(['signal.firing']);
    // Alertmanager is still down: its rows keep their backoff
    expect((await pending(stuckId)).map((r) => r.channel)).toEqual(['alertmanager']);

    // Alertmanager comes back: the periodic re-send of firing alerts succeeds and releases its rows
    am.state.status = 200;
    expect(await worker.resendFiring()).toBeGreaterThan(0);
    await worker.flush();
    expect(await pending(stuckId)).toEqual([]);
    expect(await pending(freshId)).toEqual([]);
  });
});

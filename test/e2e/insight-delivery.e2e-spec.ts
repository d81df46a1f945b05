import { createHmac } from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vm from 'node:vm';
import { Database } from '../../src/database/database.service';
import { Clock } from '../../src/modules/insight/clock';
import { DeliveryWorker } from '../../src/modules/insight/delivery/delivery.worker';
import { ProbeScheduler } from '../../src/modules/insight/scheduler/probe-scheduler';
import { recordFault } from '../support/reliability-report';
import { currentDriver, describeDb, startTestApp, TestApp } from '../support/test-app';
import { runsWithJump } from '../support/run-fixtures';

const MIN = 60_000;
const SECRET = 'webhook-secret-0123456789';

type Verify = (secret: string, header: string, rawBody: string, toleranceS?: number) => boolean;

/** The signature check the README gives receivers, run as written. */
function readmeVerifier(): Verify {
  const readme = fs.readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');
  const block = [...readme.matchAll(/```js\n([\s\S]*?)```/g)].map((m) => m[1]).find((code) => code.includes('function verifyNeuralOpsSignature'));
  if (!block) throw new Error('the README has no verifyNeuralOpsSignature snippet');
  const context = vm.createContext({ require, Buffer, Date, Number, Object, String, Math });
  vm.runInContext(block, context);
  return context.verifyNeuralOpsSignature as Verify;
}


interface Received {
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A webhook receiver that can be "down" (503) and records every request it sees. */
async function receiver() {
  const seen: Received[] = [];
  let up = false;
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      seen.push({ headers: req.headers, body });
      res.statusCode = up ? 204 : 503;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}/hook`,
    seen,
    setUp: (v: boolean) => (up = v),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describeDb('insight delivery: webhook outbox, PROBES_FILE', () => {
  let t: TestApp;
  let hook: Awaited<ReturnType<typeof receiver>>;
  let probesFile: string;
  let clockOffset = 0;

  beforeAll(async () => {
    hook = await receiver();
    probesFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'neuralops-probes-')), 'probes.json');
    fs.writeFileSync(probesFile, JSON.stringify([
      { name: 'from-file', query: 'runs_duration_p95_ms', wpk_id: 'wf-hook', lookback: '2h', detector: 'robust', detector_params: { window: 20 }, cooldown_s: 120 },
      { name: 'from-file-count', query: 'runs_count', source: 'runs', enabled: false },
    ]));
    t = await startTestApp({ env: { SCHEDULER_ENABLED: 'false', WEBHOOK_URL: hook.url, WEBHOOK_SECRET: SECRET, PROBES_FILE: probesFile, PUBLIC_URL: 'https://ops.example' } });
    const clock = t.app.get(Clock);
    jest.spyOn(clock, 'now').mockImplementation(() => new Date(Date.now() + clockOffset));
  });
  afterAll(async () => {
    await t?.close();
    await hook?.close();
    fs.rmSync(path.dirname(probesFile), { recursive: true, force: true });
  });

  it('loads PROBES_FILE at boot', async () => {
    const items = (await t.http().get('/probes').set(t.admin.header)).body.items;
    expect(items.map((p: { name: string; enabled: boolean }) => [p.name, p.enabled])).toEqual([
      ['from-file', true],
      ['from-file-count', false],
    ]);
  });

  it('a firing and then resolved signal: one signed delivery per state change, delayed while the receiver is down, never doubled', async () => {
    const res = await t.http().post('/runs/batch').set(t.admin.header).send({ runs: runsWithJump('wf-hook', Date.now(), 60, 2) });
    expect(res.body.failed).toBe(0);
    const scheduler = t.app.get(ProbeScheduler);
    const worker = t.app.get(DeliveryWorker);

    // the receiver is down: the run still commits its signal, the delivery waits
    const first = await scheduler.tick();
    expect(first.outcomes).toHaveLength(1);
    expect(first.outcomes[0]).toMatchObject({ error: null, signals: 1 });
    expect(hook.seen).toHaveLength(1);
    expect(await worker.flush()).toEqual({ delivered: 0, failed: 0, superseded: 0 }); // backing off: not due yet

    clockOffset += 6_000;
    hook.setUp(true);
    expect(await worker.flush()).toEqual({ delivered: 1, failed: 0, superseded: 0 });
    expect(await worker.flush()).toEqual({ delivered: 0, failed: 0, superseded: 0 });
    expect(hook.seen).toHaveLength(2);
    const [down, delivered] = hook.seen;
    expect(delivered.body).toBe(down.body);
    expect(delivered.headers['x-neuralops-delivery-id']).toBe(down.headers['x-neuralops-delivery-id']);
    expect(delivered.headers['x-neuralops-signature']).toBe(`sha256=${createHmac('sha256', SECRET).update(delivered.body).digest('hex')}`);
    expect(Number(delivered.headers['x-neuralops-timestamp'])).toBeGreaterThan(Date.now() / 1000 - 60);

    // the V2 signature covers the attempt's timestamp: each attempt is signed afresh, the id stays
    const v2 = (r: Received) => /^t=(\d+),v1=([0-9a-f]{64})$/.exec(String(r.headers['x-neuralops-signature-v2']));
    for (const attempt of [down, delivered]) {
      const [, t, v1] = v2(attempt)!;
      expect(t).toBe(attempt.headers['x-neuralops-timestamp']);
      expect(v1).toBe(createHmac('sha256', SECRET).update(`${t}.${attempt.body}`).digest('hex'));
    }
    expect(Number(v2(delivered)![1]) - Number(v2(down)![1])).toBeGreaterThanOrEqual(5);
    const verify = readmeVerifier();
    const header = String(delivered.headers['x-neuralops-signature-v2']);
    expect(verify(SECRET, header, delivered.body)).toBe(true);
    expect(verify(SECRET, header, delivered.body.replace('signal.firing', 'signal.resolved'))).toBe(false);
    expect(verify('another-secret-0123456789', header, delivered.body)).toBe(false);
    // a captured delivery replayed later, or its signature moved to another timestamp, is refused
    const old = Math.floor(Date.now() / 1000) - 301;
    expect(verify(SECRET, `t=${old},v1=${createHmac('sha256', SECRET).update(`${old}.${delivered.body}`).digest('hex')}`, delivered.body)).toBe(false);
    expect(verify(SECRET, header.replace(/t=(\d+)/, (_m, t) => `t=${Number(t) - 1}`), delivered.body)).toBe(false);
    expect(verify(SECRET, 'garbage', delivered.body)).toBe(false);
    const payload = JSON.parse(delivered.body);
    expect(payload).toMatchObject({ event: 'signal.firing', probe: 'from-file', delivery_id: delivered.headers['x-neuralops-delivery-id'] });
    expect(payload.signal).toMatchObject({ state: 'firing', labels: { wpk_id: 'wf-hook' }, url: `https://ops.example/ui/signals/${payload.signal.id}` });

    // fast runs again: the episode continues, no new state, nothing sent
    const signalId = payload.signal.id;
    const more = runsWithJump('wf-hook', Date.now() + 3 * MIN, 3, 3).map((r, i) => ({ ...r, run_id: `late-${i}`, duration_ms: 1000 + i }));
    await t.http().post('/runs/batch').set(t.admin.header).send({ runs: more });
    clockOffset += 4 * MIN;
    const second = await scheduler.tick();
    expect(second.outcomes[0].error).toBeNull();
    const signal = (await t.http().get(`/signals/${signalId}`).set(t.admin.header)).body;
    expect(signal.state).toBe('resolved');
    expect(signal.resolved_at).not.toBeNull();
    expect(hook.seen).toHaveLength(3);
    const resolved = JSON.parse(hook.seen[2].body);
    expect(resolved).toMatchObject({ event: 'signal.resolved', signal: { id: signalId, state: 'resolved' } });
    expect(hook.seen[2].headers['x-neuralops-delivery-id']).not.toBe(delivered.headers['x-neuralops-delivery-id']);
    expect(await worker.flush()).toEqual({ delivered: 0, failed: 0, superseded: 0 });
    const rows = await t.app.get(Database).query('SELECT id FROM insight_deliveries WHERE delivered_at IS NULL');
    expect(rows).toHaveLength(0);
    recordFault(`webhook-down-${currentDriver()}`, {
      fault: `Webhook receiver down (${currentDriver()})`,
      injected: 'the receiver answers errors while a signal fires, then comes back',
      load: 'one firing and one resolved state change through the delivery outbox',
      figures: { 'attempts while down': 1, 'delivered after recovery': 1, 'same delivery id and body on retry': 'yes', 'deliveries per state change': 1, 'undelivered rows left': rows.length },
      outcome: 'pass',
    });

    // disabling a probe resolves what it was still tracking (and tells the receiver once)
    const again = runsWithJump('wf-hook', Date.now() + 8 * MIN, 2, 2).map((r, i) => ({ ...r, run_id: `again-${i}` }));
    await t.http().post('/runs/batch').set(t.admin.header).send({ runs: again });
    clockOffset += 5 * MIN;
    const third = await scheduler.tick();
    expect(third.outcomes[0]).toMatchObject({ error: null, signals: 1 });
    expect(hook.seen.map((h) => JSON.parse(h.body).event).slice(3)).toEqual(['signal.firing']);
    const probeId = payload.signal.probe_id;
    await t.http().patch(`/probes/${probeId}`).set(t.admin.header).send({ enabled: false });
    expect((await t.http().get('/signals').query({ probe_id: probeId, state: 'firing' }).set(t.admin.header)).body.items).toHaveLength(0);
    await worker.flush();
    expect(hook.seen.map((h) => JSON.parse(h.body).event).slice(3)).toEqual(['signal.firing', 'signal.resolved']);

    // its linked runs span the episode
    const linked = (await t.http().get(`/signals/${signalId}/runs`).set(t.admin.header)).body;
    expect(linked.until).toBe(signal.resolved_at);
    expect(linked.items.some((r: { duration_ms: number }) => r.duration_ms === 9000)).toBe(true);
  });
});

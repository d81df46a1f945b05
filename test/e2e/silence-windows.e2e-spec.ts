import { Clock } from '../../src/modules/insight/clock';
import { DeliveryWorker } from '../../src/modules/insight/delivery/delivery.worker';
import { ProbeScheduler } from '../../src/modules/insight/scheduler/probe-scheduler';
import { SilencesRepository } from '../../src/modules/insight/silences.repository';
import { SilencesService } from '../../src/modules/insight/silences.service';
import { Database } from '../../src/database/database.service';
import { runsWithJump } from '../support/run-fixtures';
import { webhookReceiver } from '../support/webhook-receiver';
import { describeDb, startTestApp, TestApp } from '../support/test-app';

const MIN = 60_000;

const receiver = () => webhookReceiver<{ event: string; signal: { id: string; state: string } }>('/');

describeDb('silences over time: pending, starting, ending, listed 7 days', () => {
  let t: TestApp;
  let hook: Awaited<ReturnType<typeof receiver>>;
  let clockOffset = 0;

  beforeAll(async () => {
    hook = await receiver();
    t = await startTestApp({ env: { SCHEDULER_ENABLED: 'false', WEBHOOK_URL: hook.url, WEBHOOK_SECRET: 'webhook-secret-0123456789' } });
    jest.spyOn(t.app.get(Clock), 'now').mockImplementation(() => new Date(Date.now() + clockOffset));
  });
  afterAll(async () => {
    await t?.close();
    await hook?.close();
  });

  it('holds a firing signal back from its start, delivers its state once at its end, and a resolution made meanwhile too', async () => {
    const admin = t.admin.header;
    const silences = t.app.get(SilencesService);
    const worker = t.app.get(DeliveryWorker);
    const events = () => hook.seen.map((h) => h.event);
    const at = (minutes: number) => new Date(Date.now() + minutes * MIN).toISOString();

    const pending = await t.http().post('/silences').set(admin).send({ matchers: [{ name: 'wpk_id', value: 'wf-win' }], starts_at: at(10), ends_at: at(30), comment: 'window' });
    expect(pending.body.state).toBe('pending');
    expect(pending.body.alertmanager).toBeNull();
    expect((await t.http().get('/silences').query({ state: 'pending' }).set(admin)).body.items.map((s: { id: string }) => s.id)).toEqual([pending.body.id]);

    const probe = (await t.http().post('/probes').set(admin).send({ name: 'win', source: 'runs', query: 'runs_duration_p95_ms', wpk_id: 'wf-win', detector: 'robust', detector_params: { window: 20 }, lookback: '2h' })).body;
    await t.http().post('/runs/batch').set(admin).send({ runs: runsWithJump('wf-win', Date.now(), 60, 2) });
    expect((await t.app.get(ProbeScheduler).tick()).outcomes.map((o) => o.signals)).toEqual([1]);
    expect(events()).toEqual(['signal.firing']);
    const signalId = hook.seen[0].signal.id;
    const silencedBy = async () => (await t.http().get(`/signals/${signalId}`).set(admin)).body.silenced_by;
    expect(await silencedBy()).toBeNull();

    // it starts: the firing signal is held back
    clockOffset = 11 * MIN;
    expect(await silences.transitions()).toEqual({ started: 1, ended: 0 });
    expect(await silences.transitions()).toEqual({ started: 0, ended: 0 });
    expect(await silencedBy()).toBe(pending.body.id);
    expect((await t.http().get('/metrics')).text).toMatch(/^neuralops_signals_silenced_total 1$/m);

    // it ends: the signal, still firing, is delivered once
    clockOffset = 31 * MIN;
    expect(await silences.transitions()).toEqual({ started: 0, ended: 1 });
    expect(await silencedBy()).toBeNull();
    await worker.flush();
    await worker.flush();
    expect(events()).toEqual(['signal.firing', 'signal.firing']);
    expect(hook.seen[1].signal).toMatchObject({ id: signalId, state: 'firing', silenced_by: null });

    // a second silence; the signal resolves while it holds: the resolution waits for its end
    const second = await t.http().post('/silences').set(admin).send({ matchers: [{ name: 'probe', value: 'win' }], ends_at: new Date(Date.now() + clockOffset + 20 * MIN).toISOString(), comment: 'again' });
    expect(second.body.state).toBe('active');
    expect(await silencedBy()).toBe(second.body.id);
    expect((await t.http().delete(`/probes/${probe.id}`).set(admin)).status).toBe(204);
    await worker.flush();
    expect(events()).toEqual(['signal.firing', 'signal.firing']);
    const detail = (await t.http().get(`/signals/${signalId}`).set(admin)).body;
    expect(detail.state).toBe('resolved');
    clockOffset = 52 * MIN;
    expect(await silences.transitions()).toEqual({ started: 0, ended: 1 });
    await worker.flush();
    expect(events()).toEqual(['signal.firing', 'signal.firing', 'signal.resolved']);

    // expired silences stay listed 7 days, then go
    expect((await t.http().get('/silences').set(admin)).body.items.map((s: { state: string }) => s.state)).toEqual(['expired', 'expired']);
    clockOffset = 8 * 86_400_000;
    expect((await t.http().get('/silences').set(admin)).body.items).toEqual([]);
    expect(await silences.prune()).toBe(2);
  });

  it('one replica at a time writes a silence to Alertmanager: the claim is a lease, and a backoff release leaves it alone', async () => {
    const repo = t.app.get(SilencesRepository);
    const db = t.app.get(Database);
    const now = new Date(Date.now() + clockOffset);
    const id = '11111111-2222-4333-8444-555555555555';
    await db.write((tx) =>
      repo.insert(
        {
          id, matchers: [{ name: 'probe', value: 'x', is_regex: false, is_equal: true }], starts_at: now, ends_at: new Date(now.getTime() + 3_600_000), comment: 'lease',
          created_by: { key_id: 'k', name: 'k' }, signal_id: null, applied_at: now, released_at: null, mirror_due_at: now, mirror_attempts: 0, mirror_error: null,
          alertmanager_id: null, created_at: now, updated_at: now,
        },
        tx,
      ),
    );
    expect(await repo.findMirrorDue(now)).toEqual([id]);
    const lease = new Date(now.getTime() + 60_000);
    expect((await repo.claimMirror(id, now, lease))?.id).toBe(id);
    expect(await repo.claimMirror(id, now, lease)).toBeUndefined();
    expect(await repo.findMirrorDue(now)).toEqual([]);
    await repo.releaseMirrorBackoff(now);
    expect(await repo.claimMirror(id, now, lease)).toBeUndefined();
    // a replica that died holding it: the lease runs out and another takes it
    expect((await repo.claimMirror(id, new Date(lease.getTime() + 1), new Date(lease.getTime() + 60_000)))?.id).toBe(id);
    await repo.markMirrorFailed(id, 'down', new Date(now.getTime() + 600_000));
    expect(await repo.findMirrorDue(now)).toEqual([]);
    await repo.releaseMirrorBackoff(now);
    expect(await repo.findMirrorDue(now)).toEqual([id]);
  });
});

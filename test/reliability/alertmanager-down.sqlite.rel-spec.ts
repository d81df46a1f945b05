import { Database } from '../../src/database/database.service';
import { Clock } from '../../src/modules/insight/clock';
import { DeliveryWorker } from '../../src/modules/insight/delivery/delivery.worker';
import { ProbeScheduler } from '../../src/modules/insight/scheduler/probe-scheduler';
import { describeWithPrometheus, freePort, startAlertmanager } from '../support/prometheus';
import { recordFault } from '../support/reliability-report';
import { startTestApp, TestApp } from '../support/test-app';
import { runsWithJump } from '../support/run-fixtures';



describeWithPrometheus('Alertmanager down', () => {
  let t: TestApp;
  let port: number;
  let offset = 0;
  beforeAll(async () => {
    port = await freePort();
    t = await startTestApp({ env: { SCHEDULER_ENABLED: 'false', ALERTMANAGER_URL: `http://127.0.0.1:${port}`, PUBLIC_URL: 'https://ops.example' } });
    jest.spyOn(t.app.get(Clock), 'now').mockImplementation(() => new Date(Date.now() + offset));
  });
  afterAll(() => t.close());

  it('a firing signal waits in the outbox while Alertmanager is down and arrives once after it returns', async () => {
    expect((await t.http().post('/runs/batch').set(t.admin.header).send({ runs: runsWithJump('am-wf', Date.now(), 60, 2) })).body.failed).toBe(0);
    const probe = await t.http().post('/probes').set(t.admin.header).send({ name: 'am-latency', query: 'runs_duration_p95_ms', wpk_id: 'am-wf', source: 'runs', detector: 'robust', detector_params: { window: 20 } });
    expect(probe.status).toBe(201);
    const worker = t.app.get(DeliveryWorker);
    const db = t.app.get(Database);
    const run = await t.app.get(ProbeScheduler).tick();
    expect(run.outcomes[0]).toMatchObject({ error: null, signals: 1 });
    const attemptsWhileDown: Array<{ delivered: number; failed: number }> = [];
    for (let i = 0; i < 3; i++) {
      offset += 30_000;
      attemptsWhileDown.push(await worker.flush());
    }
    expect(attemptsWhileDown.every((a) => a.delivered === 0)).toBe(true);
    const pending = await db.query(`SELECT id FROM insight_deliveries WHERE delivered_at IS NULL`);
    expect(pending.length).toBeGreaterThanOrEqual(1);

    const am = await startAlertmanager(port);
    try {
      let delivered = 0;
      for (let i = 0; i < 10 && delivered === 0; i++) {
        offset += 60_000;
        delivered += (await worker.flush()).delivered;
      }
      expect(delivered).toBeGreaterThanOrEqual(1);
      expect((await worker.flush()).delivered).toBe(0);
      const alerts = await am.alerts();
      const ours = alerts.filter((a) => a.labels.alertname === 'am-latency');
      expect(ours).toHaveLength(1);
      expect(ours[0].generatorURL).toMatch(/^https:\/\/ops\.example\/ui\/signals\//);
      const left = await db.query(`SELECT id FROM insight_deliveries WHERE delivered_at IS NULL`);
      expect(left).toHaveLength(0);
      recordFault('alertmanager-down', {
        fault: 'Alertmanager down',
        injected: 'ALERTMANAGER_URL points at a port nothing listens on while a signal fires; a real Alertmanager is then started on that port',
        load: 'one firing signal from a run-metric probe, flushed every 30 s of the moved clock while down',
        figures: { 'flushes while down': attemptsWhileDown.length, 'delivered while down': 0, 'deliveries waiting in the outbox': pending.length, 'delivered after Alertmanager returned': delivered, 'alerts in Alertmanager for the probe': ours.length, 'undelivered rows left': left.length },
        outcome: 'pass',
      });
    } finally {
      await am.close();
    }
  });
});

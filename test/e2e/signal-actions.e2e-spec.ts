import { Clock } from '../../src/modules/insight/clock';
import { DeliveryWorker } from '../../src/modules/insight/delivery/delivery.worker';
import { ProbeScheduler } from '../../src/modules/insight/scheduler/probe-scheduler';
import { SilencesService } from '../../src/modules/insight/silences.service';
import { describeWithPrometheus, eventually, RunningAlertmanager, startAlertmanager } from '../support/prometheus';
import { runsWithJump } from '../support/run-fixtures';
import { webhookReceiver } from '../support/webhook-receiver';
import { describeDb, startTestApp, TestApp } from '../support/test-app';

const MIN = 60_000;

interface Hook {
  event: string;
  probe: string | null;
  severity: string;
  labels: Record<string, string>;
  signal: Record<string, any>;
}

const receiver = () => webhookReceiver<Hook>('/hook');

interface AmSilence {
  id: string;
  matchers: Array<{ name: string; value: string; isRegex: boolean; isEqual: boolean }>;
  endsAt: string;
  comment: string;
  status: { state: string };
}

const amSilences = async (am: RunningAlertmanager): Promise<AmSilence[]> => (await (await fetch(`${am.url}/api/v2/silences`)).json()) as AmSilence[];

const probe = (name: string, wpk: string, extra: Record<string, unknown> = {}): Record<string, any> => ({
  name,
  source: 'runs',
  query: 'runs_duration_p95_ms',
  wpk_id: wpk,
  detector: 'robust',
  detector_params: { window: 20 },
  lookback: '2h',
  ...extra,
});

describeWithPrometheus(
  'acting on signals: acknowledge, snooze, feedback, silences, severity and labels (real Alertmanager)',
  () => {
    describeDb('signal actions', () => {
      let t: TestApp;
      let am: RunningAlertmanager;
      let amPort: number;
      let hook: Awaited<ReturnType<typeof receiver>>;
      let readKey: Record<string, string>;
      let adminName: string;
      let clockOffset = 0;
      const admin = () => t.admin.header;
      const signals: Record<string, Record<string, any>> = {};
      let searchSilence: Record<string, any>;

      beforeAll(async () => {
        am = await startAlertmanager();
        amPort = Number(new URL(am.url).port);
        hook = await receiver();
        t = await startTestApp({
          env: { SCHEDULER_ENABLED: 'false', ALERTMANAGER_URL: am.url, WEBHOOK_URL: hook.url, WEBHOOK_SECRET: 'webhook-secret-0123456789', PUBLIC_URL: 'https://ops.example' },
        });
        jest.spyOn(t.app.get(Clock), 'now').mockImplementation(() => new Date(Date.now() + clockOffset));
        const key = await t.http().post('/api-keys').set(admin()).send({ name: 'viewer', role: 'read' });
        readKey = { Authorization: `Bearer ${key.body.key}` };
        adminName = (await t.http().get('/auth/me').set(admin())).body.name;
      }, 60_000);
      afterAll(async () => {
        await t?.close();
        await am?.close();
        await hook?.close();
      });

      it('refuses bad severities, labels and silences with 400s naming the field', async () => {
        const bad = async (path: string, body: Record<string, unknown>) => {
          const res = await t.http().post(path).set(admin()).send(body);
          expect(res.status).toBe(400);
          return res.body.error.details.map((d: { field: string }) => d.field);
        };
        expect(await bad('/probes', probe('x', 'wf', { severity: 'page' }))).toEqual(['severity']);
        expect(await bad('/probes', probe('x', 'wf', { labels: { '1team': 'a' } }))).toEqual(['labels.1team']);
        expect(await bad('/probes', probe('x', 'wf', { labels: { severity: 'a' } }))).toEqual(['labels.severity']);
        expect(await bad('/probes', probe('x', 'wf', { labels: { team: 'x'.repeat(201) } }))).toEqual(['labels.team']);
        expect(await bad('/probes', probe('x', 'wf', { labels: Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`l${i}`, 'v'])) }))).toEqual(['labels']);
        const later = new Date(Date.now() + 3_600_000).toISOString();
        expect(await bad('/silences', { matchers: [], ends_at: later, comment: 'c' })).toEqual(['matchers']);
        expect(await bad('/silences', { matchers: [{ name: 'probe', value: '(', is_regex: true }], ends_at: later, comment: 'c' })).toEqual(['matchers[0].value']);
        expect(await bad('/silences', { matchers: [{ name: 'a-b', value: 'x' }], ends_at: later, comment: 'c' })).toEqual(['matchers[0].name']);
        expect(await bad('/silences', { matchers: [{ name: 'probe', value: 'x' }], ends_at: new Date(Date.now() - 1000).toISOString(), comment: 'c' })).toEqual(['ends_at']);
        expect(await bad('/silences', { matchers: [{ name: 'probe', value: 'x' }], starts_at: later, ends_at: later, comment: 'c' })).toEqual(['ends_at']);
        expect(await bad('/silences', { matchers: [{ name: 'probe', value: 'x' }], ends_at: new Date(Date.now() + 91 * 86_400_000).toISOString(), comment: 'c' })).toEqual(['ends_at']);
        expect(await bad('/silences', { matchers: [{ name: 'probe', value: 'x' }], ends_at: 'tomorrow', comment: 'c' })).toEqual(['ends_at']);
        expect(await bad('/silences', { matchers: [{ name: 'probe', value: 'x' }], ends_at: later })).toEqual(['comment']);
        // a read key sees silences but cannot make one
        expect((await t.http().post('/silences').set(readKey).send({ matchers: [{ name: 'probe', value: 'x' }], ends_at: later, comment: 'c' })).status).toBe(403);
        expect((await t.http().get('/silences').set(readKey)).body).toEqual({ items: [] });
      });

      it('fires with the probe’s severity and labels in Alertmanager and the webhook; a silence made before holds back its signal', async () => {
        for (const p of [
          probe('checkout-latency', 'wf-ack', { severity: 'critical', labels: { team: 'payments', service: 'checkout' } }),
          probe('search-latency', 'wf-silence', { severity: 'info' }),
          probe('report-latency', 'wf-snooze'),
        ]) {
          const res = await t.http().post('/probes').set(admin()).send(p);
          expect(res.status).toBe(201);
          expect(res.body).toMatchObject({ severity: p.severity ?? 'warning', labels: p.labels ?? {} });
        }
        const created = await t.http().post('/silences').set(admin()).send({
          matchers: [{ name: 'probe', value: 'search-.*', is_regex: true }],
          ends_at: new Date(Date.now() + 3_600_000).toISOString(),
          comment: 'search maintenance',
        });
        expect(created.status).toBe(201);
        searchSilence = created.body;
        expect(searchSilence).toMatchObject({ state: 'active', comment: 'search maintenance', created_by: { name: adminName }, signal_id: null, alertmanager: { state: 'pending' } });
        expect(searchSilence.matchers).toEqual([{ name: 'probe', value: 'search-.*', is_regex: true, is_equal: true }]);

        for (const wf of ['wf-ack', 'wf-silence', 'wf-snooze']) {
          expect((await t.http().post('/runs/batch').set(admin()).send({ runs: runsWithJump(wf, Date.now(), 60, 2) })).body.failed).toBe(0);
        }
        const tick = await t.app.get(ProbeScheduler).tick();
        expect(tick.outcomes.map((o) => [o.error, o.signals])).toEqual([[null, 1], [null, 1], [null, 1]]);
        const list = (await t.http().get('/signals').set(readKey)).body.items as Array<Record<string, any>>;
        for (const s of list) signals[s.probe_name] = s;
        expect(Object.keys(signals).sort()).toEqual(['checkout-latency', 'report-latency', 'search-latency']);
        expect(signals['search-latency'].silenced_by).toBe(searchSilence.id);
        expect(signals['checkout-latency']).toMatchObject({
          silenced_by: null,
          severity: 'critical',
          probe_labels: { team: 'payments', service: 'checkout' },
          alert_labels: { alertname: 'checkout-latency', probe: 'checkout-latency', probe_id: signals['checkout-latency'].probe_id, severity: 'critical', team: 'payments', service: 'checkout', wpk_id: 'wf-ack' },
          acknowledged_at: null,
          feedback: [],
        });

        // the webhook heard of the two signals no silence holds back, with severity and labels
        expect(hook.seen.map((h) => [h.event, h.probe]).sort()).toEqual([['signal.firing', 'checkout-latency'], ['signal.firing', 'report-latency']]);
        const checkoutHook = hook.seen.find((h) => h.probe === 'checkout-latency')!;
        expect(checkoutHook.severity).toBe('critical');
        expect(checkoutHook.labels).toMatchObject({ team: 'payments', service: 'checkout', severity: 'critical', wpk_id: 'wf-ack' });
        const detail = await t.http().get(`/signals/${signals['search-latency'].id}`).set(readKey);
        expect(detail.body.deliveries.map((d: { channel: string; state: string }) => [d.channel, d.state])).toEqual([['alertmanager', 'delivered']]);

        // Alertmanager has all three alerts, labelled for routing, and its copy of the silence suppresses the search one
        const alerts = await eventually(async () => {
          const all = await am.alerts();
          return all.length === 3 ? all : undefined;
        }, 10_000, 'three alerts in Alertmanager');
        const checkout = alerts.find((a) => a.labels.probe === 'checkout-latency')!;
        expect(checkout.labels).toEqual({
          alertname: 'checkout-latency',
          probe: 'checkout-latency',
          probe_id: signals['checkout-latency'].probe_id,
          severity: 'critical',
          team: 'payments',
          service: 'checkout',
          wpk_id: 'wf-ack',
        });
        expect(checkout.annotations).toMatchObject({
          hint: signals['checkout-latency'].hint,
          console_url: `https://ops.example/ui/signals/${signals['checkout-latency'].id}`,
          score: String(Math.round(signals['checkout-latency'].score * 100) / 100),
        });
        expect(alerts.find((a) => a.labels.probe === 'search-latency')!.labels.severity).toBe('info');
        // the tick's housekeeping mirrored it already
        expect(await t.app.get(SilencesService).mirror()).toEqual({ mirrored: 0, failed: 0 });
        const mirrored = (await t.http().get(`/silences/${searchSilence.id}`).set(readKey)).body;
        expect(mirrored.alertmanager).toMatchObject({ state: 'in_step', last_error: null, next_attempt_at: null });
        const inAm = (await amSilences(am)).find((s) => s.id === mirrored.alertmanager.silence_id)!;
        expect(inAm).toMatchObject({ status: { state: 'active' }, matchers: [{ name: 'probe', value: 'search-.*', isRegex: true, isEqual: true }] });
        expect(new Date(inAm.endsAt).getTime()).toBe(new Date(searchSilence.ends_at).getTime());
        expect(inAm.comment).toContain('search maintenance');
        await eventually(async () => {
          const search = (await am.alerts()).find((a) => a.labels.probe === 'search-latency') as unknown as { status: { state: string; silencedBy: string[] } };
          return search.status.state === 'suppressed' && search.status.silencedBy.includes(inAm.id) ? true : undefined;
        }, 10_000, 'the search alert suppressed by the mirrored silence');
        expect(checkout.status.state).toBe('active');

        const metrics = await t.http().get('/metrics');
        expect(metrics.text).toMatch(/^neuralops_signals_silenced_total 1$/m);
      });

      it('an acknowledged alert keeps firing in Alertmanager with its annotations; the webhook hears it once', async () => {
        const id = signals['checkout-latency'].id;
        expect((await t.http().post(`/signals/${id}/ack`).set(readKey).send({})).status).toBe(403);
        const before = hook.seen.length;
        const acked = await t.http().post(`/signals/${id}/ack`).set(admin()).send({ note: 'on it' });
        expect(acked.status).toBe(200);
        expect(acked.body).toMatchObject({ state: 'firing', ack_note: 'on it', acknowledged_by: { name: adminName, key_id: expect.any(String) } });
        expect(new Date(acked.body.acknowledged_at).getTime()).toBeGreaterThan(Date.now() - 60_000);
        await t.app.get(DeliveryWorker).flush();
        const events = hook.seen.slice(before);
        expect(events.map((h) => [h.event, h.probe])).toEqual([['signal.acknowledged', 'checkout-latency']]);
        expect(events[0].signal).toMatchObject({ id, acknowledged_by: { name: adminName }, ack_note: 'on it' });

        const annotated = async () => {
          const alert = (await am.alerts()).find((a) => a.labels.probe === 'checkout-latency');
          return alert?.annotations.acknowledged === 'true' ? alert : undefined;
        };
        const alert = await eventually(annotated, 10_000, 'the acknowledged annotation in Alertmanager');
        expect(alert.annotations.acknowledged_by).toBe(adminName);
        expect(alert.status.state).toBe('active');
        // the minutely re-send keeps it alive, annotation and all
        expect(await t.app.get(DeliveryWorker).resendFiring()).toBe(3);
        const again = (await annotated())!;
        expect(again.status.state).toBe('active');
        expect(new Date(again.endsAt).getTime()).toBeGreaterThan(Date.now() + 4 * MIN);

        // acknowledging again changes nothing and tells nobody
        const repeat = await t.http().post(`/signals/${id}/ack`).set(admin()).send({ note: 'again' });
        expect(repeat.body).toMatchObject({ acknowledged_at: acked.body.acknowledged_at, ack_note: 'on it' });
        await t.app.get(DeliveryWorker).flush();
        expect(hook.seen.length).toBe(before + 1);
        expect((await t.http().post(`/signals/00000000-0000-4000-8000-000000000000/ack`).set(admin()).send({})).status).toBe(404);
      });

      it('a snoozed signal gets no webhook deliveries and a silence on its labels, mirrored to Alertmanager', async () => {
        const id = signals['report-latency'].id;
        const until = new Date(Date.now() + 2 * 3_600_000).toISOString();
        expect((await t.http().post(`/signals/${id}/snooze`).set(readKey).send({ until })).status).toBe(403);
        const past = await t.http().post(`/signals/${id}/snooze`).set(admin()).send({ until: new Date(Date.now() - 1000).toISOString() });
        expect(past.status).toBe(400);
        expect(past.body.error.details[0].field).toBe('until');
        expect((await t.http().post(`/signals/${id}/snooze`).set(admin()).send({})).body.error.details[0].field).toBe('until');

        const before = hook.seen.length;
        const snoozed = await t.http().post(`/signals/${id}/snooze`).set(admin()).send({ until });
        expect(snoozed.status).toBe(200);
        expect(snoozed.body.snoozed_until).toBe(new Date(until).toISOString());
        expect(snoozed.body.silenced_by).toEqual(expect.any(String));
        const silences = (await t.http().get('/silences').set(readKey)).body.items as Array<Record<string, any>>;
        const snooze = silences.find((s) => s.signal_id === id)!;
        expect(snooze).toMatchObject({ id: snoozed.body.silenced_by, state: 'active', ends_at: new Date(until).toISOString() });
        expect(Object.fromEntries(snooze.matchers.map((m: { name: string; value: string }) => [m.name, m.value]))).toEqual(signals['report-latency'].alert_labels);

        // acknowledging a snoozed signal tells the webhook nothing either
        await t.http().post(`/signals/${id}/ack`).set(admin()).send({});
        await t.app.get(DeliveryWorker).flush();
        expect(hook.seen.length).toBe(before);
        expect(await t.app.get(SilencesService).mirror()).toEqual({ mirrored: 1, failed: 0 });
        const amId = (await t.http().get(`/silences/${snooze.id}`).set(readKey)).body.alertmanager.silence_id;
        const inAm = (await amSilences(am)).find((s) => s.id === amId)!;
        expect(inAm.status.state).toBe('active');
        expect(inAm.matchers.map((m) => [m.name, m.value, m.isRegex]).sort()).toEqual(
          Object.entries(signals['report-latency'].alert_labels as Record<string, string>).map(([k, v]) => [k, v, false]).sort(),
        );
        expect((await t.http().get('/metrics')).text).toMatch(/^neuralops_signals_silenced_total 2$/m);
      });

      it('feedback is stored per key, replaced by a later label, and filters the list with acknowledged and silenced', async () => {
        const id = signals['checkout-latency'].id;
        expect((await t.http().post(`/signals/${id}/feedback`).set(readKey).send({ label: 'noise' })).status).toBe(403);
        const wrong = await t.http().post(`/signals/${id}/feedback`).set(admin()).send({ label: 'spam' });
        expect(wrong.status).toBe(400);
        expect(wrong.body.error.details.map((d: { field: string }) => d.field)).toEqual(['label']);
        await t.http().post(`/signals/${id}/feedback`).set(admin()).send({ label: 'useful' });
        const res = await t.http().post(`/signals/${id}/feedback`).set(admin()).send({ label: 'noise', note: 'expected batch' });
        expect(res.status).toBe(200);
        expect(res.body.feedback).toEqual([{ label: 'noise', note: 'expected batch', by: { key_id: expect.any(String), name: adminName }, at: expect.any(String) }]);
        const ids = async (query: Record<string, string>) =>
          ((await t.http().get('/signals').query(query).set(readKey)).body.items as Array<{ probe_name: string }>).map((s) => s.probe_name).sort();
        expect(await ids({ feedback: 'noise' })).toEqual(['checkout-latency']);
        expect(await ids({ feedback: 'useful' })).toEqual([]);
        expect(await ids({ feedback: 'none' })).toEqual(['report-latency', 'search-latency']);
        expect(await ids({ acknowledged: 'true' })).toEqual(['checkout-latency', 'report-latency']);
        expect(await ids({ acknowledged: 'false' })).toEqual(['search-latency']);
        expect(await ids({ silenced: 'true' })).toEqual(['report-latency', 'search-latency']);
        expect(await ids({ silenced: 'false', feedback: 'noise', acknowledged: 'true' })).toEqual(['checkout-latency']);
        expect((await t.http().get('/signals').query({ feedback: 'maybe' }).set(readKey)).status).toBe(400);
        expect((await t.http().get('/signals').query({ silenced: 'perhaps' }).set(readKey)).status).toBe(400);
      });

      it('expiring a silence ends it here and in Alertmanager; the still-firing signal it held is delivered once', async () => {
        expect((await t.http().delete(`/silences/${searchSilence.id}`).set(readKey)).status).toBe(403);
        const before = hook.seen.length;
        expect((await t.http().delete(`/silences/${searchSilence.id}`).set(admin())).status).toBe(204);
        expect((await t.http().delete(`/silences/${searchSilence.id}`).set(admin())).status).toBe(204);
        expect((await t.http().delete('/silences/00000000-0000-4000-8000-000000000000').set(admin())).status).toBe(404);
        const expired = (await t.http().get(`/silences/${searchSilence.id}`).set(readKey)).body;
        expect(expired.state).toBe('expired');
        expect((await t.http().get('/silences').query({ state: 'expired' }).set(readKey)).body.items.map((s: { id: string }) => s.id)).toEqual([searchSilence.id]);
        expect((await t.http().get(`/signals/${signals['search-latency'].id}`).set(readKey)).body.silenced_by).toBeNull();
        await t.app.get(DeliveryWorker).flush();
        await t.app.get(DeliveryWorker).flush();
        expect(hook.seen.slice(before).map((h) => [h.event, h.probe])).toEqual([['signal.firing', 'search-latency']]);
        expect(await t.app.get(SilencesService).mirror()).toEqual({ mirrored: 1, failed: 0 });
        expect((await amSilences(am)).find((s) => s.id === expired.alertmanager.silence_id)!.status.state).toBe('expired');
      });

      it('a silence made while Alertmanager is down reaches it once it is back', async () => {
        await am.close();
        const created = await t.http().post('/silences').set(admin()).send({
          matchers: [{ name: 'severity', value: 'critical' }, { name: 'team', value: 'payments' }],
          ends_at: new Date(Date.now() + 3_600_000).toISOString(),
          comment: 'payments deploy',
        });
        expect(created.status).toBe(201);
        // the already-firing checkout signal is held back at once
        expect((await t.http().get(`/signals/${signals['checkout-latency'].id}`).set(readKey)).body.silenced_by).toBe(created.body.id);
        expect(await t.app.get(SilencesService).mirror()).toEqual({ mirrored: 0, failed: 1 });
        const failing = (await t.http().get(`/silences/${created.body.id}`).set(readKey)).body.alertmanager;
        expect(failing).toMatchObject({ state: 'retrying', silence_id: null, last_error: expect.stringMatching(/ECONNREFUSED|connect/) });
        expect(await t.app.get(SilencesService).mirror()).toEqual({ mirrored: 0, failed: 0 }); // backing off

        am = await startAlertmanager(amPort);
        clockOffset += 6_000;
        expect(await t.app.get(SilencesService).mirror()).toEqual({ mirrored: 1, failed: 0 });
        const inStep = (await t.http().get(`/silences/${created.body.id}`).set(readKey)).body.alertmanager;
        expect(inStep).toMatchObject({ state: 'in_step', last_error: null });
        const inAm = (await amSilences(am)).find((s) => s.id === inStep.silence_id)!;
        expect(inAm.status.state).toBe('active');
        expect(inAm.matchers.map((m) => [m.name, m.value])).toEqual([['severity', 'critical'], ['team', 'payments']]);
      });
    });
  },
);

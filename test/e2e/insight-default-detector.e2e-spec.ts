import { rng } from '../../scripts/nab/synthetic-series';
import { DEFAULT_DETECTOR, getDetector } from '../../src/modules/insight/detectors';
import { describeWithPrometheus, RunningPrometheus, startPrometheus } from '../support/prometheus';
import { describeDb, startTestApp, TestApp } from '../support/test-app';

const METRIC = 'neuralops_daily_latency_seconds';
const POINTS = 2000;
const SPIKE_AT = 1700;

/**
 * `points` samples of a gauge `stepS` apart, the last an hour before `nowMs`, the i-th worth
 * value(i, normal) with `normal` a seeded N(0, 1) draw; as OpenMetrics lines, and each sample's time.
 */
function gauge(metric: string, help: string, points: number, stepS: number, seed: number, nowMs: number, value: (i: number, normal: () => number) => number) {
  const u = rng(seed);
  const normal = () => Math.sqrt(-2 * Math.log(u() || 1e-12)) * Math.cos(2 * Math.PI * u());
  const lastS = Math.floor(nowMs / (stepS * 1000)) * stepS - 3600;
  const atS = (i: number) => lastS - (points - 1 - i) * stepS;
  const lines = [`# HELP ${metric} ${help}`, `# TYPE ${metric} gauge`];
  for (let i = 0; i < points; i++) lines.push(`${metric} ${value(i, normal)} ${atS(i)}`);
  return { lines, msOf: (i: number) => atS(i) * 1000 };
}

const BUILDING = 'neuralops_queue_wait_seconds';
const BUILDING_AT = 1600;

/**
 * What a new user tries first: a healthy latency series with a daily cycle and Gaussian noise,
 * `1 + 0.2 sin(2 pi i / 1440) + N(0, 0.03)`, 2,000 one-minute points ending an hour ago, with one
 * 3-point spike to 5.0 at point 1,700; backfilled into a real Prometheus with promtool.
 *
 * Beside it, an incident whose evidence builds up: 2,200 five-minute points of `100 + 5 N(0, 1)`,
 * the noise x3 for 50 points from point 1,600, ending an hour ago. At sensitivity low its first
 * reported score lies between the default threshold and low's (this seed's), and the one that
 * crosses low's comes later.
 */
function dataset(nowMs: number) {
  const daily = gauge(METRIC, 'request latency', POINTS, 60, 20_260_117, nowMs, (i, normal) =>
    i >= SPIKE_AT && i < SPIKE_AT + 3 ? 5 : 1 + 0.2 * Math.sin((2 * Math.PI * i) / 1440) + 0.03 * normal(),
  );
  const building = gauge(BUILDING, 'queue wait', 2200, 300, 20_261_239, nowMs, (i, normal) => 100 + 5 * normal() * (i >= BUILDING_AT && i < BUILDING_AT + 50 ? 3 : 1));
  return { text: `${[...daily.lines, ...building.lines].join('\n')}\n# EOF\n`, spikeMs: daily.msOf(SPIKE_AT), incidentMs: building.msOf(BUILDING_AT) };
}

describeWithPrometheus(
  'the default detector on a healthy daily series from a real Prometheus',
  () => {
    let prom: RunningPrometheus;
    let t: TestApp;
    let data: ReturnType<typeof dataset>;

    beforeAll(async () => {
      data = dataset(Date.now());
      prom = await startPrometheus({ openMetrics: data.text });
      t = await startTestApp({ env: { PROM_URL: prom.url, SCHEDULER_ENABLED: 'false' } });
    }, 90_000);
    afterAll(async () => {
      await t?.close();
      await prom?.close();
    });

    it('POST /probe raises exactly one signal, within 10 minutes of the spike, and no false alarm', async () => {
      const res = await t.http().post('/probe').set(t.admin.header).send({ query: METRIC, lookback: '40h', step: '60s' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ detector: DEFAULT_DETECTOR, sensitivity: 'medium', effective_threshold: getDetector(DEFAULT_DETECTOR).defaultThreshold });
      expect(res.body.series).toHaveLength(1);
      // Prometheus answers the last sample for its 5-minute lookback after it: 5 more points
      expect(res.body.series[0].points).toBe(POINTS + 5);
      // the detector was warm well before the spike: a day after the first point
      expect(Date.parse(res.body.series[0].warming_up_until)).toBeLessThan(data.spikeMs);
      expect(res.body.anomalies).toHaveLength(1);
      const [signal] = res.body.anomalies;
      expect(signal.signal_id).toEqual(expect.any(String));
      const at = Date.parse(signal.observed_at);
      expect(at).toBeGreaterThanOrEqual(data.spikeMs);
      expect(at).toBeLessThanOrEqual(data.spikeMs + 10 * 60_000);
      const stored = (await t.http().get('/signals').set(t.admin.header)).body.items;
      expect(stored).toHaveLength(1);
      expect(stored[0]).toMatchObject({ id: signal.signal_id, detector: DEFAULT_DETECTOR, metric: METRIC });
      // the hint says what the detector saw: the spike's points far above the level they left
      expect(signal.hint).toMatch(/; (spike: one point far above|burst: the last 4 points above) /);
      expect(stored[0].hint).toBe(signal.hint);
    });

    it('at sensitivity low, raises one signal for an incident whose evidence builds up past its threshold', async () => {
      // the detector's hold was anchored at the default threshold: this incident's stronger evidence, held back as
      // the build-up of a report that had alerted nowhere at sensitivity low, raised nothing there
      const res = await t
        .http()
        .post('/probe')
        .set(t.admin.header)
        .send({ query: BUILDING, lookback: '8d', step: '300s', sensitivity: 'low', store: false });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ sensitivity: 'low', effective_threshold: getDetector(DEFAULT_DETECTOR).sensitivities.low });
      expect(res.body.anomalies).toHaveLength(1);
      const at = Date.parse(res.body.anomalies[0].observed_at);
      expect(at).toBeGreaterThanOrEqual(data.incidentMs);
      expect(at).toBeLessThanOrEqual(data.incidentMs + 12 * 300_000);
      // its peak is the noise's largest point: 10 sigma, far stronger evidence than the spread growing
      expect(res.body.anomalies[0].hint).toMatch(/ decades above .*; spike: one point far above the recent level$/);
    });
  },
  describeDb,
);

import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import { scoreSeriesWith } from '../../scripts/nab/harness';
import { parseTimestampMs, readDataSeries } from '../../scripts/nab/nab-io';
import { Clock } from '../../src/modules/insight/clock';
import { DEFAULT_DETECTOR, getDetector } from '../../src/modules/insight/detectors';
import { ProbeScheduler } from '../../src/modules/insight/scheduler/probe-scheduler';
import { EpisodeTracker } from '../../src/modules/insight/domain/episodes';
import { findNabRoot } from '../nab/nab-root';
import { describeDb, startTestApp, TestApp } from '../support/test-app';

/**
 * 14 days of 5-minute points; on 2014-04-11 the series flat-lines for most of a day. The default
 * detector alerts on two consecutive points as it stops moving: one episode.
 */
const FILE = 'artificialWithAnomaly/art_daily_flatmiddle.csv';
/**
 * Points each poll brings. "Polled every minute" means one run per sampling interval of the
 * series (5 min here), but 4000 runs, each restoring and storing a snapshot, would take minutes, so
 * the probe's interval is 48 points (4 h of the series' clock) and the scheduler runs it 84 times.
 * The first run's size is chosen so that a run ends on the first alerting point: the episode it
 * opens continues in the next run, from the persisted tracker.
 */
const POINTS_PER_POLL = 48;

interface Sample {
  ms: number;
  value: number;
}

/**
 * A stand-in for Prometheus's HTTP API serving one recorded series: query_range answers the
 * samples on the requested grid, but only those at or before `now()` (what a real Prometheus
 * would have scraped by then); /api/v1/query answers an empty vector so the probe's query validates.
 */
async function recordedPrometheus(metric: Record<string, string>, samples: Sample[], now: () => number) {
  const byMs = new Map(samples.map((s) => [s.ms, s.value]));
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://x');
      res.setHeader('Content-Type', 'application/json');
      if (url.pathname === '/api/v1/query') return res.end(JSON.stringify({ status: 'success', data: { resultType: 'vector', result: [] } }));
      if (url.pathname !== '/api/v1/query_range') {
        res.statusCode = 404;
        return res.end(JSON.stringify({ status: 'error', errorType: 'not_found', error: url.pathname }));
      }
      const form = new URLSearchParams(body);
      const startMs = Number(form.get('start')) * 1000;
      const endMs = Math.min(Number(form.get('end')) * 1000, now());
      const stepMs = parseInt(form.get('step') ?? '', 10) * 1000;
      const values: Array<[number, string]> = [];
      for (let ms = startMs; ms <= endMs; ms += stepMs) {
        const v = byMs.get(ms);
        if (v !== undefined) values.push([ms / 1000, String(v)]);
      }
      // like Prometheus, a series with no sample in the range is absent from the answer
      const result = values.length ? [{ metric, values }] : [];
      res.end(JSON.stringify({ status: 'success', data: { resultType: 'matrix', result } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

const nabRoot = findNabRoot();
const dataFile = nabRoot ? path.join(nabRoot, 'data', FILE) : null;
if (!dataFile || !fs.existsSync(dataFile)) {
  // eslint-disable-next-line no-console
  console.warn(`SKIPPED insight NAB polling test: ${FILE} not found (set NAB_ROOT to the NAB folder holding data/ and labels/)`);
}
const haveData = dataFile !== null && fs.existsSync(dataFile);
const describeNab = haveData ? describeDb : (name: string, fn: () => void) => describe.skip(name, fn);

/**
 * The detection-quality claim: a stored probe on Prometheus, run by the scheduler as the series
 * arrives, finds the same anomalies the NAB harness finds streaming the whole CSV through the
 * default detector — because each run restores the persisted detector snapshot and episode
 * tracker and scores only the new points.
 */
describeNab('insight: a polled Prometheus probe finds what the NAB harness finds on a NAB series', () => {
  const def = getDetector(DEFAULT_DETECTOR);
  const params = def.parseParams(undefined);
  // a skipped describe still runs its body to collect the tests: without the data it sees an empty series
  const full = haveData ? readDataSeries(path.dirname(path.dirname(dataFile!)), FILE) : { name: FILE, timestamps: [] as string[], values: [] as number[] };
  // side A: the NAB harness, alerting where the normalised score reaches 0.5 (= the default threshold)
  const normalisedFull = scoreSeriesWith(def, params, full);
  const firstAlert = normalisedFull.findIndex((s) => s >= 0.5);
  const FIRST_POLL_POINTS = ((firstAlert + 1) % POINTS_PER_POLL) || POINTS_PER_POLL;
  const length = FIRST_POLL_POINTS + Math.floor((full.values.length - FIRST_POLL_POINTS) / POINTS_PER_POLL) * POINTS_PER_POLL;
  const series = { ...full, timestamps: full.timestamps.slice(0, length), values: full.values.slice(0, length) };
  const samples: Sample[] = series.timestamps.map((t, i) => ({ ms: parseTimestampMs(t), value: series.values[i] }));
  const stepMs = samples.length > 1 ? samples[1].ms - samples[0].ms : 0;

  let t: TestApp;
  let prom: Awaited<ReturnType<typeof recordedPrometheus>>;
  let nowMs = 0;

  beforeAll(async () => {
    prom = await recordedPrometheus({ __name__: 'nab_value', file: 'art_daily_jumpsup' }, samples, () => nowMs);
    t = await startTestApp({ env: { PROM_URL: prom.url, SCHEDULER_ENABLED: 'false' } });
    jest.spyOn(t.app.get(Clock), 'now').mockImplementation(() => new Date(nowMs));
  });
  afterAll(async () => {
    await t?.close();
    await prom?.close();
  });

  it('the probe’s episodes are the episodes of the harness’s scores', async () => {
    // the series is regular, so Prometheus's evaluation grid hits every sample and nothing else
    expect(samples.every((s, i) => i === 0 || s.ms - samples[i - 1].ms === stepMs)).toBe(true);

    const normalised = normalisedFull.slice(0, samples.length);
    const alertIndexes = normalised.flatMap((s, i) => (s >= 0.5 ? [i] : []));
    expect(def.normalize(def.defaultThreshold, params)).toBe(0.5);
    expect(alertIndexes.length).toBeGreaterThanOrEqual(1);
    expect((alertIndexes[0] + 1 - FIRST_POLL_POINTS) % POINTS_PER_POLL).toBe(0);
    // the episodes the product's default settings make of the harness's scores
    const probeCooldownMs = 300_000;
    const tracker = new EpisodeTracker({ threshold: def.defaultThreshold, minConsecutive: 1, cooldownMs: probeCooldownMs });
    const d = def.create(params);
    samples.forEach((s) => tracker.push(s.ms, s.value, d.update(s.ms, s.value)));
    const expected = [...tracker.touched.values()].sort((a, b) => a.startMs - b.startMs);
    expect(expected.length).toBeGreaterThanOrEqual(1);

    // side B: a stored probe with every scoring setting at the product default; the clock stands
    // 30 s after the last sample each poll should see
    nowMs = samples[FIRST_POLL_POINTS - 1].ms + 30_000;
    const created = await t
      .http()
      .post('/probes')
      .set(t.admin.header)
      .send({
        name: 'nab-jumpsup',
        source: 'prometheus',
        query: 'nab_value',
        step: `${stepMs / 1000}s`,
        // two polls' worth: covers the first poll's history and every later poll's new points
        lookback: `${(2 * POINTS_PER_POLL * stepMs) / 60_000}m`,
        interval_s: (POINTS_PER_POLL * stepMs) / 1000,
      });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ detector: DEFAULT_DETECTOR, detector_params: {}, threshold: def.defaultThreshold, cooldown_s: probeCooldownMs / 1000, min_consecutive: 1 });

    const scheduler = t.app.get(ProbeScheduler);
    let scored = 0;
    for (let end = FIRST_POLL_POINTS - 1; end < samples.length; end += POINTS_PER_POLL) {
      nowMs = samples[end].ms + 30_000;
      // one interval after the last run, so the scheduler finds the probe due and runs it once
      const tick = await scheduler.tick();
      expect(tick.outcomes).toEqual([expect.objectContaining({ error: null, points_scored: end < POINTS_PER_POLL ? FIRST_POLL_POINTS : POINTS_PER_POLL })]);
      scored += tick.outcomes[0].points_scored;
    }
    expect(scored).toBe(samples.length);

    const stored: Array<{ observed_at: string; score: number; state: string }> = [];
    let cursor: string | undefined;
    do {
      const page = await t.http().get('/signals').query({ probe_id: created.body.id, limit: 200, ...(cursor ? { cursor } : {}) }).set(t.admin.header);
      expect(page.status).toBe(200);
      stored.push(...page.body.items);
      cursor = page.body.next_cursor ?? undefined;
    } while (cursor);
    stored.sort((a, b) => a.observed_at.localeCompare(b.observed_at));

    expect(stored.map((s) => s.observed_at)).toEqual(expected.map((e) => new Date(e.startMs).toISOString()));
    // each episode's peak is the harness's highest score in it
    stored.forEach((s, k) => expect(def.normalize(s.score, params)).toBeCloseTo(def.normalize(expected[k].score, params), 9));
    expect(stored.map((s) => s.state)).toEqual(expected.map((e) => (e.resolvedMs === null ? 'firing' : 'resolved')));
  });
});

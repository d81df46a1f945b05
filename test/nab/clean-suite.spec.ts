import { spawnSync } from 'node:child_process';
import { randomInt } from 'node:crypto';
import * as path from 'node:path';
import { CATCH_WITHIN, CleanResult, FIXED_SEEDS, incidentMargins, IncidentResult, runSeries } from '../../scripts/nab/clean-suite';
import { DAY, healthySeries, incidentsFor, KIND_NAMES, withIncident } from '../../scripts/nab/synthetic-series';
import { DEFAULT_DETECTOR, getDetector } from '../../src/modules/insight/detectors';
import { chooseTransform, TRANSFORM_SAMPLE } from '../../src/modules/insight/detectors/vigil.detector';

const def = getDetector(DEFAULT_DETECTOR);
const params = def.parseParams(undefined);

/** Runs a suite in its own Node process (several times faster than inside Jest's module sandbox). */
function suite<T>(name: 'clean' | 'incidents', seeds: readonly number[]): T {
  const root = path.resolve(__dirname, '..', '..');
  const r = spawnSync(process.execPath, ['-r', path.join(root, 'scripts/ts-register.js'), 'scripts/nab/clean-suite.ts', '--suite', name, '--seeds', seeds.join(',')], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.status !== 0) throw new Error(`clean-suite.ts --suite ${name} failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as T;
}

/**
 * Seeds beyond the fixed ones: fresh on every run and printed, so a failure can be replayed with
 * CLEAN_SEEDS=<the printed list>.
 */
function extraSeeds(): number[] {
  const given = process.env.CLEAN_SEEDS;
  if (given) return given.split(',').map((s) => Number(s.trim()));
  return [randomInt(1_000, 1_000_000_000), randomInt(1_000, 1_000_000_000)];
}

describe('healthy synthetic series', () => {
  it('are the same for the same kind and seed, and differ between seeds', () => {
    const a = healthySeries('daily', 3);
    expect(healthySeries('daily', 3)).toEqual(a);
    expect(healthySeries('daily', 4).values).not.toEqual(a.values);
  });

  it('cover at least 12 kinds x 5 seeds of 2,000-10,000 points, 500k points in all', () => {
    expect(KIND_NAMES.length).toBeGreaterThanOrEqual(12);
    let points = 0;
    for (const kind of KIND_NAMES) {
      for (const seed of FIXED_SEEDS) {
        const s = healthySeries(kind, seed);
        expect(s.values.length).toBeGreaterThanOrEqual(2000);
        expect(s.values.length).toBeLessThanOrEqual(10_000);
        expect(s.times.every((t, i) => i === 0 || t > s.times[i - 1])).toBe(true);
        points += s.values.length;
      }
    }
    expect(points).toBeGreaterThanOrEqual(500_000);
  });

  it('carry the noise they claim (incidents are sized in it)', () => {
    for (const kind of KIND_NAMES.filter((k) => k !== 'flat' && k !== 'counter_rate')) {
      const s = healthySeries(kind, 1);
      const z = s.values.map((v, i) => (v - s.expected[i]) / s.sigma[i]);
      const sd = Math.sqrt(z.reduce((a, b) => a + b * b, 0) / z.length);
      expect([kind, sd]).toEqual([kind, expect.closeTo(1, 0)]);
    }
  });
});

describe(`${DEFAULT_DETECTOR} (the default) on the healthy-series suite`, () => {
  it('warms up within max(1,000 points, one day of points) on every kind', () => {
    for (const kind of KIND_NAMES) {
      const s = healthySeries(kind, 1);
      s.times.length = s.values.length = Math.min(s.values.length, 3000);
      const { warmupEnd } = runSeries(def, params, s, Infinity);
      const firstDay = s.times.findIndex((t) => t >= s.times[0] + DAY);
      expect([kind, warmupEnd <= Math.max(1000, firstDay)]).toEqual([kind, true]);
    }
  });

  it('raises nothing after warm-up at the default threshold, fixed seeds', () => {
    const r = suite<CleanResult>('clean', FIXED_SEEDS);
    // eslint-disable-next-line no-console
    console.log(`fixed seeds ${FIXED_SEEDS.join(',')}: ${r.points} points, ${r.alerts} alerts; max normalised score by kind: ${r.kinds.map((k) => `${k.kind} ${k.maxNormalized.toFixed(2)}`).join(', ')}`);
    expect(r.kinds.filter((k) => k.alerts > 0).map((k) => `${k.kind} seeds ${k.alertingSeeds.join(',')}`)).toEqual([]);
  });

  it('raises nothing after warm-up at the default threshold, seeds drawn for this run', () => {
    const seeds = extraSeeds();
    // eslint-disable-next-line no-console
    console.log(`healthy-series seeds drawn for this run: ${seeds.join(',')} (replay: CLEAN_SEEDS=${seeds.join(',')})`);
    const r = suite<CleanResult>('clean', seeds);
    expect(r.kinds.filter((k) => k.alerts > 0).map((k) => `${k.kind} seeds ${k.alertingSeeds.join(',')}`)).toEqual([]);
  });

  it('raises nothing on the drawn seeds that once alerted', () => {
    // counter_rate 37702361: a counter reset 22 minutes after warm-up looked like growing noise to the innovation spread
    expect(runSeries(def, params, healthySeries('counter_rate', 37702361), def.defaultThreshold).alerts).toEqual([]);
    // lognormal 2158: its first 128 values showed too little growth of the noise with the level, and it stayed linear
    expect(runSeries(def, params, healthySeries('lognormal', 2158), def.defaultThreshold).alerts).toEqual([]);
  });

  it('decides from enough values that the healthy suite\'s weekly cycles stay linear and its latencies go on the log scale', () => {
    // seeds whose first 128 values decided wrongly: weekly (additive noise) on the log scale, lognormal linear
    for (const seed of [2022, 2097, 2098, 2133, 2139]) expect(chooseTransform(healthySeries('weekly', seed).values.slice(0, TRANSFORM_SAMPLE))).toBe('none');
    expect(chooseTransform(healthySeries('lognormal', 2158).values.slice(0, TRANSFORM_SAMPLE))).toBe('log');
  });
});

describe(`${DEFAULT_DETECTOR} (the default) on the incident suite`, () => {
  it('says how close each incident came: its largest score within the catch window reaches the threshold exactly when an alert opens there', () => {
    const margins = incidentMargins(def, params, [1], ['gaussian']);
    const base = healthySeries('gaussian', 1);
    const { warmupEnd } = runSeries(def, params, base, Infinity);
    expect(margins.map((m) => m.type)).toEqual(incidentsFor('gaussian'));
    for (const m of margins) {
      expect(m.scores).toHaveLength(1);
      const { series, incident } = withIncident(base, m.type, warmupEnd);
      const run = runSeries(def, params, series, def.defaultThreshold);
      const opened = run.alerts.some((a) => a >= series.times[incident.start] && a <= series.times[incident.start + CATCH_WITHIN]);
      expect([m.type, m.scores[0] >= def.defaultThreshold]).toEqual([m.type, opened]);
    }
    expect(margins.find((m) => m.type === 'dip_to_zero')!.scores[0]).toBeGreaterThanOrEqual(def.defaultThreshold);
  });

  it('places each incident at least a season (or 500 points) after warm-up', () => {
    const base = healthySeries('daily', 1);
    const { warmupEnd } = runSeries(def, params, base, Infinity);
    for (const type of incidentsFor('daily')) {
      const { incident } = withIncident(base, type, warmupEnd);
      expect(incident.start).toBeGreaterThanOrEqual(warmupEnd + 1440);
    }
  });

  // The target is 95% of incidents caught within 12 points as one alert; reports/nab.md has the
  // measured rate per incident and kind. These floors keep what the default reaches today.
  it('catches every outage and flat-lined day as one alert within 12 points, and at least 55% of all incidents', () => {
    const r = suite<IncidentResult>('incidents', FIXED_SEEDS.slice(0, 3));
    // eslint-disable-next-line no-console
    console.log(`incidents caught: ${r.caught}/${r.cases.length}; ${Object.entries(r.byType).map(([t, v]) => `${t} ${v.caught}/${v.cases}`).join(', ')}`);
    expect(r.byType.dip_to_zero.caught).toBe(r.byType.dip_to_zero.cases);
    expect(r.byType.flat_day.caught).toBe(r.byType.flat_day.cases);
    expect(r.rate).toBeGreaterThanOrEqual(0.6); // 98 of 153 (64%) on these seeds
  });
});

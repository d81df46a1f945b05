/**
 * Healthy synthetic series of the kinds a monitoring product meets, and the incidents injected
 * into them. Everything is drawn from a seeded generator, so a (kind, seed) pair always yields the
 * same series and a failure can be replayed from the seed alone.
 */

export interface SyntheticSeries {
  kind: string;
  seed: number;
  /** Sample times, ms since the epoch; strictly increasing, gaps allowed. */
  times: number[];
  values: number[];
  /** The noise-free value at each sample (the level an incident is measured from). */
  expected: number[];
  /** The noise standard deviation at each sample, what incidents are sized in. */
  sigma: number[];
  /** Nominal sampling interval. */
  stepMs: number;
  /** Period of the series' seasonality (0 = none). */
  seasonMs: number;
}

export const MINUTE = 60_000;
export const HOUR = 3_600_000;
export const DAY = 86_400_000;
/** A Monday, 00:00 UTC: seasonal kinds start at the top of a week. */
const EPOCH = Date.UTC(2024, 0, 1);

/** mulberry32: small, fast, good enough for test data. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Draw {
  private readonly u: () => number;
  private spare: number | null = null;

  constructor(seed: number) {
    this.u = rng(seed);
  }

  uniform(lo = 0, hi = 1): number {
    return lo + (hi - lo) * this.u();
  }

  int(lo: number, hi: number): number {
    return Math.floor(this.uniform(lo, hi + 1));
  }

  normal(): number {
    if (this.spare !== null) {
      const s = this.spare;
      this.spare = null;
      return s;
    }
    let u = 0;
    while (u === 0) u = this.u();
    const v = this.u();
    const r = Math.sqrt(-2 * Math.log(u));
    this.spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  }

  poisson(lambda: number): number {
    if (lambda > 60) return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * this.normal()));
    const l = Math.exp(-lambda);
    let k = 0;
    let p = this.u();
    while (p > l) {
      k++;
      p *= this.u();
    }
    return k;
  }
}

/** Smooth 0..1 ramp: 0 before a, 1 after b. */
function ramp(x: number, a: number, b: number): number {
  if (x <= a) return 0;
  if (x >= b) return 1;
  const t = (x - a) / (b - a);
  return t * t * (3 - 2 * t);
}

function hourOfDay(ms: number): number {
  return ((ms - EPOCH) % DAY) / HOUR;
}

/** 0 = Monday .. 6 = Sunday. */
function dayOfWeek(ms: number): number {
  return Math.floor((ms - EPOCH) / DAY) % 7;
}

interface KindSpec {
  stepMs: number;
  seasonMs: number;
  /** Noise standard deviation, or a function of the expected value (counts). */
  sigma: number | ((expected: number) => number);
  /** Fills times/values/expected for n regular steps (a kind may drop samples). */
  generate(d: Draw, n: number, stepMs: number): Pick<SyntheticSeries, 'times' | 'values' | 'expected'>;
}

function regular(n: number, stepMs: number, f: (t: number, i: number) => [value: number, expected: number]) {
  const times: number[] = [];
  const values: number[] = [];
  const expected: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = EPOCH + i * stepMs;
    const [v, e] = f(t, i);
    times.push(t);
    values.push(v);
    expected.push(e);
  }
  return { times, values, expected };
}

/** Prometheus's rate(): increase over the range with counter resets undone, extrapolated to the range's edges. */
export function promRate(sampleTimes: readonly number[], counter: readonly number[], endMs: number, rangeMs: number): number | null {
  const startMs = endMs - rangeMs;
  let first = -1;
  let last = -1;
  for (let i = 0; i < sampleTimes.length; i++) {
    if (sampleTimes[i] <= startMs) continue;
    if (sampleTimes[i] > endMs) break;
    if (first < 0) first = i;
    last = i;
  }
  if (first < 0 || last - first < 1) return null;
  let increase = counter[last] - counter[first];
  for (let i = first + 1; i <= last; i++) if (counter[i] < counter[i - 1]) increase += counter[i - 1];
  const sampled = (sampleTimes[last] - sampleTimes[first]) / 1000;
  const avg = sampled / (last - first);
  let toStart = (sampleTimes[first] - startMs) / 1000;
  const toEnd = (endMs - sampleTimes[last]) / 1000;
  if (increase > 0 && counter[first] >= 0) toStart = Math.min(toStart, sampled * (counter[first] / increase));
  const threshold = avg * 1.1;
  const interval = sampled + (toStart < threshold ? toStart : avg / 2) + (toEnd < threshold ? toEnd : avg / 2);
  return (increase * (interval / sampled)) / (rangeMs / 1000);
}

export const KINDS: Readonly<Record<string, KindSpec>> = {
  /** White Gaussian noise around a level. */
  gaussian: {
    stepMs: MINUTE,
    seasonMs: 0,
    sigma: 5,
    generate: (d, n, step) => regular(n, step, () => [100 + 5 * d.normal(), 100]),
  },
  /** The case users report: a daily sine with Gaussian noise, one-minute points. */
  daily: {
    stepMs: MINUTE,
    seasonMs: DAY,
    sigma: 0.03,
    generate: (d, n, step) =>
      regular(n, step, (t) => {
        const e = 1 + 0.2 * Math.sin((2 * Math.PI * (t - EPOCH)) / DAY);
        return [e + 0.03 * d.normal(), e];
      }),
  },
  /** Daily cycle whose height drops over the weekend, five-minute points. */
  weekly: {
    stepMs: 5 * MINUTE,
    seasonMs: 7 * DAY,
    sigma: 8,
    generate: (d, n, step) =>
      regular(n, step, (t) => {
        const week = (t - EPOCH) / DAY; // days since Monday 00:00
        const dow = week % 7;
        const weekend = ramp(dow, 4.75, 5.25) * (1 - ramp(dow, 6.75, 7));
        const daily = 1 + 0.3 * Math.sin((2 * Math.PI * (hourOfDay(t) - 9)) / 24);
        const e = 400 * daily * (1 - 0.35 * weekend);
        return [e + 8 * d.normal(), e];
      }),
  },
  /** Requests per 5 minutes of an office application: busy 9-17 on weekdays, quiet nights and weekends. */
  business_hours: {
    stepMs: 5 * MINUTE,
    seasonMs: 7 * DAY,
    sigma: Math.sqrt,
    generate: (d, n, step) =>
      regular(n, step, (t) => {
        const h = hourOfDay(t);
        const weekday = dayOfWeek(t) < 5 ? 1 : 0;
        const busy = weekday * ramp(h, 8, 9.5) * (1 - ramp(h, 16.5, 18));
        const lambda = 100 + 900 * busy;
        return [d.poisson(lambda), lambda];
      }),
  },
  /** A wandering, mean-reverting process (AR(1), phi = 0.8). */
  ar1: {
    stepMs: MINUTE,
    seasonMs: 0,
    sigma: 1 / Math.sqrt(1 - 0.64),
    generate: (d, n, step) => {
      let x = 0;
      return regular(n, step, () => {
        x = 0.8 * x + d.normal();
        return [50 + x, 50];
      });
    },
  },
  /** Event counts per minute. */
  poisson: {
    stepMs: MINUTE,
    seasonMs: 0,
    sigma: Math.sqrt,
    generate: (d, n, step) => regular(n, step, () => [d.poisson(20), 20]),
  },
  /** Request latencies in ms: lognormal, median 200 ms. */
  lognormal: {
    stepMs: MINUTE,
    seasonMs: 0,
    sigma: 200 * Math.sqrt((Math.exp(0.35 ** 2) - 1) * Math.exp(0.35 ** 2)),
    generate: (d, n, step) => regular(n, step, () => [200 * Math.exp(0.35 * d.normal()), 200 * Math.exp(0.35 ** 2 / 2)]),
  },
  /** A constant (a configured limit, a replica count). Incidents use 1% of the level as its sigma. */
  flat: {
    stepMs: MINUTE,
    seasonMs: 0,
    sigma: 0.42,
    generate: (_d, n, step) => regular(n, step, () => [42, 42]),
  },
  /** Integer CPU percent: few distinct values, many repeats. */
  quantised: {
    stepMs: MINUTE,
    seasonMs: 0,
    sigma: 1.5,
    generate: (d, n, step) => regular(n, step, () => [Math.round(30 + 1.5 * d.normal()), 30]),
  },
  /** Disk usage growing slowly, with a slowly wandering growth rate. */
  trend: {
    stepMs: 5 * MINUTE,
    seasonMs: 0,
    sigma: 0.5,
    generate: (d, n, step) => {
      let level = 200;
      let slope = 0.01;
      return regular(n, step, () => {
        slope = Math.min(0.03, Math.max(0, slope + 0.0005 * d.normal()));
        level += slope;
        return [level + 0.5 * d.normal(), level];
      });
    },
  },
  /**
   * rate(requests_total[5m]) evaluated every minute, the counter scraped every 15 s and reset
   * to 0 whenever the process restarts (about every 8 hours), with a gentle daily cycle.
   */
  counter_rate: {
    stepMs: MINUTE,
    seasonMs: DAY,
    sigma: Math.sqrt(30 * 300) / 300, // Poisson noise of 5 minutes of 30 req/s, as a rate
    generate: (d, n, step) => {
      const scrape = 15_000;
      const perSecond = (t: number) => 30 * (1 + 0.2 * Math.sin((2 * Math.PI * (t - EPOCH)) / DAY));
      const sampleTimes: number[] = [];
      const counter: number[] = [];
      const end = EPOCH + (n + 5) * step;
      let c = 0;
      for (let t = EPOCH - 10 * MINUTE; t <= end; t += scrape) {
        // a restart at a uniform moment of the interval: the new process counts from 0 after it
        if (d.uniform() < scrape / (8 * HOUR)) c = d.poisson(perSecond(t) * (scrape / 1000) * d.uniform());
        else c += d.poisson(perSecond(t) * (scrape / 1000));
        sampleTimes.push(t);
        counter.push(c);
      }
      return regular(n, step, (t) => [promRate(sampleTimes, counter, t, 5 * MINUTE) ?? 0, perSecond(t)]);
    },
  },
  /** A job's duration reported irregularly: single samples missing and gaps of minutes to hours. */
  gaps: {
    stepMs: MINUTE,
    seasonMs: 0,
    sigma: 2,
    generate: (d, n, step) => {
      const times: number[] = [];
      const values: number[] = [];
      const expected: number[] = [];
      let t = EPOCH;
      while (times.length < n) {
        t += step;
        if (d.uniform() < 0.1) continue; // a missed sample
        if (d.uniform() < 1 / 400) {
          t += d.int(5, 180) * step; // an outage of the reporter, not of the job
          continue;
        }
        times.push(t);
        values.push(30 + 2 * d.normal());
        expected.push(30);
      }
      return { times, values, expected };
    },
  },
};

export const KIND_NAMES = Object.keys(KINDS);

/** The healthy series of a kind: 8,000-10,000 points, length and noise drawn from the seed. */
export function healthySeries(kind: string, seed: number): SyntheticSeries {
  const spec = KINDS[kind];
  if (!spec) throw new Error(`unknown kind ${kind}`);
  const d = new Draw(seed * 7919 + kind.length * 104_729 + kind.charCodeAt(0));
  const n = d.int(8000, 10_000);
  const { times, values, expected } = spec.generate(d, n, spec.stepMs);
  const s = spec.sigma;
  const sigma = expected.map((e) => (typeof s === 'number' ? s : s(e)));
  return { kind, seed, times, values, expected, sigma, stepMs: spec.stepMs, seasonMs: spec.seasonMs };
}

export const INCIDENTS = ['spike', 'level_shift', 'variance', 'dip_to_zero', 'latency', 'flat_day'] as const;
export type IncidentType = (typeof INCIDENTS)[number];

export interface Incident {
  type: IncidentType;
  /** Index of the first changed point. */
  start: number;
  /** Index one past the last changed point (the series' length for a lasting change). */
  end: number;
}

/** Which incidents make sense for a kind (a flat day needs a season, a latency incident a latency). */
export function incidentsFor(kind: string): IncidentType[] {
  const out: IncidentType[] = ['spike', 'level_shift', 'dip_to_zero'];
  if (kind !== 'flat') out.push('variance');
  if (kind === 'lognormal') out.push('latency');
  if (kind === 'daily' || kind === 'weekly' || kind === 'business_hours') out.push('flat_day');
  return out;
}

/**
 * The healthy series with one incident, starting at least one season (or 500 points, whichever
 * is more) after `warmupEndIndex`: spike of 6 sigma for 3 points, level shift of 3 sigma (lasting),
 * noise x`varianceFactor` for 50 points (3 = sigma x3), dip to zero for 8 points, latency median
 * x3 for 30 points, or one whole day (midnight to midnight) replaced by its flat mean.
 */
export function withIncident(
  base: SyntheticSeries,
  type: IncidentType,
  warmupEndIndex: number,
  varianceFactor = 3,
): { series: SyntheticSeries; incident: Incident } {
  const d = new Draw(base.seed * 31 + INCIDENTS.indexOf(type) * 1009 + 17);
  const n = base.times.length;
  const seasonPoints = base.seasonMs ? Math.round(base.seasonMs / base.stepMs) : 0;
  const earliest = warmupEndIndex + Math.max(500, seasonPoints);
  const latest = n - 600;
  if (latest <= earliest) throw new Error(`${base.kind} seed ${base.seed}: series too short for an incident`);
  let start = d.int(earliest, latest);
  if (type === 'flat_day') {
    const perDay = Math.round(DAY / base.stepMs);
    const days = Math.floor((base.times[n - perDay - 1] - base.times[earliest]) / DAY);
    if (days < 1) throw new Error(`${base.kind} seed ${base.seed}: no whole day left for a flat day`);
    const midnight = Math.ceil((base.times[earliest] - EPOCH) / DAY) * DAY + EPOCH + d.int(0, days - 1) * DAY;
    start = base.times.findIndex((t) => t >= midnight);
  }
  const values = base.values.slice();
  const sign = d.uniform() < 0.5 ? -1 : 1;
  const noiseScaled = (i: number, k: number) => base.expected[i] + k * (base.values[i] - base.expected[i]);
  let end = start;
  switch (type) {
    case 'spike':
      end = start + 3;
      for (let i = start; i < end; i++) values[i] = base.values[i] + 6 * base.sigma[i];
      break;
    case 'level_shift':
      end = n;
      for (let i = start; i < end; i++) values[i] = base.values[i] + sign * 3 * base.sigma[i];
      break;
    case 'variance':
      end = start + 50;
      for (let i = start; i < end; i++) values[i] = noiseScaled(i, varianceFactor);
      break;
    case 'dip_to_zero':
      end = start + 8;
      for (let i = start; i < end; i++) values[i] = 0;
      break;
    case 'latency':
      end = start + 30;
      for (let i = start; i < end; i++) values[i] = 3 * base.values[i];
      break;
    case 'flat_day': {
      end = base.times.findIndex((t) => t >= base.times[start] + DAY);
      let mean = 0;
      for (let i = start; i < end; i++) mean += base.expected[i];
      mean /= end - start;
      for (let i = start; i < end; i++) values[i] = mean;
      break;
    }
  }
  return { series: { ...base, values }, incident: { type, start, end } };
}

/**
 * The healthy-series suite and the incident suite: what a detector raises on healthy synthetic
 * series, and whether it catches incidents injected into them. Alerts are counted the way the
 * product counts them: the default probe's episodes (score at or above the threshold opens one;
 * it resolves after the default cooldown), so a run of alerting points is one alert.
 */
import { DEFAULT_DETECTOR, DetectorDefinition, getDetector } from '../../src/modules/insight/detectors';
import { EpisodeTracker } from '../../src/modules/insight/domain/episodes';
import { PROBE_DEFAULTS } from '../../src/modules/insight/domain/probe';
import { parseArgs } from './args';
import { healthySeries, IncidentType, incidentsFor, KIND_NAMES, SyntheticSeries, withIncident } from './synthetic-series';

export const FIXED_SEEDS = [1, 2, 3, 4, 5];
/** Points after an incident's start within which its alert must open. */
export const CATCH_WITHIN = 12;

export interface SeriesRun {
  /** Start of every episode (alert), ms. */
  alerts: number[];
  /** Episodes (alerts) after warm-up at each of the `also` thresholds, in their order. */
  alertsAt: number[];
  /** Index of the first point at which the detector may alert. */
  warmupEnd: number;
  points: number;
  /** Largest normalised score after warm-up. */
  maxNormalized: number;
  seconds: number;
}

interface WarmingDetector {
  warmingUpUntil?: () => number | null;
}

/**
 * Streams a series through a fresh detector and counts episodes at `threshold` (raw units); each
 * of the `also` thresholds has a detector of its own, created for it as a probe at that threshold
 * creates one (DetectorDefinition.create).
 */
export function runSeries<P extends object>(def: DetectorDefinition<P>, params: P, s: SyntheticSeries, threshold: number, also: readonly number[] = []): SeriesRun {
  const detector = def.create(params, threshold);
  const settings = (t: number) => ({ threshold: t, minConsecutive: PROBE_DEFAULTS.min_consecutive, cooldownMs: PROBE_DEFAULTS.cooldown_s * 1000 });
  const tracker = new EpisodeTracker(settings(threshold));
  const warming = detector as unknown as WarmingDetector;
  let warmupEnd = -1;
  let maxNormalized = 0;
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < s.values.length; i++) {
    const score = detector.update(s.times[i], s.values[i]);
    tracker.push(s.times[i], s.values[i], score);
    if (warmupEnd < 0) {
      const until = typeof warming.warmingUpUntil === 'function' ? warming.warmingUpUntil() : null;
      const warm = typeof warming.warmingUpUntil === 'function' ? until !== null && until <= s.times[i] : detector.seen >= def.warmup(params);
      if (warm) warmupEnd = i;
    }
    if (warmupEnd >= 0) maxNormalized = Math.max(maxNormalized, def.normalize(score, params));
  }
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const others = also.map((t) => {
    const other = def.create(params, t);
    const otherTracker = new EpisodeTracker(settings(t));
    for (let i = 0; i < s.values.length; i++) otherTracker.push(s.times[i], s.values[i], other.update(s.times[i], s.values[i]));
    return otherTracker;
  });
  const afterWarmup = (t: EpisodeTracker) => [...t.touched.keys()].filter((start) => warmupEnd >= 0 && start >= s.times[warmupEnd]).sort((a, b) => a - b);
  const alerts = afterWarmup(tracker);
  return { alerts, alertsAt: others.map(afterWarmup).map((a) => a.length), warmupEnd: warmupEnd < 0 ? s.values.length : warmupEnd, points: s.values.length, maxNormalized, seconds };
}

export interface KindResult {
  kind: string;
  series: number;
  points: number;
  alerts: number;
  /** Alerts at each of the `also` thresholds. */
  alertsAt: number[];
  maxNormalized: number;
  /** Seeds whose series raised an alert. */
  alertingSeeds: number[];
}

export interface CleanResult {
  kinds: KindResult[];
  points: number;
  alerts: number;
  perTenThousand: number;
  /** Alerts per 10k points at each of the `also` thresholds. */
  perTenThousandAt: number[];
  seconds: number;
}

export function cleanSuite<P extends object>(
  def: DetectorDefinition<P>,
  params: P,
  seeds: readonly number[],
  threshold = def.defaultThreshold,
  also: readonly number[] = [],
): CleanResult {
  const kinds: KindResult[] = [];
  let seconds = 0;
  for (const kind of KIND_NAMES) {
    const r: KindResult = { kind, series: 0, points: 0, alerts: 0, alertsAt: also.map(() => 0), maxNormalized: 0, alertingSeeds: [] };
    for (const seed of seeds) {
      const run = runSeries(def, params, healthySeries(kind, seed), threshold, also);
      r.series++;
      r.points += run.points;
      r.alerts += run.alerts.length;
      run.alertsAt.forEach((n, i) => (r.alertsAt[i] += n));
      r.maxNormalized = Math.max(r.maxNormalized, run.maxNormalized);
      if (run.alerts.length) r.alertingSeeds.push(seed);
      seconds += run.seconds;
    }
    kinds.push(r);
  }
  const points = kinds.reduce((n, k) => n + k.points, 0);
  const alerts = kinds.reduce((n, k) => n + k.alerts, 0);
  const perTenThousandAt = also.map((_, i) => (kinds.reduce((n, k) => n + k.alertsAt[i], 0) * 10_000) / points);
  return { kinds, points, alerts, perTenThousand: (alerts * 10_000) / points, perTenThousandAt, seconds };
}

export interface IncidentCase {
  kind: string;
  seed: number;
  type: IncidentType;
  start: number;
  /** Alerts in the series (all of them, the incident's included). */
  alerts: number;
  /** Points from the incident's start to the first alert at or after it (null: none). */
  delay: number | null;
  caught: boolean;
}

export interface IncidentResult {
  cases: IncidentCase[];
  caught: number;
  rate: number;
  byType: Record<string, { cases: number; caught: number }>;
}

/**
 * Each kind x seed x applicable incident, the series with the incident injected at least a season
 * after the detector's warm-up on its healthy series.
 */
function* incidentCases<P extends object>(
  def: DetectorDefinition<P>,
  params: P,
  seeds: readonly number[],
  o: { kinds?: readonly string[]; types?: readonly IncidentType[]; varianceFactor?: number } = {},
): Generator<{ kind: string; seed: number; type: IncidentType } & ReturnType<typeof withIncident>> {
  for (const kind of o.kinds ?? KIND_NAMES) {
    for (const seed of seeds) {
      const base = healthySeries(kind, seed);
      const warmupEnd = runSeries(def, params, base, Infinity).warmupEnd;
      for (const type of incidentsFor(kind)) {
        if (o.types && !o.types.includes(type)) continue;
        yield { kind, seed, type, ...withIncident(base, type, warmupEnd, o.varianceFactor) };
      }
    }
  }
}

/**
 * Each kind x seed x applicable incident: caught when the series raises exactly one alert and it
 * opens within CATCH_WITHIN points of the incident's start. `varianceFactor` scales the noise of
 * the variance incident (3 = sigma x3).
 */
export function incidentSuite<P extends object>(
  def: DetectorDefinition<P>,
  params: P,
  seeds: readonly number[],
  threshold = def.defaultThreshold,
  varianceFactor = 3,
  types?: readonly IncidentType[],
): IncidentResult {
  const cases: IncidentCase[] = [];
  for (const { kind, seed, type, series, incident } of incidentCases(def, params, seeds, { types, varianceFactor })) {
    const run = runSeries(def, params, series, threshold);
    const startMs = series.times[incident.start];
    const first = run.alerts.find((a) => a >= startMs);
    const delay = first === undefined ? null : series.times.findIndex((t) => t >= first) - incident.start;
    const caught = run.alerts.length === 1 && delay !== null && delay <= CATCH_WITHIN;
    cases.push({ kind, seed, type, start: incident.start, alerts: run.alerts.length, delay, caught });
  }
  const byType: IncidentResult['byType'] = {};
  for (const c of cases) {
    byType[c.type] ??= { cases: 0, caught: 0 };
    byType[c.type].cases++;
    if (c.caught) byType[c.type].caught++;
  }
  const caught = cases.filter((c) => c.caught).length;
  return { cases, caught, rate: cases.length ? caught / cases.length : 0, byType };
}

export interface IncidentMargin {
  kind: string;
  type: IncidentType;
  /** Per seed: the largest score (raw units) the detector gave from the incident's start to CATCH_WITHIN points after it. */
  scores: number[];
}

/**
 * How close each incident came to an alert: per kind and incident type, the largest score the
 * detector gave within CATCH_WITHIN points of the start, for each seed. Read beside the healthy
 * series' largest scores, it tells a miss by a hair from a miss by a mile.
 */
export function incidentMargins<P extends object>(def: DetectorDefinition<P>, params: P, seeds: readonly number[], kinds: readonly string[] = KIND_NAMES): IncidentMargin[] {
  const out = new Map<string, IncidentMargin>();
  for (const { kind, type, series, incident } of incidentCases(def, params, seeds, { kinds })) {
    const detector = def.create(params);
    let best = 0;
    for (let i = 0; i < series.values.length && i <= incident.start + CATCH_WITHIN; i++) {
      const score = detector.update(series.times[i], series.values[i]);
      if (i >= incident.start) best = Math.max(best, score);
    }
    const key = `${kind}/${type}`;
    if (!out.has(key)) out.set(key, { kind, type, scores: [] });
    out.get(key)!.scores.push(best);
  }
  return [...out.values()];
}

/**
 * `ts-node scripts/nab/clean-suite.ts --suite clean|incidents [--detector name] [--seeds 1,2,3] [--threshold raw] [--also raw,raw]`:
 * prints the suite's result as JSON (the test suite runs it in its own process, at full speed; so
 * does `npm run bench:nab`, beside its other work). `--also`: the healthy suite's further thresholds.
 */
function main(): void {
  const args = parseArgs(process.argv.slice(2));
  const def = getDetector(args.get('detector') ?? DEFAULT_DETECTOR);
  const params = def.parseParams(args.has('params') ? JSON.parse(args.get('params')!) : undefined);
  const seeds = (args.get('seeds') ?? FIXED_SEEDS.join(',')).split(',').map(Number);
  if (!seeds.every(Number.isInteger)) throw new Error('--seeds must be integers');
  const threshold = args.has('threshold') ? Number(args.get('threshold')) : def.defaultThreshold;
  const suite = args.get('suite') ?? 'clean';
  const also = args.has('also') ? args.get('also')!.split(',').map(Number) : [];
  if (!also.every(Number.isFinite)) throw new Error('--also must be numbers');
  const result = suite === 'incidents' ? incidentSuite(def, params, seeds, threshold) : cleanSuite(def, params, seeds, threshold, also);
  process.stdout.write(JSON.stringify(result) + '\n');
}

if (require.main === module) {
  try {
    main();
  } catch (e) {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  }
}

import { createHash, randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AppError } from '../../common/errors/app-error';
import { redactCredentials } from '../../common/security/url-credentials';
import { Database } from '../../database/database.service';
import { Clock } from './clock';
import { DetectorDefinition, DetectorParamsError, getDetector, StreamingDetector } from './detectors';
import { parseDuration } from './domain/duration';
import { Episode, EpisodeTracker } from './domain/episodes';
import { backoffMs, effectiveThreshold, Probe, ProbeSpec } from './domain/probe';
import { planRange, QueryRange } from './domain/range';
import { ScoredPoint, scorePoints } from './domain/scoring';
import { Series, seriesKey } from './domain/series';
import { nextCronRun } from './domain/schedule';
import { applyTuning } from './domain/tuning';
import { ProbeRunsRepository } from './probe-runs.repository';
import { ProbesRepository } from './probes.repository';
import { SeriesState, SeriesStateRepository } from './series-state.repository';
import { EpisodeChange, EpisodeContext, SignalsService } from './signals.service';
import { PrometheusSource } from './sources/prometheus.source';
import { RunMetricsSource } from './sources/run-metrics.source';

/** No probe follows more series than this, whatever PROBE_MAX_SERIES exports. */
export const MAX_SCORED_SERIES = 1000;

export interface SeriesOutcome {
  series: Series;
  key: string;
  scored: ScoredPoint[];
  /** When the detector is (or was) first allowed to alert on this series. */
  warmingUpUntil: Date | null;
  episodes: Episode[];
  /** per episode (same order): what storing it changed, and its signal id */
  stored: Array<{ change: EpisodeChange; id: string }>;
}

export interface AdhocOutcome {
  spec: ProbeSpec;
  range: QueryRange;
  series: SeriesOutcome[];
}

export interface RunOutcome {
  run_id: string;
  points_scored: number;
  signals: number;
  error: string | null;
}

/** What a failed run stores and answers: its message, with any URL's password masked. */
function message(err: unknown): string {
  return redactCredentials(err instanceof Error ? err.message : String(err));
}

/**
 * When the detector is first allowed to alert on a series: its own answer when it has one (a
 * warm-up in time as well as points), else its warm-up in points: the point after the first
 * `warmup` ones, estimated at the series' step while it is still ahead. `prior` is what an
 * earlier run found.
 */
export function warmingUpUntil(
  def: DetectorDefinition<object>,
  params: object,
  detector: StreamingDetector,
  scored: readonly ScoredPoint[],
  prior: Date | null,
  stepMs: number,
): Date | null {
  if (typeof detector.warmingUpUntil === 'function') {
    const own = detector.warmingUpUntil();
    return own === null ? prior : new Date(own);
  }
  const need = def.warmup(params);
  const seen = detector.seen;
  const last = scored[scored.length - 1];
  if (seen <= need) return last ? new Date(last.ts + (need - seen + 1) * stepMs) : prior;
  const before = seen - scored.length;
  return before <= need ? new Date(scored[need - before].ts) : prior;
}

/**
 * Fetches a probe's series, scores them with its detector and turns the scores into episodes.
 *
 * Detector state across polls is persisted, not re-streamed: after each run a stored probe keeps,
 * per series, the detector's snapshot, the episode tracker and the timestamp of the last point
 * scored (`insight_series_state`). The next run restores them and scores only newer points, so the
 * scores equal one uninterrupted streaming pass. A change to the detector, its params, the
 * threshold or the episode settings changes `config_hash` and starts that series afresh.
 */
@Injectable()
export class ProbeRunner {
  private readonly logger = new Logger(ProbeRunner.name);

  constructor(
    private readonly prometheus: PrometheusSource,
    private readonly runMetrics: RunMetricsSource,
    private readonly probes: ProbesRepository,
    private readonly probeRuns: ProbeRunsRepository,
    private readonly states: SeriesStateRepository,
    private readonly signals: SignalsService,
    private readonly db: Database,
    private readonly clock: Clock,
  ) {}

  detectorOf(spec: ProbeSpec): { def: DetectorDefinition<object>; params: object } {
    try {
      const def = getDetector(spec.detector);
      return { def, params: def.parseParams(spec.detector_params) };
    } catch (err) {
      if (err instanceof DetectorParamsError) {
        const field = err.field === 'detector' ? 'detector' : `detector_params.${err.field}`;
        throw AppError.field(field, err.message.replace(/^[^:]+: /, ''));
      }
      throw err;
    }
  }

  rangeOf(spec: ProbeSpec, now: Date): QueryRange {
    return planRange(now.getTime(), parseDuration(spec.lookback)!, parseDuration(spec.step)!);
  }

  async fetch(spec: ProbeSpec, range: QueryRange, signal?: AbortSignal): Promise<Array<Series & { key: string }>> {
    const series =
      spec.source === 'prometheus'
        ? await this.prometheus.queryRange(spec.query, range, signal)
        : await this.runMetrics.query(spec.query, range, spec.wpk_id);
    return series
      .map((s) => ({ ...s, key: seriesKey(s.labels) }))
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
      .slice(0, MAX_SCORED_SERIES);
  }

  private context(spec: ProbeSpec & Partial<Pick<Probe, 'tuning'>>, probe: Pick<Probe, 'id' | 'name' | 'severity' | 'labels'> | null, s: Series, key: string, def: DetectorDefinition<object>, params: object, range: QueryRange): EpisodeContext {
    return {
      probeId: probe?.id ?? null,
      probeName: probe?.name ?? null,
      metric: s.metric,
      labels: s.labels,
      seriesKey: key,
      detector: def.name,
      unit: def.unit,
      threshold: effectiveThreshold(spec),
      stepS: range.stepMs / 1000,
      wpkId: spec.wpk_id,
      severity: probe?.severity ?? 'warning',
      probeLabels: probe?.labels ?? {},
      baselineSpanMs: def.warmup(params) * range.stepMs,
    };
  }

  /**
   * POST /probe: scores the whole lookback of every series afresh and, when `store`, records one
   * signal per episode (keyed by series and start, so repeating the call adds nothing).
   */
  async adhoc(spec: ProbeSpec, store: boolean): Promise<AdhocOutcome> {
    const { def, params } = this.detectorOf(spec);
    const range = this.rangeOf(spec, this.clock.now());
    const fetched = await this.fetch(spec, range);
    const settings = { threshold: effectiveThreshold(spec), minConsecutive: spec.min_consecutive, cooldownMs: spec.cooldown_s * 1000 };
    const outcomes: SeriesOutcome[] = fetched.map((s) => {
      const tracker = new EpisodeTracker(settings);
      const detector = def.create(params, settings.threshold);
      const scored = scorePoints(s.points, detector, tracker, null, def.warmup(params));
      const warming = warmingUpUntil(def, params, detector, scored, null, range.stepMs);
      return { series: s, key: s.key, scored, warmingUpUntil: warming, episodes: [...tracker.touched.values()], stored: [] };
    });
    if (store && outcomes.some((o) => o.episodes.length)) {
      await this.db.write(async (tx) => {
        for (const o of outcomes) {
          const ctx = this.context(spec, null, o.series, o.key, def, params, range);
          for (const ep of o.episodes) o.stored.push(await this.signals.recordEpisode(ctx, ep, tx));
        }
      });
    }
    return { spec, range, series: outcomes };
  }

  private configHash(spec: ProbeSpec, params: object): string {
    const parts = [spec.source, spec.query, spec.wpk_id, spec.detector, JSON.stringify(params), spec.threshold, spec.step, spec.min_consecutive, spec.cooldown_s];
    return createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 32);
  }

  private restore(def: DetectorDefinition<object>, params: object, state: SeriesState | undefined, hash: string, threshold: number): StreamingDetector | undefined {
    if (!state || state.config_hash !== hash) return undefined;
    try {
      return def.restore(params, state.snapshot, threshold);
    } catch {
      return undefined;
    }
  }

  /** When the probe should next run after a success at `now`. */
  nextRun(probe: Probe, now: Date): Date {
    if (probe.cron) return nextCronRun(probe.cron, now);
    return new Date(now.getTime() + (probe.interval_s ?? 60) * 1000);
  }

  private retryAt(probe: Probe, now: Date, failures: number): Date {
    const base = probe.cron ? Math.max(1000, nextCronRun(probe.cron, now).getTime() - now.getTime()) : (probe.interval_s ?? 60) * 1000;
    return new Date(now.getTime() + backoffMs(base, failures));
  }

  /**
   * Runs a probe whose lease `owner` holds. The probe's run state, its run record, the series
   * state and its signals commit in one transaction; a failure records the error and backs off.
   */
  async runClaimed(claimed: Probe, owner: string, signal?: AbortSignal): Promise<RunOutcome> {
    const started = this.clock.now();
    const runId = randomUUID();
    // a raised threshold that went 30 days without a noise label takes a step back, stored with this run
    const tuning = applyTuning(claimed.threshold, claimed.tuning, { kind: 'quiet' }, started);
    const probe: Probe = { ...claimed, tuning };
    try {
      const { def, params } = this.detectorOf(probe);
      const range = this.rangeOf(probe, started);
      const fetched = await this.fetch(probe, range, signal);
      const hash = this.configHash(probe, params);
      const previous = new Map((await this.states.findForProbe(probe.id)).map((s) => [s.series_hash, s]));
      const settings = { threshold: effectiveThreshold(probe), minConsecutive: probe.min_consecutive, cooldownMs: probe.cooldown_s * 1000 };
      const work = fetched.map((s) => {
        const seriesHash = createHash('sha256').update(`${s.metric}\n${s.key}`).digest('hex').slice(0, 40);
        const prior = previous.get(seriesHash);
        const restored = this.restore(def, params, prior, hash, settings.threshold);
        const detector = restored ?? def.create(params, settings.threshold);
        const tracker = new EpisodeTracker(settings, restored ? prior!.tracker : null);
        const after = restored ? prior!.last_ts.getTime() : null;
        const scored = scorePoints(s.points, detector, tracker, after, def.warmup(params));
        const warming = warmingUpUntil(def, params, detector, scored, restored ? prior!.warming_up_until : null, range.stepMs);
        return { s, seriesHash, detector, tracker, scored, warming, ctx: this.context(probe, probe, s, s.key, def, params, range) };
      });
      if (signal?.aborted) throw signal.reason instanceof Error ? signal.reason : new Error('the probe run timed out');
      let signals = 0;
      let points = 0;
      const finished = this.clock.now();
      await this.db.write(async (tx) => {
        for (const w of work) {
          points += w.scored.length;
          for (const ep of w.tracker.touched.values()) {
            const { change } = await this.signals.recordEpisode(w.ctx, ep, tx);
            if (change !== 'unchanged') signals++;
          }
          const last = w.scored[w.scored.length - 1];
          if (!last) continue;
          await this.states.upsert(
            {
              probe_id: probe.id,
              series_hash: w.seriesHash,
              series_key: w.s.key,
              metric: w.s.metric,
              labels: w.s.labels,
              config_hash: hash,
              snapshot: w.detector.snapshot(),
              tracker: w.tracker.state(),
              last_ts: new Date(last.ts),
              last_value: last.value,
              last_score: last.score,
              warming_up_until: w.warming,
              updated_at: finished,
            },
            tx,
          );
        }
        signals += await this.resolveSilent(probe, hash, range, previous, new Set(work.filter((w) => w.scored.length).map((w) => w.seriesHash)), finished, tx);
        if (tuning !== claimed.tuning) {
          // read again under lock: a feedback label may have moved it since the claim
          const fresh = await this.probes.findByIdForUpdate(probe.id, tx);
          const decayed = fresh && applyTuning(fresh.threshold, fresh.tuning, { kind: 'quiet' }, started);
          if (fresh && decayed && decayed !== fresh.tuning) await this.probes.setTuning(probe.id, decayed, tx);
        }
        await this.probeRuns.insert({ id: runId, probe_id: probe.id, started_at: started, finished_at: finished, points_scored: points, signals, error: null, replica: owner }, tx);
        await this.probes.finishRun(probe.id, owner, { last_run_at: finished, last_error: null, consecutive_failures: 0, next_run_at: this.nextRun(probe, finished) }, tx);
      });
      return { run_id: runId, points_scored: points, signals, error: null };
    } catch (err) {
      const reason = signal?.aborted && signal.reason instanceof Error ? signal.reason.message : message(err);
      return this.recordFailure(probe, owner, runId, started, reason);
    }
  }

  /**
   * A series that stopped reporting (absent from the answer, or no new point for longer than the
   * cooldown plus a step) cannot resolve its open episode from data; it resolves now instead.
   */
  private async resolveSilent(
    probe: Probe,
    hash: string,
    range: QueryRange,
    previous: Map<string, SeriesState>,
    scoredNow: Set<string>,
    now: Date,
    tx: EntityManager,
  ): Promise<number> {
    const { def, params } = this.detectorOf(probe);
    let changed = 0;
    for (const state of previous.values()) {
      const open = state.tracker.open;
      if (!open || scoredNow.has(state.series_hash) || state.config_hash !== hash) continue;
      const silentFor = now.getTime() - state.last_ts.getTime();
      if (silentFor < probe.cooldown_s * 1000 + range.stepMs || now.getTime() - open.lastAnomalousMs < probe.cooldown_s * 1000) continue;
      const episode = { ...open, resolvedMs: now.getTime() };
      const series = { metric: state.metric, labels: state.labels, points: [] };
      await this.signals.recordEpisode(this.context(probe, probe, series, state.series_key, def, params, range), episode, tx);
      await this.states.upsert({ ...state, tracker: { open: null, pending: null }, updated_at: now }, tx);
      changed++;
    }
    return changed;
  }

  async recordFailure(probe: Probe, owner: string, runId: string, started: Date, error: string): Promise<RunOutcome> {
    const finished = this.clock.now();
    const failures = probe.consecutive_failures + 1;
    this.logger.warn(`probe ${probe.name} failed (${failures} in a row): ${error}`);
    await this.db.write(async (tx) => {
      await this.probeRuns.insert({ id: runId, probe_id: probe.id, started_at: started, finished_at: finished, points_scored: 0, signals: 0, error, replica: owner }, tx);
      await this.probes.finishRun(probe.id, owner, { last_run_at: finished, last_error: error, consecutive_failures: failures, next_run_at: this.retryAt(probe, finished, failures) }, tx);
    });
    return { run_id: runId, points_scored: 0, signals: 0, error };
  }
}

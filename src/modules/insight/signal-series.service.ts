import { Injectable } from '@nestjs/common';
import { AppError } from '../../common/errors/app-error';
import { Clock } from './clock';
import { parseDuration } from './domain/duration';
import { EpisodeTracker } from './domain/episodes';
import { effectiveThreshold, Signal } from './domain/probe';
import { scorePoints } from './domain/scoring';
import { planSeriesWindow, Sample, toSamples } from './domain/series-window';
import { ProbeRunner } from './probe-runner.service';
import { ProbesRepository } from './probes.repository';
import { SignalsService } from './signals.service';

export interface SignalSeries {
  signal: Signal;
  metric: string;
  series: string;
  detector: string;
  unit: string;
  threshold: number;
  stepMs: number;
  fromMs: number;
  toMs: number;
  samples: Sample[];
}

/**
 * The series around a signal's episode, for charting it: fetched again from the probe's source and
 * scored from scratch with the probe's current spec (detector, params, threshold, step), warm-up
 * included, so the scores are what the probe would say today and may differ from the stored ones.
 */
@Injectable()
export class SignalSeriesService {
  constructor(
    private readonly signals: SignalsService,
    private readonly probes: ProbesRepository,
    private readonly runner: ProbeRunner,
    private readonly clock: Clock,
  ) {}

  async series(id: string): Promise<SignalSeries> {
    const signal = await this.signals.get(id);
    if (signal.probe_id === null) {
      throw new AppError('SERIES_UNAVAILABLE', 'the signal came from an ad-hoc probe (POST /probe): no stored spec says how to fetch and score its series');
    }
    const probe = await this.probes.findById(signal.probe_id);
    if (!probe) throw new AppError('SERIES_UNAVAILABLE', `the signal's probe ${signal.probe_name ?? signal.probe_id} was deleted: no spec says how to fetch and score its series`);
    const { def, params } = this.runner.detectorOf(probe);
    const warmup = def.warmup(params);
    const window = planSeriesWindow({
      startMs: signal.observed_at.getTime(),
      endMs: signal.resolved_at?.getTime() ?? null,
      stepMs: parseDuration(probe.step)!,
      warmup,
      nowMs: this.clock.now().getTime(),
    });
    const fetched = await this.runner.fetch(probe, window.range);
    const series = fetched.find((s) => s.key === signal.series_key && s.metric === signal.metric);
    if (!series) throw new AppError('SERIES_UNAVAILABLE', `the source has no samples of ${signal.metric}{${signal.series_key}} around the episode any more`);
    const threshold = effectiveThreshold(probe);
    const tracker = new EpisodeTracker({ threshold, minConsecutive: probe.min_consecutive, cooldownMs: probe.cooldown_s * 1000 });
    const scored = scorePoints(series.points, def.create(params, threshold), tracker, null, warmup);
    return {
      signal,
      metric: signal.metric,
      series: signal.series_key,
      detector: def.name,
      unit: def.unit,
      threshold,
      stepMs: window.range.stepMs,
      fromMs: window.fromMs,
      toMs: window.toMs,
      samples: toSamples(scored, warmup, window.fromMs),
    };
  }
}

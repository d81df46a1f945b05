import { ApiProperty } from '@nestjs/swagger';
import { AdhocOutcome } from '../probe-runner.service';
import { hintFor } from '../domain/hint';
import { getDetector, SENSITIVITIES, type Sensitivity } from '../detectors';
import { effectiveThreshold } from '../domain/probe';

export class AnomalyDto {
  @ApiProperty() metric!: string;
  @ApiProperty({ example: 'instance="a"' }) series!: string;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' } }) labels!: Record<string, string>;
  @ApiProperty({ description: "the episode's first anomalous sample" }) observed_at!: string;
  @ApiProperty({ description: 'when its peak was' }) peak_at!: string;
  @ApiProperty() value!: number;
  @ApiProperty() score!: number;
  @ApiProperty({ enum: ['firing', 'resolved'] }) state!: string;
  @ApiProperty({ nullable: true, type: String }) resolved_at!: string | null;
  @ApiProperty() hint!: string;
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'the stored signal (null with store: false)' }) signal_id!: string | null;
}

export class SeriesResultDto {
  @ApiProperty() metric!: string;
  @ApiProperty() series!: string;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' } }) labels!: Record<string, string>;
  @ApiProperty() points!: number;
  @ApiProperty({ description: 'points scored after warm-up' }) scored!: number;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'when the detector is (or was) first allowed to alert on this series; after the last point while it is still warming up',
  })
  warming_up_until!: string | null;
  @ApiProperty({ nullable: true, example: { at: '2026-01-15T10:00:00.000Z', value: 0.42, score: 0.8 } })
  latest!: { at: string; value: number; score: number } | null;
  @ApiProperty({ type: [AnomalyDto] }) anomalies!: AnomalyDto[];
}

export class AdhocResultDto {
  @ApiProperty() query!: string;
  @ApiProperty() source!: string;
  @ApiProperty() detector!: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) detector_params!: Record<string, unknown>;
  @ApiProperty({ enum: SENSITIVITIES, nullable: true, type: String, description: 'the level the threshold comes from; null when a numeric threshold was given' })
  sensitivity!: Sensitivity | null;
  @ApiProperty({ type: Number, format: 'double', description: "configured alert threshold, in the detector's unit" }) threshold!: number;
  @ApiProperty({ type: Number, format: 'double', description: "the threshold the scores were judged against, in the detector's unit" })
  effective_threshold!: number;
  @ApiProperty() unit!: string;
  @ApiProperty() lookback!: string;
  @ApiProperty({ description: 'the step used (widened if the lookback needed it)' }) step!: string;
  @ApiProperty() start!: string;
  @ApiProperty() end!: string;
  @ApiProperty() stored!: boolean;
  @ApiProperty({ type: [SeriesResultDto] }) series!: SeriesResultDto[];
  @ApiProperty({ type: [AnomalyDto], description: 'every episode found, all series' }) anomalies!: AnomalyDto[];
}

export function toAdhocResultDto(o: AdhocOutcome, stored: boolean): AdhocResultDto {
  const def = getDetector(o.spec.detector);
  const params = def.parseParams(o.spec.detector_params);
  const series: SeriesResultDto[] = o.series.map((s) => {
    const last = s.scored[s.scored.length - 1];
    const anomalies: AnomalyDto[] = s.episodes.map((ep, i) => ({
      metric: s.series.metric,
      series: s.key,
      labels: s.series.labels,
      observed_at: new Date(ep.startMs).toISOString(),
      peak_at: new Date(ep.peakMs).toISOString(),
      value: ep.value,
      score: ep.score,
      state: ep.resolvedMs === null ? 'firing' : 'resolved',
      resolved_at: ep.resolvedMs === null ? null : new Date(ep.resolvedMs).toISOString(),
      hint: hintFor({
        metric: s.series.metric,
        labels: s.series.labels,
        value: ep.value,
        score: ep.score,
        unit: def.unit,
        baseline: ep.baseline,
        baselineSpanMs: def.warmup(params) * o.range.stepMs,
      }),
      signal_id: s.stored[i]?.id ?? null,
    }));
    return {
      metric: s.series.metric,
      series: s.key,
      labels: s.series.labels,
      points: s.series.points.length,
      scored: s.scored.length,
      warming_up_until: s.warmingUpUntil?.toISOString() ?? null,
      latest: last ? { at: new Date(last.ts).toISOString(), value: last.value, score: last.score } : null,
      anomalies,
    };
  });
  return {
    query: o.spec.query,
    source: o.spec.source,
    detector: o.spec.detector,
    detector_params: o.spec.detector_params,
    sensitivity: o.spec.sensitivity,
    threshold: o.spec.threshold,
    effective_threshold: effectiveThreshold(o.spec),
    unit: def.unit,
    lookback: o.spec.lookback,
    step: `${o.range.stepMs / 1000}s`,
    start: new Date(o.range.startMs).toISOString(),
    end: new Date(o.range.endMs).toISOString(),
    stored,
    series,
    anomalies: series.flatMap((s) => s.anomalies),
  };
}

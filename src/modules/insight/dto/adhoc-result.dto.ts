import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { int, TIMESTAMP, nullableEnum } from '../../../common/openapi/schemas';
import { PROBE_SOURCES } from '../domain/probe';
import { AdhocOutcome } from '../probe-runner.service';
import { hintFor } from '../domain/hint';
import { getDetector, SENSITIVITIES, type Sensitivity } from '../detectors';
import { effectiveThreshold } from '../domain/probe';
import { toSamples } from '../domain/series-window';
import { SeriesSampleDto } from './signal.dto';

export class AnomalyDto {
  @ApiProperty({ type: String, example: 'cpu_usage' }) metric!: string;
  @ApiProperty({ type: String, example: 'instance="a"' }) series!: string;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' } }) labels!: Record<string, string>;
  @ApiProperty({ ...TIMESTAMP, description: "the episode's first anomalous sample" }) observed_at!: string;
  @ApiProperty({ ...TIMESTAMP, description: 'when its peak was' }) peak_at!: string;
  @ApiProperty({ type: Number }) value!: number;
  @ApiProperty({ type: Number }) score!: number;
  @ApiProperty({ enum: ['firing', 'resolved'] }) state!: string;
  @ApiProperty({ ...TIMESTAMP, nullable: true }) resolved_at!: string | null;
  @ApiProperty({ type: String }) hint!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'the stored signal (null with store: false)' }) signal_id!: string | null;
}

interface LatestPointDto {
  at: string;
  value: number;
  score: number;
}

export class SeriesResultDto {
  @ApiProperty({ type: String }) metric!: string;
  @ApiProperty({ type: String }) series!: string;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' } }) labels!: Record<string, string>;
  @ApiProperty(int(0)) points!: number;
  @ApiProperty({ ...int(0), description: 'points scored after warm-up' }) scored!: number;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'when the detector is (or was) first allowed to alert on this series; after the last point while it is still warming up',
  })
  warming_up_until!: string | null;
  // inline rather than a reference: OpenAPI 3.0's nullable does not reach into a $ref
  @ApiProperty({
    type: 'object',
    nullable: true,
    required: ['at', 'value', 'score'],
    properties: { at: { type: 'string', format: 'date-time' }, value: { type: 'number' }, score: { type: 'number' } },
    description: 'the last scored point; null when none was scored',
  })
  latest!: LatestPointDto | null;
  @ApiProperty({ type: [AnomalyDto] }) anomalies!: AnomalyDto[];
  @ApiPropertyOptional({ type: [SeriesSampleDto], description: 'with samples: true, every point scored, oldest first; score null during warm-up' })
  samples?: SeriesSampleDto[];
}

export class AdhocResultDto {
  @ApiProperty({ type: String }) query!: string;
  @ApiProperty({ enum: PROBE_SOURCES }) source!: string;
  @ApiProperty({ type: String, example: 'zscore' }) detector!: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) detector_params!: Record<string, unknown>;
  @ApiProperty({ ...nullableEnum(SENSITIVITIES), description: 'the level the threshold comes from; null when a numeric threshold was given' })
  sensitivity!: Sensitivity | null;
  @ApiProperty({ type: Number, format: 'double', description: "configured alert threshold, in the detector's unit" }) threshold!: number;
  @ApiProperty({ type: Number, format: 'double', description: "the threshold the scores were judged against, in the detector's unit" })
  effective_threshold!: number;
  @ApiProperty({ type: String, example: 'σ' }) unit!: string;
  @ApiProperty({ type: String, example: '1h' }) lookback!: string;
  @ApiProperty({ type: String, example: '60s', description: 'the step used (widened if the lookback needed it)' }) step!: string;
  @ApiProperty(TIMESTAMP) start!: string;
  @ApiProperty(TIMESTAMP) end!: string;
  @ApiProperty({ type: Boolean }) stored!: boolean;
  @ApiProperty({ type: [SeriesResultDto] }) series!: SeriesResultDto[];
  @ApiProperty({ type: [AnomalyDto], description: 'every episode found, all series' }) anomalies!: AnomalyDto[];
}

export function toAdhocResultDto(o: AdhocOutcome, stored: boolean, withSamples = false): AdhocResultDto {
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
        evidence: ep.evidence,
      }),
      signal_id: s.stored[i]?.id ?? null,
    }));
    const result: SeriesResultDto = {
      metric: s.series.metric,
      series: s.key,
      labels: s.series.labels,
      points: s.series.points.length,
      scored: s.scored.length,
      warming_up_until: s.warmingUpUntil?.toISOString() ?? null,
      latest: last ? { at: new Date(last.ts).toISOString(), value: last.value, score: last.score } : null,
      anomalies,
    };
    if (withSamples) result.samples = toSamples(s.scored, def.warmup(params)).map((p) => ({ at: new Date(p.ts).toISOString(), value: p.value, score: p.score }));
    return result;
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

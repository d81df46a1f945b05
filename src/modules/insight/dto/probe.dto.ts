import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsNumber, IsObject, IsOptional, IsString, Length, Max, Min, ValidateIf } from 'class-validator';
import { RawJson } from '../../../common/validation/decorators';
import { SENSITIVITIES, type Sensitivity } from '../detectors';
import { effectiveThreshold, Probe, PROBE_SOURCES, ProbeRun, type ProbeSource } from '../domain/probe';
import type { SeriesState } from '../series-state.repository';

const MAX_QUERY = 10_000;

/** Fields shared by stored and ad-hoc probes. */
class ProbeSpecFields {
  @ApiPropertyOptional({ enum: PROBE_SOURCES, description: 'prometheus when PROM_URL is set, else runs' })
  @IsOptional()
  @IsIn(PROBE_SOURCES as unknown as string[])
  source?: ProbeSource;

  @ApiPropertyOptional({ example: 'robust', description: 'a detector name (zscore, ewma, robust, …); the product default when absent' })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  detector?: string;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, example: { window: 60 } })
  @IsOptional()
  @IsObject()
  @RawJson()
  detector_params?: Record<string, unknown>;

  @ApiPropertyOptional({
    enum: SENSITIVITIES,
    default: 'medium',
    description:
      'how readily the probe alerts, instead of a numeric threshold; medium (the default) is the detector’s default threshold. ' +
      'reports/nab.md gives each level’s measured false-alarm rate on healthy series. Not with threshold.',
  })
  @IsOptional()
  @IsIn(SENSITIVITIES as unknown as string[])
  sensitivity?: Sensitivity;

  @ApiPropertyOptional({
    type: Number,
    format: 'double',
    minimum: 0.000001,
    maximum: 1e6,
    example: 3.5,
    description: "alert threshold in the detector's unit, for experts; not with sensitivity",
  })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0.000001)
  @Max(1e6)
  threshold?: number;

  @ApiPropertyOptional({ example: '1h', description: 'Prometheus duration' })
  @IsOptional()
  @IsString()
  @Length(1, 32)
  lookback?: string;

  @ApiPropertyOptional({ example: '60s', description: 'Prometheus duration, whole seconds' })
  @IsOptional()
  @IsString()
  @Length(1, 32)
  step?: string;

  @ApiPropertyOptional({ example: 300, minimum: 0 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(31_536_000)
  cooldown_s?: number;

  @ApiPropertyOptional({ example: 1, minimum: 1 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10_000)
  min_consecutive?: number;

  @ApiPropertyOptional({ example: 'invoice-agent', nullable: true, description: 'run-metric probes: one workflow (else one series per workflow)' })
  @IsOptional()
  @ValidateIf((o: { wpk_id?: unknown }) => o.wpk_id !== null)
  @IsString()
  @Length(1, 200)
  wpk_id?: string | null;
}

export class CreateProbeDto extends ProbeSpecFields {
  @ApiProperty({ example: 'invoice-agent-p95' })
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiProperty({ example: 'runs_duration_p95_ms', description: 'PromQL, or a run metric for the runs source' })
  @IsString()
  @Length(1, MAX_QUERY)
  query!: string;

  @ApiPropertyOptional({ example: 60, minimum: 1, description: 'seconds between runs (default 60) unless cron is given' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(31_536_000)
  interval_s?: number;

  @ApiPropertyOptional({ example: '*/5 * * * *', nullable: true, description: 'cron expression (UTC) instead of interval_s' })
  @IsOptional()
  @ValidateIf((o: { cron?: unknown }) => o.cron !== null)
  @IsString()
  @Length(1, 200)
  cron?: string | null;

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;
}

export class UpdateProbeDto extends ProbeSpecFields {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 200)
  name?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, MAX_QUERY)
  query?: string;

  @ApiPropertyOptional({ minimum: 1 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(31_536_000)
  interval_s?: number;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @ValidateIf((o: { cron?: unknown }) => o.cron !== null)
  @IsString()
  @Length(1, 200)
  cron?: string | null;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;
}

export class AdhocProbeDto extends ProbeSpecFields {
  @ApiProperty({ example: 'cpu_usage' })
  @IsString()
  @Length(1, MAX_QUERY)
  query!: string;

  @ApiPropertyOptional({ default: true, description: 'false only looks: no signal is stored' })
  @IsOptional()
  @IsBoolean()
  store?: boolean;
}

export class ProbeRunDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() started_at!: string;
  @ApiProperty() finished_at!: string;
  @ApiProperty() points_scored!: number;
  @ApiProperty({ description: 'signals opened, updated or resolved' }) signals!: number;
  @ApiProperty({ nullable: true, type: String }) error!: string | null;
}

export class ProbeDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() query!: string;
  @ApiProperty({ enum: PROBE_SOURCES }) source!: string;
  @ApiProperty() detector!: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) detector_params!: Record<string, unknown>;
  @ApiProperty({ enum: SENSITIVITIES, nullable: true, type: String, description: 'the level the threshold comes from; null when a numeric threshold was given' })
  sensitivity!: Sensitivity | null;
  @ApiProperty({ type: Number, format: 'double', description: "configured alert threshold, in the detector's unit" }) threshold!: number;
  @ApiProperty({
    type: Number,
    format: 'double',
    description: "the threshold scores are judged against now, in the detector's unit (applied after scoring)",
  })
  effective_threshold!: number;
  @ApiProperty({ example: '1h' }) lookback!: string;
  @ApiProperty({ example: '60s' }) step!: string;
  @ApiProperty({ nullable: true, type: Number }) interval_s!: number | null;
  @ApiProperty({ nullable: true, type: String }) cron!: string | null;
  @ApiProperty() cooldown_s!: number;
  @ApiProperty() min_consecutive!: number;
  @ApiProperty() enabled!: boolean;
  @ApiProperty({ nullable: true, type: String }) wpk_id!: string | null;
  @ApiProperty({ nullable: true, type: String }) last_run_at!: string | null;
  @ApiProperty({ nullable: true, type: String }) last_error!: string | null;
  @ApiProperty() consecutive_failures!: number;
  @ApiProperty({ nullable: true, type: String }) next_run_at!: string | null;
  @ApiProperty() created_at!: string;
  @ApiProperty() updated_at!: string;
}

export class ProbeSeriesDto {
  @ApiProperty({ example: 'http_request_duration_seconds' }) metric!: string;
  @ApiProperty({ example: 'instance="a"' }) series!: string;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' } }) labels!: Record<string, string>;
  @ApiProperty({ type: String, format: 'date-time', description: 'the last point scored' }) last_at!: string;
  @ApiProperty({ type: Number, format: 'double' }) last_value!: number;
  @ApiProperty({ type: Number, format: 'double', description: "its score, in the detector's unit" }) last_score!: number;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'when the detector is (or was) first allowed to alert on this series; later than last_at while it is still warming up',
  })
  warming_up_until!: string | null;
}

export class ProbeDetailDto extends ProbeDto {
  @ApiProperty({ type: [ProbeRunDto], description: 'the latest runs, newest first' }) recent_runs!: ProbeRunDto[];
  @ApiProperty({ type: [ProbeSeriesDto], description: 'every series the probe follows, by metric and labels' }) series!: ProbeSeriesDto[];
}

export class ProbeListDto {
  @ApiProperty({ type: [ProbeDto] }) items!: ProbeDto[];
}

export class RunNowResultDto {
  @ApiProperty({ type: ProbeRunDto }) run!: ProbeRunDto;
  @ApiProperty({ type: ProbeDto }) probe!: ProbeDto;
}

const iso = (d: Date | null) => d?.toISOString() ?? null;

export function toProbeDto(p: Probe): ProbeDto {
  return {
    id: p.id,
    name: p.name,
    query: p.query,
    source: p.source,
    detector: p.detector,
    detector_params: p.detector_params,
    sensitivity: p.sensitivity,
    threshold: p.threshold,
    effective_threshold: effectiveThreshold(p),
    lookback: p.lookback,
    step: p.step,
    interval_s: p.interval_s,
    cron: p.cron,
    cooldown_s: p.cooldown_s,
    min_consecutive: p.min_consecutive,
    enabled: p.enabled,
    wpk_id: p.wpk_id,
    last_run_at: iso(p.last_run_at),
    last_error: p.last_error,
    consecutive_failures: p.consecutive_failures,
    next_run_at: iso(p.next_run_at),
    created_at: p.created_at.toISOString(),
    updated_at: p.updated_at.toISOString(),
  };
}

export function toProbeSeriesDto(s: Pick<SeriesState, 'metric' | 'series_key' | 'labels' | 'last_ts' | 'last_value' | 'last_score' | 'warming_up_until'>): ProbeSeriesDto {
  return {
    metric: s.metric,
    series: s.series_key,
    labels: s.labels,
    last_at: s.last_ts.toISOString(),
    last_value: s.last_value,
    last_score: s.last_score,
    warming_up_until: iso(s.warming_up_until),
  };
}

export function toProbeRunDto(r: ProbeRun): ProbeRunDto {
  return {
    id: r.id,
    started_at: r.started_at.toISOString(),
    finished_at: r.finished_at.toISOString(),
    points_scored: r.points_scored,
    signals: r.signals,
    error: r.error,
  };
}

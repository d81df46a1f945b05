import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsNumber, IsObject, IsOptional, IsString, Length, Matches, Max, Min, ValidateIf } from 'class-validator';
import { int, nullableEnum, text, TIMESTAMP } from '../../../common/openapi/schemas';
import { detectorNames } from '../detectors/detectors.registry';
import { RawJson } from '../../../common/validation/decorators';
import { SENSITIVITIES, type Sensitivity } from '../detectors';
import { effectiveThreshold, Probe, PROBE_SOURCES, ProbeRun, type ProbeSource, SEVERITIES, type Severity, TuningEntry } from '../domain/probe';
import { MAX_LABEL_VALUE, MAX_PROBE_LABELS, OWN_LABELS } from '../domain/alert-labels';
import type { SeriesState } from '../series-state.repository';

const MAX_QUERY = 10_000;

/** A Prometheus duration (units descending, each at most once, not zero); `step` takes whole seconds only. */
const DURATION = /^\s*(?=[0-9]*[1-9])(?:[0-9]+y)?(?:[0-9]+w)?(?:[0-9]+d)?(?:[0-9]+h)?(?:[0-9]+m)?(?:[0-9]+s)?(?:[0-9]+ms)?\s*$/;
const WHOLE_SECONDS_DURATION = /^\s*(?=[0-9]*[1-9])(?:[0-9]+y)?(?:[0-9]+w)?(?:[0-9]+d)?(?:[0-9]+h)?(?:[0-9]+m)?(?:[0-9]+s)?\s*$/;

/** Fields shared by stored and ad-hoc probes. */
class ProbeSpecFields {
  @ApiPropertyOptional({ ...nullableEnum(PROBE_SOURCES), description: 'default: prometheus when PROM_URL is set, else runs' })
  @IsOptional()
  @IsIn(PROBE_SOURCES as unknown as string[])
  source?: ProbeSource;

  @ApiPropertyOptional({ ...nullableEnum(detectorNames()), example: 'robust', description: 'the detector; the product default when absent' })
  @IsOptional()
  @IsIn(detectorNames())
  detector?: string;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, nullable: true, example: { window: 60 }, description: "the detector's parameters; its defaults when absent" })
  @IsOptional()
  @IsObject()
  @RawJson()
  detector_params?: Record<string, unknown>;

  @ApiPropertyOptional({
    ...nullableEnum(SENSITIVITIES),
    default: 'medium',
    description:
      'how readily the probe alerts, instead of a numeric threshold; medium (the default) is the detector’s default threshold. ' +
      'GET /detectors gives each level’s threshold and its measured false-alarm rate on healthy series. Not with threshold.',
  })
  @IsOptional()
  @IsIn(SENSITIVITIES as unknown as string[])
  sensitivity?: Sensitivity;

  @ApiPropertyOptional({
    type: Number,
    format: 'double',
    minimum: 0.000001,
    maximum: 1e6,
    nullable: true,
    example: 3.5,
    description: "alert threshold in the detector's unit, for experts; not with sensitivity (the sensitivity's threshold when absent)",
  })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0.000001)
  @Max(1e6)
  threshold?: number;

  @ApiPropertyOptional({ ...text(32), pattern: DURATION.source, nullable: true, example: '1h', description: 'how far back each run looks: a Prometheus duration, at least one step and at most 400d (default 1h)' })
  @IsOptional()
  @IsString()
  @Length(1, 32)
  @Matches(DURATION, { message: 'lookback must be a Prometheus duration such as 1h or 90m' })
  lookback?: string;

  @ApiPropertyOptional({ ...text(32), pattern: WHOLE_SECONDS_DURATION.source, nullable: true, example: '60s', description: 'the resolution: a Prometheus duration of whole seconds (default 60s)' })
  @IsOptional()
  @IsString()
  @Length(1, 32)
  @Matches(WHOLE_SECONDS_DURATION, { message: 'step must be a Prometheus duration of whole seconds such as 60s or 5m' })
  step?: string;

  @ApiPropertyOptional({ ...int(0, 31_536_000), nullable: true, example: 300, description: 'seconds after a signal fires before the series can fire again' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(31_536_000)
  cooldown_s?: number;

  @ApiPropertyOptional({ ...int(1, 10_000), nullable: true, example: 1, description: 'anomalous points in a row before a signal fires' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10_000)
  min_consecutive?: number;

  @ApiPropertyOptional({ ...text(200), nullable: true, example: 'invoice-agent', description: 'run-metric probes: one workflow (else one series per workflow)' })
  @IsOptional()
  @ValidateIf((o: { wpk_id?: unknown }) => o.wpk_id !== null)
  @IsString()
  @Length(1, 200)
  wpk_id?: string | null;
}


/** Severity and routing labels: sent to Alertmanager as labels and in the webhook body. */
class ProbeRoutingFields extends ProbeSpecFields {
  @ApiPropertyOptional({ ...nullableEnum(SEVERITIES), default: 'warning', description: 'sent as the `severity` label (default warning)' })
  @IsOptional()
  @IsIn(SEVERITIES as unknown as string[])
  severity?: Severity;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'string', maxLength: MAX_LABEL_VALUE },
    maxProperties: MAX_PROBE_LABELS,
    nullable: true,
    example: { team: 'payments', service: 'invoice' },
    description:
      `routing labels sent with its signals (at most ${MAX_PROBE_LABELS}; Prometheus label names; values at most ${MAX_LABEL_VALUE} characters); ` +
      `they win over series labels of the same name; ${OWN_LABELS.join(', ')} are NeuralOps' own. Replaces the labels as a whole`,
  })
  @IsOptional()
  @IsObject()
  @RawJson()
  labels?: Record<string, string>;
}

export class CreateProbeDto extends ProbeRoutingFields {
  @ApiProperty({ ...text(200), example: 'invoice-agent-p95' })
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiProperty({ ...text(MAX_QUERY), example: 'runs_duration_p95_ms', description: 'PromQL, or a run metric for the runs source' })
  @IsString()
  @Length(1, MAX_QUERY)
  query!: string;

  @ApiPropertyOptional({ ...int(1, 31_536_000), nullable: true, example: 60, description: 'seconds between runs (default 60); not with cron' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(31_536_000)
  interval_s?: number;

  @ApiPropertyOptional({ ...text(200), nullable: true, example: '*/5 * * * *', description: 'cron expression (UTC) instead of interval_s' })
  @IsOptional()
  @ValidateIf((o: { cron?: unknown }) => o.cron !== null)
  @IsString()
  @Length(1, 200)
  cron?: string | null;

  @ApiPropertyOptional({ type: Boolean, nullable: true, default: true })
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;
}

export class UpdateProbeDto extends ProbeRoutingFields {
  // absent keeps them; neither can be cleared, so null is refused like any other non-string
  @ApiPropertyOptional(text(200))
  @ValidateIf((o: { name?: unknown }) => o.name !== undefined)
  @IsString()
  @Length(1, 200)
  name?: string;

  @ApiPropertyOptional(text(MAX_QUERY))
  @ValidateIf((o: { query?: unknown }) => o.query !== undefined)
  @IsString()
  @Length(1, MAX_QUERY)
  query?: string;

  @ApiPropertyOptional({ ...int(1, 31_536_000), nullable: true, description: 'seconds between runs; setting it clears cron' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(31_536_000)
  interval_s?: number;

  @ApiPropertyOptional({ ...text(200), nullable: true, description: 'cron expression (UTC); null goes back to interval_s' })
  @IsOptional()
  @ValidateIf((o: { cron?: unknown }) => o.cron !== null)
  @IsString()
  @Length(1, 200)
  cron?: string | null;

  @ApiPropertyOptional({ type: Boolean, nullable: true })
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;
}

export class AdhocProbeDto extends ProbeSpecFields {
  @ApiProperty({ ...text(MAX_QUERY), example: 'cpu_usage', description: 'PromQL, or a run metric for the runs source' })
  @IsString()
  @Length(1, MAX_QUERY)
  query!: string;

  @ApiPropertyOptional({ type: Boolean, nullable: true, default: true, description: 'false only looks: no signal is stored' })
  @IsOptional()
  @IsBoolean()
  store?: boolean;

  @ApiPropertyOptional({ type: Boolean, nullable: true, default: false, description: "true adds each series' samples (time, value, score; score null during warm-up) to the answer" })
  @IsOptional()
  @IsBoolean()
  samples?: boolean;
}

export class ProbeRunDto {
  @ApiProperty({ type: String, format: 'uuid' }) id!: string;
  @ApiProperty(TIMESTAMP) started_at!: string;
  @ApiProperty(TIMESTAMP) finished_at!: string;
  @ApiProperty(int(0)) points_scored!: number;
  @ApiProperty({ ...int(0), description: 'signals opened, updated or resolved' }) signals!: number;
  @ApiProperty({ type: String, nullable: true }) error!: string | null;
}

export class TuningEntryDto {
  @ApiProperty(TIMESTAMP) at!: string;
  @ApiProperty({ type: Number, format: 'double', description: 'effective threshold before' }) from!: number;
  @ApiProperty({ type: Number, format: 'double', description: 'effective threshold after' }) to!: number;
  @ApiProperty({ type: String, example: 'noise label on signal 6f1c… by oncall' }) because!: string;
}

export function toTuningEntryDto(e: TuningEntry): TuningEntryDto {
  return { at: e.at.toISOString(), from: e.from, to: e.to, because: e.because };
}

export class ProbeDto {
  @ApiProperty({ type: String, format: 'uuid' }) id!: string;
  @ApiProperty({ type: String, example: 'invoice-agent-p95' }) name!: string;
  @ApiProperty({ type: String, example: 'runs_duration_p95_ms' }) query!: string;
  @ApiProperty({ enum: PROBE_SOURCES }) source!: string;
  @ApiProperty({ type: String, example: 'robust' }) detector!: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) detector_params!: Record<string, unknown>;
  @ApiProperty({ ...nullableEnum(SENSITIVITIES), description: 'the level the threshold comes from; null when a numeric threshold was given' })
  sensitivity!: Sensitivity | null;
  @ApiProperty({ type: Number, format: 'double', example: 3.5, description: "configured alert threshold, in the detector's unit" }) threshold!: number;
  @ApiProperty({ type: Number, format: 'double', example: 3.5, description: 'the same as threshold: what the sensitivity or the number given set; feedback never changes it' })
  configured_threshold!: number;
  @ApiProperty({
    type: Number,
    format: 'double',
    description: "the threshold scores are judged against now, in the detector's unit (applied after scoring): the configured one raised ×1.25 per tuning step",
  })
  effective_threshold!: number;
  @ApiProperty({ ...int(0, 2), description: 'steps of ×1.25 that noise labels raised the threshold by (a useful label, or 30 days without noise, takes one back)' })
  tuning_steps!: number;
  @ApiProperty({ type: () => [TuningEntryDto], description: 'changes of the effective threshold, oldest first (the latest 50)' })
  tuning!: TuningEntryDto[];
  @ApiProperty({ enum: SEVERITIES }) severity!: Severity;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' }, example: { team: 'payments' } }) labels!: Record<string, string>;
  @ApiProperty({ type: String, example: '1h' }) lookback!: string;
  @ApiProperty({ type: String, example: '1m' }) step!: string;
  @ApiProperty({ ...int(1), nullable: true, example: 60 }) interval_s!: number | null;
  @ApiProperty({ type: String, nullable: true, example: null }) cron!: string | null;
  @ApiProperty(int(0)) cooldown_s!: number;
  @ApiProperty(int(1)) min_consecutive!: number;
  @ApiProperty({ type: Boolean }) enabled!: boolean;
  @ApiProperty({ type: String, nullable: true }) wpk_id!: string | null;
  @ApiProperty({ ...TIMESTAMP, nullable: true }) last_run_at!: string | null;
  @ApiProperty({ type: String, nullable: true }) last_error!: string | null;
  @ApiProperty(int(0)) consecutive_failures!: number;
  @ApiProperty({ ...TIMESTAMP, nullable: true }) next_run_at!: string | null;
  @ApiProperty(TIMESTAMP) created_at!: string;
  @ApiProperty(TIMESTAMP) updated_at!: string;
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
    configured_threshold: p.threshold,
    effective_threshold: effectiveThreshold(p),
    tuning_steps: p.tuning.steps,
    tuning: p.tuning.log.map(toTuningEntryDto),
    severity: p.severity,
    labels: p.labels,
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

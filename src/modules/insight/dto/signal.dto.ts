import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsNumber, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { UUID_SHAPE } from '../../../common/validation/params';
import { Transform } from 'class-transformer';
import { IsTimestamp, QueryInt } from '../../../common/validation/decorators';
import { int, text, TIMESTAMP, TIMESTAMP_INPUT } from '../../../common/openapi/schemas';
import { RUN_STATUSES } from '../../runs/domain/run';
import { Signal } from '../domain/probe';

const SIGNAL_STATES = ['firing', 'resolved'];
import { LinkedRun } from '../run-metrics.repository';

export class SignalDto {
  @ApiProperty({ type: String, format: 'uuid' }) id!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'null for POST /probe' }) probe_id!: string | null;
  @ApiProperty({ type: String, example: 'runs_duration_p95_ms' }) metric!: string;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' }, example: { wpk_id: 'invoice-agent' } }) labels!: Record<string, string>;
  @ApiProperty({ type: String, example: 'wpk_id="invoice-agent"' }) series!: string;
  @ApiProperty({ type: Number, description: "the episode's peak value", example: 8200 }) value!: number;
  @ApiProperty({ type: Number, description: "the episode's peak score, in the detector's unit", example: 4.1 }) score!: number;
  @ApiProperty({ type: String, example: 'p95 duration of workflow invoice-agent rose to 8.2 s, 4.1σ above its 1 h baseline of 1.2 s' }) hint!: string;
  @ApiProperty({ type: String, example: 'robust' }) detector!: string;
  @ApiProperty({ type: Number, example: 3.5 }) threshold!: number;
  @ApiProperty({ ...int(1), example: 60 }) step_s!: number;
  @ApiProperty({ ...TIMESTAMP, description: "the episode's first anomalous sample" }) observed_at!: string;
  @ApiProperty(TIMESTAMP) last_anomalous_at!: string;
  @ApiProperty({ enum: SIGNAL_STATES }) state!: string;
  @ApiProperty({ ...TIMESTAMP, nullable: true }) resolved_at!: string | null;
  @ApiProperty(TIMESTAMP) created_at!: string;
  @ApiProperty(TIMESTAMP) updated_at!: string;
}

export function toSignalDto(s: Signal): SignalDto {
  return {
    id: s.id,
    probe_id: s.probe_id,
    metric: s.metric,
    labels: s.labels,
    series: s.series_key,
    value: s.value,
    score: s.score,
    hint: s.hint,
    detector: s.detector,
    threshold: s.threshold,
    step_s: s.step_s,
    observed_at: s.observed_at.toISOString(),
    last_anomalous_at: s.last_anomalous_at.toISOString(),
    state: s.state,
    resolved_at: s.resolved_at?.toISOString() ?? null,
    created_at: s.created_at.toISOString(),
    updated_at: s.updated_at.toISOString(),
  };
}

export class SignalPageDto {
  @ApiProperty({ type: [SignalDto] }) items!: SignalDto[];
  @ApiProperty({ ...int(1, 200), example: 50 }) limit!: number;
  @ApiProperty({ type: String, nullable: true, description: 'pass as `cursor` for the next page; null on the last page' }) next_cursor!: string | null;
}

export class ListSignalsQueryDto {
  @ApiPropertyOptional({ enum: SIGNAL_STATES, description: 'signals in this state' })
  @IsOptional()
  @IsIn(SIGNAL_STATES)
  state?: 'firing' | 'resolved';

  @ApiPropertyOptional({ type: String, format: 'uuid', description: 'signals of this probe' })
  @IsOptional()
  @Matches(UUID_SHAPE, { message: 'probe_id must be a UUID' })
  probe_id?: string;

  @ApiPropertyOptional({ ...text(4096), description: 'signals of this metric, e.g. `runs_duration_p95_ms`' })
  @IsOptional()
  @IsString()
  @Length(1, 4096)
  metric?: string;

  @ApiPropertyOptional({ ...TIMESTAMP_INPUT, description: 'observed_at at or after, e.g. `2026-01-15T00:00:00Z`' })
  @IsOptional()
  @IsTimestamp()
  since?: string;

  @ApiPropertyOptional({ ...TIMESTAMP_INPUT, description: 'observed_at strictly before' })
  @IsOptional()
  @IsTimestamp()
  until?: string;

  @ApiPropertyOptional({ type: Number, minimum: 0, description: 'signals whose peak score is at least this, e.g. `3`' })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : value), { toClassOnly: true })
  @IsNumber()
  @Min(0)
  min_score?: number;

  @ApiPropertyOptional({ ...int(1, 200), default: 50, description: 'items per page' })
  @IsOptional()
  @QueryInt()
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;

  @ApiPropertyOptional({ ...text(2048), description: 'next_cursor from the previous page' })
  @IsOptional()
  @IsString()
  @Length(1, 2048)
  cursor?: string;
}

export class SignalRunsQueryDto {
  @ApiPropertyOptional({ ...int(1, 200), default: 50, description: 'runs at most' })
  @IsOptional()
  @QueryInt()
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
}

export class LinkedRunDto {
  @ApiProperty({ type: String, format: 'uuid' }) id!: string;
  @ApiProperty({ type: String, example: 'invoice-agent' }) wpk_id!: string;
  @ApiProperty({ type: String, example: 'run-2026-01-15-0001' }) run_id!: string;
  @ApiProperty({ enum: RUN_STATUSES }) status!: string;
  @ApiProperty({ ...int(0), nullable: true }) duration_ms!: number | null;
  @ApiProperty({ type: String, nullable: true }) error!: string | null;
  @ApiProperty({ ...TIMESTAMP, nullable: true }) started_at!: string | null;
  @ApiProperty({ ...TIMESTAMP, nullable: true }) ended_at!: string | null;
  @ApiProperty(TIMESTAMP) created_at!: string;
}

export class SignalRunsDto {
  @ApiProperty({ type: String, format: 'uuid' }) signal_id!: string;
  @ApiProperty({ type: String, nullable: true, description: 'the workflow the runs belong to; null means all' }) wpk_id!: string | null;
  @ApiProperty({ ...TIMESTAMP, description: 'the window the runs were taken from: observed_at − step …' }) since!: string;
  @ApiProperty({ ...TIMESTAMP, description: '… to resolved_at, or now' }) until!: string;
  @ApiProperty({ type: [LinkedRunDto] }) items!: LinkedRunDto[];
  @ApiProperty(int(1, 200)) limit!: number;
  @ApiProperty({ type: Boolean, description: 'true when the window starts before the run-retention cutoff (RUN_RETENTION_DAYS): runs of it may have been deleted' })
  runs_may_be_purged!: boolean;
}

export function toLinkedRunDto(r: LinkedRun): LinkedRunDto {
  return {
    id: r.id,
    wpk_id: r.wpk_id,
    run_id: r.run_id,
    status: r.status,
    duration_ms: r.duration_ms,
    error: r.error,
    started_at: r.started_at?.toISOString() ?? null,
    ended_at: r.ended_at?.toISOString() ?? null,
    created_at: r.created_at.toISOString(),
  };
}

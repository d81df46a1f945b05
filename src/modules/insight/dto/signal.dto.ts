import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsNumber, IsOptional, IsString, IsUUID, Length, Max, Min } from 'class-validator';
import { Transform } from 'class-transformer';
import { IsTimestamp, QueryInt } from '../../../common/validation/decorators';
import { Signal } from '../domain/probe';
import { LinkedRun } from '../run-metrics.repository';

export class SignalDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'null for POST /probe' }) probe_id!: string | null;
  @ApiProperty({ example: 'runs_duration_p95_ms' }) metric!: string;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' }, example: { wpk_id: 'invoice-agent' } }) labels!: Record<string, string>;
  @ApiProperty({ example: 'wpk_id="invoice-agent"' }) series!: string;
  @ApiProperty({ description: "the episode's peak value", example: 8200 }) value!: number;
  @ApiProperty({ description: "the episode's peak score, in the detector's unit", example: 4.1 }) score!: number;
  @ApiProperty({ example: 'p95 duration of workflow invoice-agent rose to 8.2 s, 4.1σ above its 1 h baseline of 1.2 s' }) hint!: string;
  @ApiProperty({ example: 'robust' }) detector!: string;
  @ApiProperty({ example: 3.5 }) threshold!: number;
  @ApiProperty({ example: 60 }) step_s!: number;
  @ApiProperty({ description: "the episode's first anomalous sample" }) observed_at!: string;
  @ApiProperty() last_anomalous_at!: string;
  @ApiProperty({ enum: ['firing', 'resolved'] }) state!: string;
  @ApiProperty({ nullable: true, type: String }) resolved_at!: string | null;
  @ApiProperty() created_at!: string;
  @ApiProperty() updated_at!: string;
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
  @ApiProperty({ example: 50 }) limit!: number;
  @ApiProperty({ nullable: true, type: String }) next_cursor!: string | null;
}

export class ListSignalsQueryDto {
  @ApiPropertyOptional({ enum: ['firing', 'resolved'] })
  @IsOptional()
  @IsIn(['firing', 'resolved'])
  state?: 'firing' | 'resolved';

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all')
  probe_id?: string;

  @ApiPropertyOptional({ example: 'runs_duration_p95_ms' })
  @IsOptional()
  @IsString()
  @Length(1, 4096)
  metric?: string;

  @ApiPropertyOptional({ description: 'observed_at at or after' })
  @IsOptional()
  @IsTimestamp()
  since?: string;

  @ApiPropertyOptional({ description: 'observed_at strictly before' })
  @IsOptional()
  @IsTimestamp()
  until?: string;

  @ApiPropertyOptional({ example: 3 })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : value), { toClassOnly: true })
  @IsNumber()
  @Min(0)
  min_score?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @QueryInt()
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 2048)
  cursor?: string;
}

export class SignalRunsQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @QueryInt()
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
}

export class LinkedRunDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() wpk_id!: string;
  @ApiProperty() run_id!: string;
  @ApiProperty() status!: string;
  @ApiProperty({ nullable: true, type: Number }) duration_ms!: number | null;
  @ApiProperty({ nullable: true, type: String }) error!: string | null;
  @ApiProperty({ nullable: true, type: String }) started_at!: string | null;
  @ApiProperty({ nullable: true, type: String }) ended_at!: string | null;
  @ApiProperty() created_at!: string;
}

export class SignalRunsDto {
  @ApiProperty({ format: 'uuid' }) signal_id!: string;
  @ApiProperty({ nullable: true, type: String, description: 'the workflow the runs belong to; null means all' }) wpk_id!: string | null;
  @ApiProperty() since!: string;
  @ApiProperty() until!: string;
  @ApiProperty({ type: [LinkedRunDto] }) items!: LinkedRunDto[];
  @ApiProperty() limit!: number;
  @ApiProperty({ description: 'true when the window starts before the run-retention cutoff (RUN_RETENTION_DAYS): runs of it may have been deleted' })
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

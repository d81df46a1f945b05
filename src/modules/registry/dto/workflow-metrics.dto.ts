import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import { IsOptional, IsString, Matches } from 'class-validator';
import { int, TIMESTAMP, TIMESTAMP_INPUT } from '../../../common/openapi/schemas';
import { IsTimestamp } from '../../../common/validation/decorators';
import { MAX_METRIC_BUCKETS, METRICS_STEP_PATTERN } from '../domain/metrics-range';

export class WorkflowMetricsQueryDto {
  @ApiPropertyOptional({ ...TIMESTAMP_INPUT, description: 'start of the range (default: a day before `to`), e.g. `2026-01-15T00:00:00Z`; aligned down to the step' })
  @IsOptional()
  @IsTimestamp()
  from?: string;

  @ApiPropertyOptional({ ...TIMESTAMP_INPUT, description: 'end of the range, exclusive (default: now)' })
  @IsOptional()
  @IsTimestamp()
  to?: string;

  @ApiPropertyOptional({
    type: String,
    pattern: METRICS_STEP_PATTERN,
    description: `bucket width: a whole number of s, m, h or d; at most ${MAX_METRIC_BUCKETS} buckets. Default: the finest of 1m, 5m, 15m, 1h, 3h, 6h, 1d, 7d giving at most 200`,
  })
  @IsOptional()
  @IsString()
  @Matches(new RegExp(METRICS_STEP_PATTERN), { message: 'step must be a whole number of s, m, h or d, such as 5m or 1h' })
  step?: string;
}

export class MetricBucketDto {
  @ApiProperty({ ...TIMESTAMP, description: "the bucket's start" }) at!: string;
  @ApiProperty({ ...int(0), description: 'runs that happened in the bucket (started_at, or created_at when absent or over 5 min later)' }) runs!: number;
  @ApiProperty(int(0)) completed!: number;
  @ApiProperty(int(0)) failed!: number;
  @ApiProperty(int(0)) running!: number;
  @ApiProperty({ type: Number, minimum: 0, maximum: 1, nullable: true, description: 'failed / runs no longer running; null when none finished' })
  failure_ratio!: number | null;
  @ApiProperty({ ...int(0), nullable: true, description: 'nearest-rank median duration; null without durations' }) duration_p50_ms!: number | null;
  @ApiProperty({ ...int(0), nullable: true, description: 'nearest-rank 95th percentile duration' }) duration_p95_ms!: number | null;
  @ApiProperty({ ...int(0), description: "tokens of the bucket's runs that report usage" }) total_tokens!: number;
  @ApiProperty({ type: Number, minimum: 0, nullable: true, description: 'USD of its priced runs; null when none is priced' }) cost_usd!: number | null;
}

@ApiSchema({ description: "A workflow's runs bucketed by when they happened; every bucket of the range is listed, empty ones with zeros" })
export class WorkflowMetricsDto {
  @ApiProperty({ type: String, example: '15m', description: 'the bucket width used' }) step!: string;
  @ApiProperty({ ...TIMESTAMP, description: "the first bucket's start" }) from!: string;
  @ApiProperty({ ...TIMESTAMP, description: 'the end of the range (exclusive); the last bucket may still be filling' }) to!: string;
  @ApiProperty({ type: [MetricBucketDto] }) buckets!: MetricBucketDto[];
}

export class WorkflowStats24hDto {
  @ApiProperty({ ...int(0), description: 'runs that happened in the last 24 h' }) runs!: number;
  @ApiProperty({ ...int(0), description: 'of them, failed' }) failed!: number;
  @ApiProperty({ ...int(0), nullable: true, description: 'nearest-rank 95th percentile duration; null without durations' }) duration_p95_ms!: number | null;
  @ApiProperty({
    type: 'array',
    items: { type: 'integer', minimum: 0 },
    minItems: 24,
    maxItems: 24,
    description: 'runs per hour, oldest first: hour i covers [now − 24 h + i h, now − 23 h + i h)',
  })
  hourly!: number[];
}

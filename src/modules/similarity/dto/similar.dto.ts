import type { EmbeddingStateName } from '../domain/embedding-state';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { int, nullableEnum, text, TIMESTAMP, TIMESTAMP_INPUT } from '../../../common/openapi/schemas';
import { IsIn, IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { IsTimestamp, QueryInt } from '../../../common/validation/decorators';
import { MAX_ID_LENGTH, RUN_STATUSES, type RunStatus } from '../../runs/domain/run';
import type { EmbeddingRetry, SimilarRun } from '../similarity.service';

export const MAX_QUERY_LENGTH = 10_000;

export class SimilarRunsQueryDto {
  @ApiPropertyOptional({ ...int(1, 100), default: 10, description: 'runs at most' })
  @IsOptional()
  @QueryInt()
  @IsInt()
  @Min(1)
  @Max(100)
  k?: number;

  @ApiPropertyOptional({ ...text(MAX_ID_LENGTH), description: 'only runs of this workflow, e.g. `invoice-agent`' })
  @IsOptional()
  @IsString()
  @Length(1, MAX_ID_LENGTH)
  wpk_id?: string;

  @ApiPropertyOptional({ enum: RUN_STATUSES, description: 'only runs with this status' })
  @IsOptional()
  @IsIn(RUN_STATUSES as unknown as string[])
  status?: RunStatus;

  @ApiPropertyOptional({ ...TIMESTAMP_INPUT, description: 'only runs created at or after, e.g. `2026-01-15T00:00:00Z`' })
  @IsOptional()
  @IsTimestamp()
  since?: string;
}

export class SearchRunsDto {
  @ApiProperty({ ...text(MAX_QUERY_LENGTH), example: 'parse node timeout after upstream 503' })
  @IsString()
  @Length(1, MAX_QUERY_LENGTH)
  query!: string;

  @ApiPropertyOptional({ ...int(1, 100), nullable: true, default: 10, description: 'runs at most' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100)
  k?: number;

  @ApiPropertyOptional({ ...text(MAX_ID_LENGTH), nullable: true, example: 'invoice-agent', description: 'only runs of this workflow' })
  @IsOptional()
  @IsString()
  @Length(1, MAX_ID_LENGTH)
  wpk_id?: string;

  @ApiPropertyOptional({ ...nullableEnum(RUN_STATUSES), description: 'only runs with this status' })
  @IsOptional()
  @IsIn(RUN_STATUSES as unknown as string[])
  status?: RunStatus;

  @ApiPropertyOptional({ ...TIMESTAMP_INPUT, nullable: true, example: '2026-01-15T00:00:00Z', description: 'only runs created at or after' })
  @IsOptional()
  @IsTimestamp()
  since?: string;
}

export class SimilarRunSummaryDto {
  @ApiProperty({ type: String, format: 'uuid' }) id!: string;
  @ApiProperty({ type: String, example: 'invoice-agent' }) wpk_id!: string;
  @ApiProperty({ type: String, example: 'run-2026-01-15-0001' }) run_id!: string;
  @ApiProperty({ enum: RUN_STATUSES }) status!: RunStatus;
  @ApiProperty({ type: String, nullable: true }) error!: string | null;
  @ApiProperty(TIMESTAMP) created_at!: string;
}

export class SimilarRunDto {
  @ApiProperty({ type: Number, minimum: -1, maximum: 1, example: 0.93, description: 'cosine similarity, 1 = same document' }) score!: number;
  @ApiProperty({ type: SimilarRunSummaryDto }) run!: SimilarRunSummaryDto;
}

export class SimilarRunsDto {
  @ApiProperty({ type: [SimilarRunDto] }) items!: SimilarRunDto[];
}

export function toSimilarRunsDto(items: SimilarRun[]): SimilarRunsDto {
  return {
    items: items.map(({ score, run }) => ({
      score,
      run: { id: run.id, wpk_id: run.wpk_id, run_id: run.run_id, status: run.status, error: run.error, created_at: run.created_at.toISOString() },
    })),
  };
}

export class EmbeddingRetryDto {
  @ApiProperty({ type: String, format: 'uuid' }) run_id!: string;
  @ApiProperty({ enum: ['pending', 'done', 'failed', 'purge'], example: 'pending', description: "the run's embedding state after the call (purge: its vector is being removed)" })
  state!: EmbeddingStateName;
  @ApiProperty({ type: Boolean, description: 'true when this call queued the run again; false when it was queued or embedded already' }) requeued!: boolean;
}

export function toEmbeddingRetryDto(r: EmbeddingRetry): EmbeddingRetryDto {
  return { run_id: r.run_id, state: r.state, requeued: r.requeued };
}

export class EmbeddingsRetryDto {
  @ApiProperty({ type: 'integer', minimum: 0, example: 3, description: 'failed runs queued again' }) requeued!: number;
}

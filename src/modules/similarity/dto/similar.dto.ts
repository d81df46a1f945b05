import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { IsTimestamp, QueryInt } from '../../../common/validation/decorators';
import { MAX_ID_LENGTH, RUN_STATUSES, type RunStatus } from '../../runs/domain/run';
import type { EmbeddingRetry, SimilarRun } from '../similarity.service';

export const MAX_QUERY_LENGTH = 10_000;

export class SimilarRunsQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 10 })
  @IsOptional()
  @QueryInt()
  @IsInt()
  @Min(1)
  @Max(100)
  k?: number;

  @ApiPropertyOptional({ example: 'invoice-agent', description: 'only runs of this workflow' })
  @IsOptional()
  @IsString()
  @Length(1, MAX_ID_LENGTH)
  wpk_id?: string;

  @ApiPropertyOptional({ enum: RUN_STATUSES })
  @IsOptional()
  @IsIn(RUN_STATUSES as unknown as string[])
  status?: RunStatus;

  @ApiPropertyOptional({ example: '2026-01-15T00:00:00Z', description: 'runs created at or after' })
  @IsOptional()
  @IsTimestamp()
  since?: string;
}

export class SearchRunsDto {
  @ApiProperty({ example: 'parse node timeout after upstream 503', maxLength: MAX_QUERY_LENGTH })
  @IsString()
  @Length(1, MAX_QUERY_LENGTH)
  query!: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 10 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100)
  k?: number;

  @ApiPropertyOptional({ example: 'invoice-agent' })
  @IsOptional()
  @IsString()
  @Length(1, MAX_ID_LENGTH)
  wpk_id?: string;

  @ApiPropertyOptional({ enum: RUN_STATUSES })
  @IsOptional()
  @IsIn(RUN_STATUSES as unknown as string[])
  status?: RunStatus;

  @ApiPropertyOptional({ example: '2026-01-15T00:00:00Z' })
  @IsOptional()
  @IsTimestamp()
  since?: string;
}

export class SimilarRunSummaryDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'invoice-agent' }) wpk_id!: string;
  @ApiProperty({ example: 'run-2026-01-15-0001' }) run_id!: string;
  @ApiProperty({ enum: RUN_STATUSES }) status!: RunStatus;
  @ApiProperty({ nullable: true, type: String }) error!: string | null;
  @ApiProperty({ example: '2026-01-15T10:00:00.000Z' }) created_at!: string;
}

export class SimilarRunDto {
  @ApiProperty({ example: 0.93, description: 'cosine similarity, 1 = same document' }) score!: number;
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
  @ApiProperty({ format: 'uuid' }) run_id!: string;
  @ApiProperty({ enum: ['pending', 'done', 'failed'], example: 'pending', description: "the run's embedding state after the call" }) state!: string;
  @ApiProperty({ description: 'true when this call queued the run again; false when it was queued or embedded already' }) requeued!: boolean;
}

export function toEmbeddingRetryDto(r: EmbeddingRetry): EmbeddingRetryDto {
  return { run_id: r.run_id, state: r.state, requeued: r.requeued };
}

export class EmbeddingsRetryDto {
  @ApiProperty({ example: 3, description: 'failed runs queued again' }) requeued!: number;
}

import { ApiPropertyOptional } from '@nestjs/swagger';
import { KeysetPageQueryDto } from '../../../common/pagination/page-query.dto';
import { IsIn, IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { IsTimestamp, QueryInt } from '../../../common/validation/decorators';
import { MAX_ID_LENGTH, MAX_TAG_LENGTH, RUN_STATUSES, type RunStatus } from '../domain/run';

/** Paging shared by every run listing: keyset `cursor`, or the seed's 1-based `page`. */
export class RunPagingQueryDto extends KeysetPageQueryDto {
  @ApiPropertyOptional({ enum: RUN_STATUSES })
  @IsOptional()
  @IsIn(RUN_STATUSES as unknown as string[])
  status?: RunStatus;

  @ApiPropertyOptional({ example: '2026-01-15T00:00:00Z', description: 'created_at at or after' })
  @IsOptional()
  @IsTimestamp()
  since?: string;

  @ApiPropertyOptional({ example: '2026-01-16T00:00:00Z', description: 'created_at strictly before' })
  @IsOptional()
  @IsTimestamp()
  until?: string;

  @ApiPropertyOptional({ minimum: 1, description: "the seed's 1-based page (offset paging); answers page and total" })
  @IsOptional()
  @QueryInt()
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  page?: number;
}

export class ListRunsQueryDto extends RunPagingQueryDto {
  @ApiPropertyOptional({ example: 'invoice-agent' })
  @IsOptional()
  @IsString()
  @Length(1, MAX_ID_LENGTH)
  wpk_id?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, MAX_ID_LENGTH)
  run_id?: string;

  @ApiPropertyOptional({ example: 'prod', description: 'runs carrying this tag' })
  @IsOptional()
  @IsString()
  @Length(1, MAX_TAG_LENGTH)
  tag?: string;
}

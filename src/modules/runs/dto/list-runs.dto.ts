import { ApiPropertyOptional } from '@nestjs/swagger';
import { int, text, TIMESTAMP_INPUT } from '../../../common/openapi/schemas';
import { KeysetPageQueryDto } from '../../../common/pagination/page-query.dto';
import { IsIn, IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { IsTimestamp, QueryInt } from '../../../common/validation/decorators';
import { MAX_OFFSET_ROWS } from '../domain/offset-paging';
import { MAX_ID_LENGTH, MAX_TAG_LENGTH, RUN_STATUSES, type RunStatus } from '../domain/run';

/** Paging shared by every run listing: keyset `cursor`, or the seed's 1-based `page`. */
export class RunPagingQueryDto extends KeysetPageQueryDto {
  @ApiPropertyOptional({ enum: RUN_STATUSES, description: 'runs with this status' })
  @IsOptional()
  @IsIn(RUN_STATUSES as unknown as string[])
  status?: RunStatus;

  @ApiPropertyOptional({ ...TIMESTAMP_INPUT, description: 'created_at at or after, e.g. `2026-01-15T00:00:00Z`' })
  @IsOptional()
  @IsTimestamp()
  since?: string;

  @ApiPropertyOptional({ ...TIMESTAMP_INPUT, description: 'created_at strictly before, e.g. `2026-01-16T00:00:00Z`' })
  @IsOptional()
  @IsTimestamp()
  until?: string;

  @ApiPropertyOptional({
    ...int(1, MAX_OFFSET_ROWS),
    description:
      "the seed's 1-based page (offset paging); answers page, total and total_estimated; not with `cursor`. Offset paging reaches run 10,000 at most (page × limit ≤ 10,000): a deeper page answers 400 naming `page`; page deeper with `cursor` (a page's `next_cursor`, also given in offset paging)",
  })
  @IsOptional()
  @QueryInt()
  @IsInt()
  @Min(1)
  @Max(MAX_OFFSET_ROWS, { message: `page must not be greater than ${MAX_OFFSET_ROWS}: offset paging reaches run ${MAX_OFFSET_ROWS.toLocaleString('en')} at most; page deeper with cursor` })
  page?: number;
}

export class ListRunsQueryDto extends RunPagingQueryDto {
  @ApiPropertyOptional({ ...text(MAX_ID_LENGTH), description: 'runs of this workflow, e.g. `invoice-agent`' })
  @IsOptional()
  @IsString()
  @Length(1, MAX_ID_LENGTH)
  wpk_id?: string;

  @ApiPropertyOptional({ ...text(MAX_ID_LENGTH), description: 'the run with this run_id (within each workflow)' })
  @IsOptional()
  @IsString()
  @Length(1, MAX_ID_LENGTH)
  run_id?: string;

  @ApiPropertyOptional({ ...text(MAX_TAG_LENGTH), description: 'runs carrying this tag, e.g. `prod`' })
  @IsOptional()
  @IsString()
  @Length(1, MAX_TAG_LENGTH)
  tag?: string;

  @ApiPropertyOptional({ ...text(MAX_ID_LENGTH), description: 'runs that called this model (exactly as `models` lists it), e.g. `gpt-4o-mini`' })
  @IsOptional()
  @IsString()
  @Length(1, MAX_ID_LENGTH)
  model?: string;
}

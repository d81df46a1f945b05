import { ApiPropertyOptional } from '@nestjs/swagger';
import { text } from '../../../common/openapi/schemas';
import { KeysetPageQueryDto } from '../../../common/pagination/page-query.dto';
import { IsBoolean, IsIn, IsOptional, IsString, Length } from 'class-validator';
import { QueryBool } from '../../../common/validation/decorators';
import { MAX_TAG_LENGTH, RUN_STATUSES, type RunStatus } from '../../runs/domain/run';
import { MAX_OWNER_LENGTH, MAX_WORKFLOW_ID_LENGTH } from '../domain/workflow';
import { RunPagingQueryDto } from '../../runs/dto/list-runs.dto';
import { DEFAULT_STATS_WINDOW, STATS_WINDOW_NAMES, type StatsWindow } from '../domain/stats-window';

export const WORKFLOW_INCLUDES = ['stats_24h'] as const;
export type WorkflowInclude = (typeof WORKFLOW_INCLUDES)[number];

export class ListWorkflowsQueryDto extends KeysetPageQueryDto {
  @ApiPropertyOptional({ ...text(MAX_OWNER_LENGTH), description: 'workflows of this owner, e.g. `team-finance`' })
  @IsOptional()
  @IsString()
  @Length(1, MAX_OWNER_LENGTH)
  owner?: string;

  @ApiPropertyOptional({ ...text(MAX_TAG_LENGTH), description: 'workflows carrying this tag, e.g. `prod`' })
  @IsOptional()
  @IsString()
  @Length(1, MAX_TAG_LENGTH)
  tag?: string;

  @ApiPropertyOptional({ enum: RUN_STATUSES, description: 'the status of the latest run' })
  @IsOptional()
  @IsIn(RUN_STATUSES as unknown as string[])
  last_status?: RunStatus;

  @ApiPropertyOptional({ ...text(MAX_WORKFLOW_ID_LENGTH), description: 'substring of the id or the name (ASCII letters case-insensitive), e.g. `invoice`' })
  @IsOptional()
  @IsString()
  @Length(1, MAX_WORKFLOW_ID_LENGTH)
  q?: string;

  @ApiPropertyOptional({ type: Boolean, default: false, description: 'true/false (1/0 too); archived workflows are left out by default' })
  @IsOptional()
  @QueryBool()
  @IsBoolean()
  include_archived?: boolean;

  @ApiPropertyOptional({ enum: WORKFLOW_INCLUDES, description: '`stats_24h` adds each workflow\'s runs, failures, p95 duration and hourly run counts over the last 24 h' })
  @IsOptional()
  @IsIn(WORKFLOW_INCLUDES as unknown as string[])
  include?: WorkflowInclude;
}

export class WorkflowRunsQueryDto extends RunPagingQueryDto {
  @ApiPropertyOptional({ ...text(MAX_TAG_LENGTH), description: 'runs carrying this tag, e.g. `prod`' })
  @IsOptional()
  @IsString()
  @Length(1, MAX_TAG_LENGTH)
  tag?: string;
}

export class WorkflowStatsQueryDto {
  @ApiPropertyOptional({ enum: STATS_WINDOW_NAMES, default: DEFAULT_STATS_WINDOW, description: 'the window the figures cover, ending now' })
  @IsOptional()
  @IsIn(STATS_WINDOW_NAMES)
  window?: StatsWindow;
}

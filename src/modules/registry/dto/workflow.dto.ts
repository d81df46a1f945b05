import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import { int, nullableEnum, TIMESTAMP } from '../../../common/openapi/schemas';
import { RUN_STATUSES, type RunStatus } from '../../runs/domain/run';
import { STATS_WINDOW_NAMES, type StatsWindow } from '../domain/stats-window';
import type { Workflow } from '../domain/workflow';
import { WorkflowStats24hDto } from './workflow-metrics.dto';

export class WorkflowDto {
  @ApiProperty({ type: String, example: 'invoice-agent' }) id!: string;
  @ApiProperty({ type: String, example: 'Invoice agent' }) name!: string;
  @ApiProperty({ type: String, nullable: true, example: 'Extracts totals from supplier invoices' }) description!: string | null;
  @ApiProperty({ type: String, nullable: true, example: '1.4.0' }) version!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'team-finance' }) owner!: string | null;
  @ApiProperty({ type: [String], example: ['prod', 'finance'] }) tags!: string[];
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true, example: { repo: 'git@example.com:finance/invoice-agent.git' } })
  metadata!: Record<string, unknown> | null;
  @ApiProperty({ ...TIMESTAMP, nullable: true, example: null, description: 'set when archived (DELETE); archived workflows still record runs' })
  archived_at!: string | null;
  @ApiProperty({ ...TIMESTAMP, example: '2026-01-15T09:00:00.000Z' }) created_at!: string;
  @ApiProperty({ ...TIMESTAMP, example: '2026-01-15T09:00:00.000Z', description: 'when the registration last changed; arriving runs move last_run_* instead' })
  updated_at!: string;
  @ApiProperty({ type: String, nullable: true, example: 'run-2026-01-15-0001', description: 'run_id of the latest run: greatest (started_at ?? created_at, run_id)' })
  last_run_id!: string | null;
  @ApiProperty({ ...nullableEnum(RUN_STATUSES), example: 'completed' }) last_status!: RunStatus | null;
  @ApiProperty({ ...TIMESTAMP, nullable: true, description: "the latest run's started_at ?? created_at" })
  last_run_at!: string | null;
  @ApiProperty({ ...int(0), nullable: true, example: 1520 }) last_duration_ms!: number | null;
  @ApiProperty({ type: String, nullable: true, example: null }) last_error!: string | null;
  @ApiProperty({ ...int(0), example: 42, description: 'runs stored for this workflow' }) runs_total!: number;
  @ApiProperty({ ...int(0), example: 3, description: 'of them, runs whose status is failed' }) runs_failed!: number;
  @ApiPropertyOptional({ type: WorkflowStats24hDto, description: 'the last 24 h; only with include=stats_24h' })
  stats_24h?: WorkflowStats24hDto;
}

export class WorkflowPageDto {
  @ApiProperty({ type: [WorkflowDto] }) items!: WorkflowDto[];
  @ApiProperty({ ...int(1, 200), example: 20 }) limit!: number;
  @ApiProperty({ type: String, nullable: true, description: 'pass as `cursor` for the next page; null on the last page' })
  next_cursor!: string | null;
}

export class DurationStatsDto {
  @ApiProperty({ ...int(0), nullable: true, example: 1480, description: 'nearest-rank median of non-null durations' }) p50!: number | null;
  @ApiProperty({ ...int(0), nullable: true, example: 4210, description: 'nearest-rank 95th percentile' }) p95!: number | null;
  @ApiProperty({ ...int(0), nullable: true, example: 9050 }) max!: number | null;
}

export class UsageStatsDto {
  @ApiProperty({ ...int(0), example: 184000, description: 'summed over the runs that report usage' }) input_tokens!: number;
  @ApiProperty({ ...int(0), example: 52300 }) output_tokens!: number;
  @ApiProperty({ ...int(0), example: 236300 }) total_tokens!: number;
  @ApiProperty({ type: Number, minimum: 0, nullable: true, example: 0.0589, description: 'USD over the priced runs; null when no run is priced' })
  cost_usd!: number | null;
}

@ApiSchema({ description: 'Figures over the runs whose started_at ?? created_at is within the window' })
export class WorkflowStatsDto {
  @ApiProperty({ enum: STATS_WINDOW_NAMES, example: '24h' }) window!: StatsWindow;
  @ApiProperty({ ...int(0), example: 120, description: 'runs whose started_at ?? created_at is within the window' }) runs!: number;
  @ApiProperty({ ...int(0), example: 6, description: 'of them, failed' }) failures!: number;
  @ApiProperty({ type: Number, minimum: 0, maximum: 1, nullable: true, example: 0.9417, description: 'completed / runs; null without runs' })
  success_rate!: number | null;
  @ApiProperty({ type: DurationStatsDto }) duration_ms!: DurationStatsDto;
  @ApiProperty({ type: UsageStatsDto, description: "tokens and cost of the window's runs" }) usage!: UsageStatsDto;
}

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

export function toWorkflowDto(w: Workflow): WorkflowDto {
  return {
    id: w.id,
    name: w.name,
    description: w.description,
    version: w.version,
    owner: w.owner,
    tags: w.tags,
    metadata: w.metadata,
    archived_at: iso(w.archived_at),
    created_at: w.created_at.toISOString(),
    updated_at: w.updated_at.toISOString(),
    last_run_id: w.last_run_id,
    last_status: w.last_status,
    last_run_at: iso(w.last_run_at),
    last_duration_ms: w.last_duration_ms,
    last_error: w.last_error,
    runs_total: w.runs_total,
    runs_failed: w.runs_failed,
  };
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { AnyJsonProperty, AnyJsonPropertyOptional, int, TIMESTAMP } from '../../../common/openapi/schemas';
import { RUN_STATUSES, type Run, type RunStatus } from '../domain/run';
import type { RunUsage } from '../domain/usage';
import { MODELS_SCHEMA, NodeLogDto, USAGE_SCHEMA } from './create-run.dto';

export class RunListItemDto {
  @ApiProperty({ type: String, format: 'uuid' }) id!: string;
  @ApiProperty({ type: String, example: 'invoice-agent' }) wpk_id!: string;
  @ApiProperty({ type: String, example: 'run-2026-01-15-0001' }) run_id!: string;
  @ApiProperty({ enum: RUN_STATUSES }) status!: RunStatus;
  @ApiProperty({ ...int(0), nullable: true, example: 1520 }) duration_ms!: number | null;
  @ApiProperty({ type: String, nullable: true, example: null }) error!: string | null;
  @ApiProperty({ type: [String], nullable: true, example: ['prod'] }) tags!: string[] | null;
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true }) metadata!: Record<string, unknown> | null;
  @ApiProperty({ ...USAGE_SCHEMA, description: "tokens and cost over the run's model calls; null when none was reported" }) usage!: RunUsage | null;
  @ApiProperty({ ...MODELS_SCHEMA, description: 'the models the run called, distinct and sorted' }) models!: string[] | null;
  @ApiProperty({ ...TIMESTAMP, nullable: true }) started_at!: string | null;
  @ApiProperty({ ...TIMESTAMP, nullable: true, example: '2026-01-15T10:00:01.520Z' }) ended_at!: string | null;
  @ApiProperty({ ...TIMESTAMP, description: 'when the run was first recorded' }) created_at!: string;
  @ApiProperty({ ...TIMESTAMP, example: '2026-01-15T10:00:01.600Z' }) updated_at!: string;
}

export class RunDto extends RunListItemDto {
  @AnyJsonProperty() inputs!: unknown;
  @AnyJsonProperty() outputs!: unknown;
  @ApiProperty({ type: [NodeLogDto], nullable: true, description: 'null when the run was recorded without node logs' }) node_logs!: unknown[] | null;
}

/** The short answer of a run write asked for with `Prefer: return=minimal`. */
export class RunRefDto {
  @ApiProperty({ type: String, format: 'uuid' }) id!: string;
  @ApiProperty({ type: String, example: 'invoice-agent' }) wpk_id!: string;
  @ApiProperty({ type: String, example: 'run-2026-01-15-0001' }) run_id!: string;
  @ApiProperty({ enum: RUN_STATUSES, description: 'the stored status after the write' }) status!: RunStatus;
}

export class RunPageDto {
  @ApiProperty({ type: [RunListItemDto] }) items!: RunListItemDto[];
  @ApiProperty({ ...int(1, 200), example: 20 }) limit!: number;
  @ApiProperty({ type: String, nullable: true, description: 'pass as `cursor` for the next page; null on the last page' })
  next_cursor!: string | null;
  @ApiPropertyOptional({ ...int(1), description: 'only with `page`' }) page?: number;
  @ApiPropertyOptional({ ...int(0), description: 'only with `page`: runs matching the filters, exact up to 10,000; past that an estimate (`total_estimated`)' }) total?: number;
  @ApiPropertyOptional({ type: Boolean, description: 'only with `page`: true when more than 10,000 runs match and `total` is an estimate (PostgreSQL: the planner\'s estimate; SQLite: 10,001, a lower bound)' })
  total_estimated?: boolean;
}

export class BatchItemErrorDto {
  @ApiProperty({ type: String, example: 'VALIDATION_FAILED' }) code!: string;
  @ApiProperty({ type: String, example: 'invalid request: status' }) message!: string;
  @AnyJsonPropertyOptional({ description: 'for VALIDATION_FAILED the list of `{ field, message }`' }) details?: unknown;
}

export class BatchItemResultDto {
  @ApiProperty({ ...int(0), example: 0, description: 'the position of the item in `runs`' }) index!: number;
  @ApiProperty({ enum: ['created', 'updated', 'error'] }) result!: 'created' | 'updated' | 'error';
  @ApiPropertyOptional({ type: String, format: 'uuid', description: 'the stored run (created or updated)' }) id?: string;
  @ApiPropertyOptional({ type: BatchItemErrorDto, description: 'why the item was refused (result error)' })
  error?: BatchItemErrorDto;
}

export class BatchResultDto {
  @ApiProperty({ type: [BatchItemResultDto] }) items!: BatchItemResultDto[];
  @ApiProperty(int(0)) created!: number;
  @ApiProperty(int(0)) updated!: number;
  @ApiProperty(int(0)) failed!: number;
}

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

export function toRunListItemDto(run: Omit<Run, 'inputs' | 'outputs' | 'node_logs'>): RunListItemDto {
  return {
    id: run.id,
    wpk_id: run.wpk_id,
    run_id: run.run_id,
    status: run.status,
    duration_ms: run.duration_ms,
    error: run.error,
    tags: run.tags,
    metadata: run.metadata,
    usage: run.usage,
    models: run.models,
    started_at: iso(run.started_at),
    ended_at: iso(run.ended_at),
    created_at: run.created_at.toISOString(),
    updated_at: run.updated_at.toISOString(),
  };
}


export function toRunRefDto(run: Pick<Run, 'id' | 'wpk_id' | 'run_id' | 'status'>): RunRefDto {
  return { id: run.id, wpk_id: run.wpk_id, run_id: run.run_id, status: run.status };
}

export function toRunDto(run: Run): RunDto {
  return { ...toRunListItemDto(run), inputs: run.inputs, outputs: run.outputs, node_logs: run.node_logs };
}

/** A page of run summaries as its answer. */
export function toRunPageDto(page: { items: Array<Omit<Run, 'inputs' | 'outputs' | 'node_logs'>>; limit: number; next_cursor: string | null; page?: number; total?: number; total_estimated?: boolean }): RunPageDto {
  const dto: RunPageDto = { items: page.items.map(toRunListItemDto), limit: page.limit, next_cursor: page.next_cursor };
  if (page.page !== undefined) {
    dto.page = page.page;
    dto.total = page.total;
    dto.total_estimated = page.total_estimated === true;
  }
  return dto;
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { RUN_STATUSES, type Run, type RunStatus } from '../domain/run';
import { NodeLogDto } from './create-run.dto';

export class RunListItemDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'invoice-agent' }) wpk_id!: string;
  @ApiProperty({ example: 'run-2026-01-15-0001' }) run_id!: string;
  @ApiProperty({ enum: RUN_STATUSES }) status!: RunStatus;
  @ApiProperty({ nullable: true, type: Number, example: 1520 }) duration_ms!: number | null;
  @ApiProperty({ nullable: true, type: String }) error!: string | null;
  @ApiProperty({ nullable: true, type: [String] }) tags!: string[] | null;
  @ApiProperty({ nullable: true, type: 'object', additionalProperties: true }) metadata!: Record<string, unknown> | null;
  @ApiProperty({ nullable: true, type: String, example: '2026-01-15T10:00:00.000Z' }) started_at!: string | null;
  @ApiProperty({ nullable: true, type: String, example: '2026-01-15T10:00:01.520Z' }) ended_at!: string | null;
  @ApiProperty({ example: '2026-01-15T10:00:00.000Z' }) created_at!: string;
  @ApiProperty({ example: '2026-01-15T10:00:01.600Z' }) updated_at!: string;
}

export class RunDto extends RunListItemDto {
  @ApiProperty({ description: 'any JSON', nullable: true }) inputs!: unknown;
  @ApiProperty({ description: 'any JSON', nullable: true }) outputs!: unknown;
  @ApiProperty({ type: [NodeLogDto], nullable: true }) node_logs!: unknown[] | null;
}

/** The short answer of a run write asked for with `Prefer: return=minimal`. */
export class RunRefDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'invoice-agent' }) wpk_id!: string;
  @ApiProperty({ example: 'run-2026-01-15-0001' }) run_id!: string;
  @ApiProperty({ enum: RUN_STATUSES, description: 'the stored status after the write' }) status!: RunStatus;
}

export class RunPageDto {
  @ApiProperty({ type: [RunListItemDto] }) items!: RunListItemDto[];
  @ApiProperty({ example: 20 }) limit!: number;
  @ApiProperty({ nullable: true, type: String, description: 'pass as `cursor` for the next page; null on the last page' })
  next_cursor!: string | null;
  @ApiPropertyOptional({ description: 'only with `page`' }) page?: number;
  @ApiPropertyOptional({ description: 'only with `page`: runs matching the filters' }) total?: number;
}

export class BatchItemResultDto {
  @ApiProperty({ example: 0 }) index!: number;
  @ApiProperty({ enum: ['created', 'updated', 'error'] }) result!: 'created' | 'updated' | 'error';
  @ApiPropertyOptional({ format: 'uuid' }) id?: string;
  @ApiPropertyOptional({ description: 'the error body of a rejected item', example: { code: 'VALIDATION_FAILED', message: 'invalid request: status', details: [{ field: 'status', message: 'status must be one of the following values: running, completed, failed, cancelled' }] } })
  error?: { code: string; message: string; details?: unknown };
}

export class BatchResultDto {
  @ApiProperty({ type: [BatchItemResultDto] }) items!: BatchItemResultDto[];
  @ApiProperty() created!: number;
  @ApiProperty() updated!: number;
  @ApiProperty() failed!: number;
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
    started_at: iso(run.started_at),
    ended_at: iso(run.ended_at),
    created_at: run.created_at.toISOString(),
    updated_at: run.updated_at.toISOString(),
  };
}

/**
 * How a page's list item is rendered from its row (RunsRepository.findRenderedPage): each field of
 * RunListItemDto in the answer's order, as its column's value, its stored JSON, or its time as
 * toISOString writes it. A test holds the rendered items to toRunListItemDto on both drivers.
 */
export const RUN_LIST_ITEM_RENDERING: ReadonlyArray<readonly [keyof RunListItemDto, 'value' | 'json' | 'time']> = [
  ['id', 'value'],
  ['wpk_id', 'value'],
  ['run_id', 'value'],
  ['status', 'value'],
  ['duration_ms', 'value'],
  ['error', 'value'],
  ['tags', 'json'],
  ['metadata', 'json'],
  ['started_at', 'time'],
  ['ended_at', 'time'],
  ['created_at', 'time'],
  ['updated_at', 'time'],
];

export function toRunRefDto(run: Pick<Run, 'id' | 'wpk_id' | 'run_id' | 'status'>): RunRefDto {
  return { id: run.id, wpk_id: run.wpk_id, run_id: run.run_id, status: run.status };
}

export function toRunDto(run: Run): RunDto {
  return { ...toRunListItemDto(run), inputs: run.inputs, outputs: run.outputs, node_logs: run.node_logs };
}

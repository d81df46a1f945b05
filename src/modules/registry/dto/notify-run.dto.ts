import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { AnyJsonPropertyOptional, int, text, TIMESTAMP_INPUT } from '../../../common/openapi/schemas';
import { Allow, IsIn, IsInt, IsOptional, IsString, Length, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import { IsTimestamp, RawJson } from '../../../common/validation/decorators';
import { MAX_DURATION_MS, MAX_ERROR_LENGTH, MAX_ID_LENGTH, RUN_STATUSES, type RunStatus } from '../../runs/domain/run';
import { present, STATUS_DESCRIPTION } from '../../runs/dto/create-run.dto';

/** The runtime agent's callback; the workflow comes from the path. */
export class NotifyRunDto {
  @ApiProperty({ ...text(MAX_ID_LENGTH), example: 'run-2026-01-15-0001' })
  @IsString()
  @Length(1, MAX_ID_LENGTH)
  run_id!: string;

  @ApiPropertyOptional({ enum: RUN_STATUSES, example: 'completed', description: STATUS_DESCRIPTION })
  @ValidateIf(present('status'))
  @IsIn(RUN_STATUSES as unknown as string[])
  status?: RunStatus;

  @ApiPropertyOptional({ ...int(0, MAX_DURATION_MS), nullable: true, example: 1520 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_DURATION_MS)
  duration_ms?: number | null;

  @AnyJsonPropertyOptional({ example: { total: 1280.5, currency: 'EUR' } })
  @Allow()
  @RawJson()
  outputs?: unknown;

  @ApiPropertyOptional({ ...text(MAX_ERROR_LENGTH, 0), nullable: true, example: null })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_ERROR_LENGTH)
  error?: string | null;

  @ApiPropertyOptional({ ...TIMESTAMP_INPUT, nullable: true, example: '2026-01-15T10:00:01.520Z' })
  @IsOptional()
  @IsTimestamp()
  ended_at?: string | null;
}

export const NOTIFY_EXAMPLE = {
  run_id: 'run-2026-01-15-0001',
  status: 'completed',
  duration_ms: 1520,
  outputs: { total: 1280.5, currency: 'EUR' },
  ended_at: '2026-01-15T10:00:01.520Z',
};

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Allow, IsIn, IsInt, IsOptional, IsString, Length, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import { IsTimestamp, RawJson } from '../../../common/validation/decorators';
import { MAX_DURATION_MS, MAX_ERROR_LENGTH, MAX_ID_LENGTH, RUN_STATUSES, type RunStatus } from '../../runs/domain/run';
import { present, STATUS_DESCRIPTION } from '../../runs/dto/create-run.dto';

/** The runtime agent's callback; the workflow comes from the path. */
export class NotifyRunDto {
  @ApiProperty({ example: 'run-2026-01-15-0001', maxLength: MAX_ID_LENGTH })
  @IsString()
  @Length(1, MAX_ID_LENGTH)
  run_id!: string;

  @ApiPropertyOptional({ enum: RUN_STATUSES, example: 'completed', description: STATUS_DESCRIPTION })
  @ValidateIf(present('status'))
  @IsIn(RUN_STATUSES as unknown as string[])
  status?: RunStatus;

  @ApiPropertyOptional({ example: 1520, minimum: 0, maximum: MAX_DURATION_MS, nullable: true })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_DURATION_MS)
  duration_ms?: number | null;

  @ApiPropertyOptional({ description: 'any JSON', example: { total: 1280.5, currency: 'EUR' } })
  @Allow()
  @RawJson()
  outputs?: unknown;

  @ApiPropertyOptional({ example: null, nullable: true, maxLength: MAX_ERROR_LENGTH })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_ERROR_LENGTH)
  error?: string | null;

  @ApiPropertyOptional({ example: '2026-01-15T10:00:01.520Z', nullable: true })
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

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { text } from '../../../common/openapi/schemas';
import { ArrayMaxSize, IsArray, IsObject, IsOptional, IsString, Length, MaxLength, ValidateIf } from 'class-validator';
import { RawJson } from '../../../common/validation/decorators';
import { MAX_TAG_LENGTH, MAX_TAGS } from '../../runs/domain/run';
import {
  MAX_DESCRIPTION_LENGTH,
  MAX_NAME_LENGTH,
  MAX_OWNER_LENGTH,
  MAX_VERSION_LENGTH,
  MAX_WORKFLOW_ID_LENGTH,
} from '../domain/workflow';

const present = (field: string) => (o: Record<string, unknown>) => o[field] !== undefined;

/** The descriptive fields; absent keeps what is stored, null clears (except name). */
export class UpdateWorkflowDto {
  @ApiPropertyOptional({ ...text(MAX_NAME_LENGTH), example: 'Invoice agent', description: 'defaults to the id; cannot be cleared' })
  @ValidateIf(present('name'))
  @IsString()
  @Length(1, MAX_NAME_LENGTH)
  name?: string;

  @ApiPropertyOptional({ ...text(MAX_DESCRIPTION_LENGTH, 0), nullable: true, example: 'Extracts totals from supplier invoices', description: 'null clears' })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_DESCRIPTION_LENGTH)
  description?: string | null;

  @ApiPropertyOptional({ ...text(MAX_VERSION_LENGTH), nullable: true, example: '1.4.0', description: 'null clears' })
  @IsOptional()
  @IsString()
  @Length(1, MAX_VERSION_LENGTH)
  version?: string | null;

  @ApiPropertyOptional({ ...text(MAX_OWNER_LENGTH), nullable: true, example: 'team-finance', description: 'null clears' })
  @IsOptional()
  @IsString()
  @Length(1, MAX_OWNER_LENGTH)
  owner?: string | null;

  @ApiPropertyOptional({ type: [String], minLength: 1, maxLength: MAX_TAG_LENGTH, maxItems: MAX_TAGS, nullable: true, example: ['prod', 'finance'], description: 'null clears' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_TAGS)
  @IsString({ each: true })
  @Length(1, MAX_TAG_LENGTH, { each: true })
  tags?: string[] | null;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, nullable: true, example: { repo: 'git@example.com:finance/invoice-agent.git' }, description: 'null clears' })
  @IsOptional()
  @IsObject()
  @RawJson()
  metadata?: Record<string, unknown> | null;
}

export class RegisterWorkflowDto extends UpdateWorkflowDto {
  @ApiProperty({ ...text(MAX_WORKFLOW_ID_LENGTH), example: 'invoice-agent', description: 'the wpk_id its runs carry' })
  @IsString()
  @Length(1, MAX_WORKFLOW_ID_LENGTH)
  id!: string;
}

export const WORKFLOW_REGISTRATION_EXAMPLE = {
  id: 'invoice-agent',
  name: 'Invoice agent',
  description: 'Extracts totals from supplier invoices',
  version: '1.4.0',
  owner: 'team-finance',
  tags: ['prod', 'finance'],
  metadata: { repo: 'git@example.com:finance/invoice-agent.git' },
};

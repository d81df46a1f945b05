import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
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
  @ApiPropertyOptional({ example: 'Invoice agent', maxLength: MAX_NAME_LENGTH, description: 'defaults to the id' })
  @ValidateIf(present('name'))
  @IsString()
  @Length(1, MAX_NAME_LENGTH)
  name?: string;

  @ApiPropertyOptional({ example: 'Extracts totals from supplier invoices', nullable: true, maxLength: MAX_DESCRIPTION_LENGTH })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_DESCRIPTION_LENGTH)
  description?: string | null;

  @ApiPropertyOptional({ example: '1.4.0', nullable: true, maxLength: MAX_VERSION_LENGTH })
  @IsOptional()
  @IsString()
  @Length(1, MAX_VERSION_LENGTH)
  version?: string | null;

  @ApiPropertyOptional({ example: 'team-finance', nullable: true, maxLength: MAX_OWNER_LENGTH })
  @IsOptional()
  @IsString()
  @Length(1, MAX_OWNER_LENGTH)
  owner?: string | null;

  @ApiPropertyOptional({ type: [String], example: ['prod', 'finance'], maxItems: MAX_TAGS, nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_TAGS)
  @IsString({ each: true })
  @Length(1, MAX_TAG_LENGTH, { each: true })
  tags?: string[] | null;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, example: { repo: 'git@example.com:finance/invoice-agent.git' }, nullable: true })
  @IsOptional()
  @IsObject()
  @RawJson()
  metadata?: Record<string, unknown> | null;
}

export class RegisterWorkflowDto extends UpdateWorkflowDto {
  @ApiProperty({ example: 'invoice-agent', maxLength: MAX_WORKFLOW_ID_LENGTH, description: 'the wpk_id its runs carry' })
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

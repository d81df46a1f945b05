import { ApiProperty } from '@nestjs/swagger';
import { text, TIMESTAMP } from '../../../common/openapi/schemas';
import { IsIn, IsString, Length, Matches } from 'class-validator';
import { ROLES, type Role } from '../domain/api-key';

export class CreateApiKeyDto {
  @ApiProperty({ ...text(100), pattern: '^[^\\x00-\\x1f\\x7f]+$', example: 'langgraph-prod-ingest', description: 'no control characters' })
  @IsString()
  @Length(1, 100)
  @Matches(/^[^\x00-\x1f\x7f]+$/, { message: 'name must not contain control characters' })
  name!: string;

  @ApiProperty({ enum: ROLES, example: 'ingest', description: 'ingest: write runs only; read: every GET; admin: everything' })
  @IsIn(ROLES as unknown as string[])
  role!: Role;
}

export class ApiKeyDto {
  @ApiProperty({ type: String, format: 'uuid' }) id!: string;
  @ApiProperty({ type: String, example: 'langgraph-prod-ingest' }) name!: string;
  @ApiProperty({ enum: ROLES }) role!: Role;
  @ApiProperty({ type: String, example: 'nops_AbCdEfGh', description: 'the non-secret start of the key' }) prefix!: string;
  @ApiProperty(TIMESTAMP) created_at!: string;
  @ApiProperty({ ...TIMESTAMP, nullable: true }) last_used_at!: string | null;
  @ApiProperty({ ...TIMESTAMP, nullable: true }) revoked_at!: string | null;
}

export class CreatedApiKeyDto {
  @ApiProperty({ type: String, format: 'uuid' }) id!: string;
  @ApiProperty({ type: String, example: 'langgraph-prod-ingest' }) name!: string;
  @ApiProperty({ enum: ROLES }) role!: Role;
  @ApiProperty({ type: String, example: 'nops_AbCdEfGh' }) prefix!: string;
  @ApiProperty({ type: String, description: 'the secret; shown only in this answer', example: 'nops_…' }) key!: string;
  @ApiProperty(TIMESTAMP) created_at!: string;
}

export class ApiKeyListDto {
  @ApiProperty({ type: [ApiKeyDto] }) items!: ApiKeyDto[];
}

export class CurrentKeyDto {
  @ApiProperty({ type: String, format: 'uuid' }) id!: string;
  @ApiProperty({ type: String, example: 'console-read' }) name!: string;
  @ApiProperty({ enum: ROLES, description: 'ingest: write runs only; read: every GET; admin: everything' }) role!: Role;
  @ApiProperty({ type: String, example: 'nops_AbCdEfGh', description: 'the non-secret start of the key' }) prefix!: string;
}

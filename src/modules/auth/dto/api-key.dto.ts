import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, Length, Matches } from 'class-validator';
import { ROLES, type Role } from '../domain/api-key';

export class CreateApiKeyDto {
  @ApiProperty({ example: 'langgraph-prod-ingest', maxLength: 100 })
  @IsString()
  @Length(1, 100)
  @Matches(/^[^\x00-\x1f\x7f]+$/, { message: 'name must not contain control characters' })
  name!: string;

  @ApiProperty({ enum: ROLES, example: 'ingest', description: 'ingest: write runs only; read: every GET; admin: everything' })
  @IsIn(ROLES as unknown as string[])
  role!: Role;
}

export class ApiKeyDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'langgraph-prod-ingest' }) name!: string;
  @ApiProperty({ enum: ROLES }) role!: Role;
  @ApiProperty({ example: 'nops_AbCdEfGh', description: 'the non-secret start of the key' }) prefix!: string;
  @ApiProperty({ example: '2026-01-15T10:00:00.000Z' }) created_at!: string;
  @ApiProperty({ nullable: true, type: String }) last_used_at!: string | null;
  @ApiProperty({ nullable: true, type: String }) revoked_at!: string | null;
}

export class CreatedApiKeyDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: ROLES }) role!: Role;
  @ApiProperty() prefix!: string;
  @ApiProperty({ description: 'the secret; shown only in this answer', example: 'nops_…' }) key!: string;
  @ApiProperty() created_at!: string;
}

export class ApiKeyListDto {
  @ApiProperty({ type: [ApiKeyDto] }) items!: ApiKeyDto[];
}

import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../../common/openapi/api-errors';
import { UuidParamPipe } from '../../common/validation/params';
import { ApiKeyRecord } from './api-keys.repository';
import { ApiKeysService } from './api-keys.service';
import { ApiKeyDto, ApiKeyListDto, CreateApiKeyDto, CreatedApiKeyDto } from './dto/api-key.dto';
import { RequireRole } from './roles.decorator';

function toDto(r: ApiKeyRecord): ApiKeyDto {
  return {
    id: r.id,
    name: r.name,
    role: r.role,
    prefix: r.prefix,
    created_at: r.created_at.toISOString(),
    last_used_at: r.last_used_at?.toISOString() ?? null,
    revoked_at: r.revoked_at?.toISOString() ?? null,
  };
}

@ApiTags('auth')
@ApiSecurity('api-key')
@ApiSecurity('bearer')
@Controller('api-keys')
@RequireRole('admin')
export class ApiKeysController {
  constructor(private readonly keys: ApiKeysService) {}

  @Post()
  @ApiOperation({ operationId: 'createApiKey', summary: 'Create an API key (the secret is shown only in this answer)' })
  @ApiBody({ type: CreateApiKeyDto, examples: { ingest: { value: { name: 'langgraph-prod-ingest', role: 'ingest' } } } })
  @ApiCreatedResponse({ type: CreatedApiKeyDto })
  async create(@Body() body: CreateApiKeyDto): Promise<CreatedApiKeyDto> {
    const { record, key } = await this.keys.create(body.name, body.role);
    const dto = toDto(record);
    return { id: dto.id, name: dto.name, role: dto.role, prefix: dto.prefix, key, created_at: dto.created_at };
  }

  @Get()
  @ApiOperation({ operationId: 'listApiKeys', summary: 'List API keys (never their secrets)' })
  @ApiOkResponse({ type: ApiKeyListDto })
  async list(): Promise<ApiKeyListDto> {
    return { items: (await this.keys.list()).map(toDto) };
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ operationId: 'revokeApiKey', summary: 'Revoke an API key (revoking again changes nothing)' })
  @ApiNoContentResponse({ description: 'revoked' })
  @ApiErrors('API_KEY_NOT_FOUND')
  async revoke(@Param('id', new UuidParamPipe('id')) id: string): Promise<void> {
    await this.keys.revoke(id);
  }
}

import { Controller, Get, Req } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import type { AuthedRequest } from './api-key.guard';
import { CurrentKeyDto } from './dto/api-key.dto';
import { AnyRole } from './roles.decorator';

@ApiTags('auth')
@ApiSecurity('api-key')
@ApiSecurity('bearer')
@Controller('auth')
export class AuthController {
  @Get('me')
  @AnyRole()
  @ApiOperation({ operationId: 'currentKey', summary: 'The key this request was made with: its id, name, role and prefix (any role)' })
  @ApiOkResponse({ type: CurrentKeyDto })
  me(@Req() req: AuthedRequest): CurrentKeyDto {
    const key = req.apiKey!;
    return { id: key.id, name: key.name, role: key.role, prefix: key.prefix };
  }
}

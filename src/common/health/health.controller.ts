import { Controller, Get, Res } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../../modules/auth/roles.decorator';
import { DependencyStatusDto, HealthDto } from './health.dto';
import { HealthReport, HealthService } from './health.service';

@ApiTags('health')
@ApiExtraModels(DependencyStatusDto)
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Get()
  @Public()
  @ApiOperation({ operationId: 'health', summary: 'Liveness and readiness: 200 when the database answers, 503 when it does not (no key needed)' })
  @ApiOkResponse({ type: HealthDto, description: 'the database answers' })
  @ApiServiceUnavailableResponse({ type: HealthDto, description: 'the database does not answer (status unavailable)' })
  async check(@Res({ passthrough: true }) res: Response): Promise<HealthReport> {
    const report = await this.health.report();
    res.status(report.status === 'ok' ? 200 : 503);
    if (report.status !== 'ok') res.setHeader('Retry-After', '1');
    return report;
  }
}

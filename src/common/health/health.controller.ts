import { Controller, Get, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../../modules/auth/roles.decorator';
import { HealthService } from './health.service';

@ApiTags('ops')
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'Liveness and readiness: 200 when the database answers, 503 when it does not' })
  @ApiOkResponse({ schema: { example: { status: 'ok', checks: { database: { status: 'up', required: true, driver: 'sqlite', latency_ms: 0.4 } } } } })
  @ApiServiceUnavailableResponse({ schema: { example: { status: 'unavailable', checks: { database: { status: 'down', required: true, detail: 'connect ECONNREFUSED 127.0.0.1:5432' } } } } })
  async check(@Res({ passthrough: true }) res: Response) {
    const report = await this.health.report();
    res.status(report.status === 'ok' ? 200 : 503);
    if (report.status !== 'ok') res.setHeader('Retry-After', '1');
    return report;
  }
}

import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../../common/openapi/api-errors';
import { RequireRole } from '../auth/roles.decorator';
import { AdhocResultDto, toAdhocResultDto } from './dto/adhoc-result.dto';
import { AdhocProbeDto } from './dto/probe.dto';
import { ProbesService } from './probes.service';

@ApiTags('insight')
@ApiSecurity('api-key')
@ApiSecurity('bearer')
@Controller('probe')
export class ProbeController {
  constructor(private readonly probes: ProbesService) {}

  @Post()
  @HttpCode(200)
  @RequireRole('admin')
  @ApiOperation({
    operationId: 'probe',
    summary: "The seed's on-demand probe: score every series of the lookback now and store a signal per anomaly episode",
    description: 'With a threshold and no detector, the detector is zscore (|z| ≥ threshold σ). Repeating a call over the same data adds no signal.',
  })
  @ApiBody({ type: AdhocProbeDto, examples: { seed: { value: { query: 'cpu_usage', threshold: 2.0 } }, runs: { value: { source: 'runs', query: 'runs_duration_p95_ms', lookback: '6h', step: '5m' } }, preview: { value: { source: 'runs', query: 'runs_count', store: false, samples: true } } } })
  @ApiOkResponse({ type: AdhocResultDto })
  @ApiErrors({ code: 'PROBE_QUERY_INVALID', when: 'the source refused the query (with its message)' }, { code: 'PROBE_SOURCE_UNREACHABLE', when: 'Prometheus did not answer' })
  async probe(@Body() body: AdhocProbeDto): Promise<AdhocResultDto> {
    return toAdhocResultDto(await this.probes.adhoc(body), body.store ?? true, body.samples ?? false);
  }
}

import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Req } from '@nestjs/common';
import type { AuthedRequest } from '../auth/api-key.guard';
import { keyOf } from './signals.controller';
import { ApiBody, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../../common/openapi/api-errors';
import { UuidParamPipe } from '../../common/validation/params';
import { RequireRole } from '../auth/roles.decorator';
import {
  CreateProbeDto,
  ProbeDetailDto,
  ProbeDto,
  ProbeListDto,
  RunNowResultDto,
  toProbeDto,
  toProbeRunDto,
  toProbeSeriesDto,
  UpdateProbeDto,
} from './dto/probe.dto';
import { ProbesService } from './probes.service';

@ApiTags('insight')
@ApiSecurity('api-key')
@ApiSecurity('bearer')
@Controller('probes')
export class ProbesController {
  constructor(private readonly probes: ProbesService) {}

  @Post()
  @RequireRole('admin')
  @ApiOperation({ operationId: 'createProbe', summary: 'Define a probe (only name and query are required); a PromQL query is checked against Prometheus' })
  @ApiBody({ type: CreateProbeDto, examples: { runs: { value: { name: 'invoice-agent-p95', source: 'runs', query: 'runs_duration_p95_ms', wpk_id: 'invoice-agent', detector: 'robust', lookback: '6h', step: '5m' } } } })
  @ApiCreatedResponse({ type: ProbeDto })
  @ApiErrors(
    { code: 'PROBE_QUERY_INVALID', when: 'the source refused the query (with its message)' },
    { code: 'CONFLICT', when: 'the name is taken' },
    { code: 'PROBE_SOURCE_UNREACHABLE', when: 'Prometheus did not answer' },
  )
  async create(@Body() body: CreateProbeDto): Promise<ProbeDto> {
    return toProbeDto(await this.probes.create(body));
  }

  @Get()
  @RequireRole('read')
  @ApiOperation({ operationId: 'listProbes', summary: 'Every probe with its run state' })
  @ApiOkResponse({ type: ProbeListDto })
  async list(): Promise<ProbeListDto> {
    return { items: (await this.probes.list()).map(toProbeDto) };
  }

  @Get(':id')
  @RequireRole('read')
  @ApiOperation({ operationId: 'getProbe', summary: 'One probe, its run state, its recent runs and its series (with when each one’s detector may first alert)' })
  @ApiOkResponse({ type: ProbeDetailDto })
  @ApiErrors('PROBE_NOT_FOUND')
  async get(@Param('id', new UuidParamPipe('id')) id: string): Promise<ProbeDetailDto> {
    const { probe, runs, series } = await this.probes.detail(id);
    return { ...toProbeDto(probe), recent_runs: runs.map(toProbeRunDto), series: series.map(toProbeSeriesDto) };
  }

  @Patch(':id')
  @RequireRole('admin')
  @ApiOperation({ operationId: 'updateProbe', summary: 'Change a probe; a changed query, detector or window starts its series afresh and makes it due now' })
  @ApiBody({ type: UpdateProbeDto, examples: { threshold: { value: { threshold: 4, cooldown_s: 600 } } } })
  @ApiOkResponse({ type: ProbeDto })
  @ApiErrors(
    'PROBE_NOT_FOUND',
    { code: 'PROBE_QUERY_INVALID', when: 'the source refused the new query (with its message)' },
    { code: 'CONFLICT', when: 'the new name is taken' },
    { code: 'PROBE_SOURCE_UNREACHABLE', when: 'Prometheus did not answer' },
  )
  async update(@Param('id', new UuidParamPipe('id')) id: string, @Body() body: UpdateProbeDto): Promise<ProbeDto> {
    return toProbeDto(await this.probes.update(id, body));
  }

  @Delete(':id')
  @HttpCode(204)
  @RequireRole('admin')
  @ApiOperation({ operationId: 'deleteProbe', summary: 'Delete a probe (its signals stay)' })
  @ApiNoContentResponse({ description: 'deleted' })
  @ApiErrors('PROBE_NOT_FOUND')
  async delete(@Param('id', new UuidParamPipe('id')) id: string): Promise<void> {
    await this.probes.delete(id);
  }

  @Post(':id/run')
  @HttpCode(200)
  @RequireRole('admin')
  @ApiOperation({ operationId: 'runProbe', summary: 'Run the probe now; a failed run answers 200 with the run’s error recorded' })
  @ApiOkResponse({ type: RunNowResultDto })
  @ApiErrors('PROBE_NOT_FOUND', { code: 'CONFLICT', when: 'a run of this probe is in progress' })
  async run(@Param('id', new UuidParamPipe('id')) id: string): Promise<RunNowResultDto> {
    const { probe, run } = await this.probes.runNow(id);
    return { probe: toProbeDto(probe), run: toProbeRunDto(run) };
  }

  @Post(':id/tuning/reset')
  @HttpCode(200)
  @RequireRole('admin')
  @ApiOperation({
    operationId: 'resetProbeTuning',
    summary: 'Undo what feedback did to the probe: its effective threshold goes back to the configured one (logged in tuning)',
  })
  @ApiOkResponse({ type: ProbeDto })
  @ApiErrors('PROBE_NOT_FOUND')
  async resetTuning(@Param('id', new UuidParamPipe('id')) id: string, @Req() req: AuthedRequest): Promise<ProbeDto> {
    return toProbeDto(await this.probes.resetTuning(id, keyOf(req)));
  }
}

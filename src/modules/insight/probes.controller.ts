import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiSecurity,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
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
  @ApiOperation({ summary: 'Define a probe (only name and query are required); a PromQL query is checked against Prometheus' })
  @ApiCreatedResponse({ type: ProbeDto })
  @ApiBadRequestResponse({ description: 'VALIDATION_FAILED naming each field, or PROBE_QUERY_INVALID with Prometheus’s message' })
  @ApiConflictResponse({ description: 'CONFLICT: the name is taken' })
  @ApiServiceUnavailableResponse({ description: 'PROBE_SOURCE_UNREACHABLE' })
  async create(@Body() body: CreateProbeDto): Promise<ProbeDto> {
    return toProbeDto(await this.probes.create(body));
  }

  @Get()
  @RequireRole('read')
  @ApiOperation({ summary: 'Every probe with its run state' })
  @ApiOkResponse({ type: ProbeListDto })
  async list(): Promise<ProbeListDto> {
    return { items: (await this.probes.list()).map(toProbeDto) };
  }

  @Get(':id')
  @RequireRole('read')
  @ApiOperation({ summary: 'One probe, its run state, its recent runs and its series (with when each one’s detector may first alert)' })
  @ApiOkResponse({ type: ProbeDetailDto })
  @ApiNotFoundResponse({ description: 'PROBE_NOT_FOUND' })
  async get(@Param('id', new UuidParamPipe('id')) id: string): Promise<ProbeDetailDto> {
    const { probe, runs, series } = await this.probes.detail(id);
    return { ...toProbeDto(probe), recent_runs: runs.map(toProbeRunDto), series: series.map(toProbeSeriesDto) };
  }

  @Patch(':id')
  @RequireRole('admin')
  @ApiOperation({ summary: 'Change a probe; a changed query, detector or window starts its series afresh and makes it due now' })
  @ApiOkResponse({ type: ProbeDto })
  @ApiNotFoundResponse({ description: 'PROBE_NOT_FOUND' })
  async update(@Param('id', new UuidParamPipe('id')) id: string, @Body() body: UpdateProbeDto): Promise<ProbeDto> {
    return toProbeDto(await this.probes.update(id, body));
  }

  @Delete(':id')
  @HttpCode(204)
  @RequireRole('admin')
  @ApiOperation({ summary: 'Delete a probe (its signals stay)' })
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ description: 'PROBE_NOT_FOUND' })
  async delete(@Param('id', new UuidParamPipe('id')) id: string): Promise<void> {
    await this.probes.delete(id);
  }

  @Post(':id/run')
  @HttpCode(200)
  @RequireRole('admin')
  @ApiOperation({ summary: 'Run the probe now; a failed run answers 200 with the run’s error recorded' })
  @ApiOkResponse({ type: RunNowResultDto })
  @ApiConflictResponse({ description: 'CONFLICT: a run of this probe is in progress' })
  async run(@Param('id', new UuidParamPipe('id')) id: string): Promise<RunNowResultDto> {
    const { probe, run } = await this.probes.runNow(id);
    return { probe: toProbeDto(probe), run: toProbeRunDto(run) };
  }
}

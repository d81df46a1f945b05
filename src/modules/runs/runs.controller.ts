import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiExtraModels, ApiHeader, ApiOkResponse, ApiOperation, ApiSecurity, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { Response } from 'express';
import { PREFER_HEADER_DOC, preferredReturn } from '../../common/http/prefer';
import { ApiErrors } from '../../common/openapi/api-errors';
import { parseTimestamp } from '../../common/validation/timestamps';
import { UuidParamPipe } from '../../common/validation/params';
import { RequireRole } from '../auth/roles.decorator';
import { BatchRunsDto, CreateRunDto } from './dto/create-run.dto';
import { ListRunsQueryDto } from './dto/list-runs.dto';
import { BatchResultDto, RunDto, RunPageDto, RunRefDto, toRunDto, toRunPageDto, toRunRefDto } from './dto/run.dto';
import { RunsService } from './runs.service';

export const RUN_EXAMPLE = {
  wpk_id: 'invoice-agent',
  run_id: 'run-2026-01-15-0001',
  status: 'completed',
  inputs: { invoice_url: 'https://example.com/i/1.pdf' },
  outputs: { total: 1280.5, currency: 'EUR' },
  duration_ms: 1520,
  node_logs: [
    { node: 'fetch', step: 1, status: 'completed', duration_ms: 310 },
    { node: 'parse', step: 2, status: 'completed', duration_ms: 1210 },
  ],
  tags: ['prod'],
  started_at: '2026-01-15T10:00:00Z',
  ended_at: '2026-01-15T10:00:01.520Z',
};

/** What a run write answers: the stored run, or its reference when asked for `Prefer: return=minimal`. */
export const RUN_WRITE_ANSWER = { anyOf: [{ $ref: getSchemaPath(RunDto) }, { $ref: getSchemaPath(RunRefDto) }] };

@ApiTags('runs')
@ApiExtraModels(RunDto, RunRefDto)
@ApiSecurity('api-key')
@ApiSecurity('bearer')
@Controller()
export class RunsController {
  constructor(private readonly runs: RunsService) {}

  @Post('runs')
  @RequireRole('ingest')
  @ApiOperation({ operationId: 'recordRun', summary: 'Record a run (idempotent on wpk_id + run_id: 201 when created, 200 when merged)' })
  @ApiHeader(PREFER_HEADER_DOC)
  @ApiBody({ type: CreateRunDto, examples: { run: { value: RUN_EXAMPLE } } })
  @ApiCreatedResponse({ schema: RUN_WRITE_ANSWER, description: 'the run was created: the stored run, or with Prefer: return=minimal its reference' })
  @ApiOkResponse({ schema: RUN_WRITE_ANSWER, description: 'the run existed; present fields replaced stored ones' })
  @ApiErrors({ code: 'WORKFLOW_NOT_FOUND', when: 'the workflow is not registered and REGISTRY_AUTO_REGISTER is off' })
  async record(@Body() body: CreateRunDto, @Headers('prefer') prefer: string | undefined, @Res({ passthrough: true }) res: Response): Promise<RunDto | RunRefDto> {
    const { run, created } = await this.runs.record(body);
    res.status(created ? 201 : 200);
    return preferredReturn(prefer, res, () => toRunDto(run), () => toRunRefDto(run));
  }

  @Post('langgraph/hooks/log_run')
  @RequireRole('ingest')
  @ApiOperation({ operationId: 'logRun', summary: "The seed's run-logger hook; the same as POST /runs" })
  @ApiHeader(PREFER_HEADER_DOC)
  @ApiBody({ type: CreateRunDto, examples: { run: { value: RUN_EXAMPLE } } })
  @ApiCreatedResponse({ schema: RUN_WRITE_ANSWER, description: 'the run was created: the stored run, or with Prefer: return=minimal its reference' })
  @ApiOkResponse({ schema: RUN_WRITE_ANSWER, description: 'the run existed; present fields replaced stored ones' })
  @ApiErrors({ code: 'WORKFLOW_NOT_FOUND', when: 'the workflow is not registered and REGISTRY_AUTO_REGISTER is off' })
  logRun(@Body() body: CreateRunDto, @Headers('prefer') prefer: string | undefined, @Res({ passthrough: true }) res: Response): Promise<RunDto | RunRefDto> {
    return this.record(body, prefer, res);
  }

  @Post('runs/batch')
  @HttpCode(200)
  @RequireRole('ingest')
  @ApiOperation({ operationId: 'recordRuns', summary: 'Record 1–1,000 runs; each item is validated and stored on its own (an invalid item is an error item, not a 400)' })
  @ApiBody({ type: BatchRunsDto, examples: { batch: { value: { runs: [RUN_EXAMPLE, { ...RUN_EXAMPLE, run_id: 'run-2026-01-15-0002', status: 'failed', error: 'timeout' }] } } } })
  @ApiOkResponse({ type: BatchResultDto })
  recordBatch(@Body() body: BatchRunsDto): Promise<BatchResultDto> {
    return this.runs.recordBatch(body.runs);
  }

  @Get('runs')
  @RequireRole('read')
  @ApiOperation({ operationId: 'listRuns', summary: 'Runs, newest first, with filters and keyset (cursor) or page paging' })
  @ApiOkResponse({ type: RunPageDto })
  async list(@Query() query: ListRunsQueryDto): Promise<RunPageDto> {
    const page = await this.runs.list({
      ...query,
      since: query.since ? parseTimestamp(query.since) : undefined,
      until: query.until ? parseTimestamp(query.until) : undefined,
    });
    return toRunPageDto(page);
  }

  @Get('runs/:id')
  @RequireRole('read')
  @ApiOperation({ operationId: 'getRun', summary: 'One run with its inputs, outputs and node logs' })
  @ApiOkResponse({ type: RunDto })
  @ApiErrors('RUN_NOT_FOUND')
  async get(@Param('id', new UuidParamPipe('id')) id: string): Promise<RunDto> {
    return toRunDto(await this.runs.get(id));
  }
}

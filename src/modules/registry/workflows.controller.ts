import { Body, Controller, Delete, Get, Headers, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiParam, ApiSecurity, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { PREFER_HEADER_DOC, preferredReturn } from '../../common/http/prefer';
import { ApiErrors } from '../../common/openapi/api-errors';
import { text } from '../../common/openapi/schemas';
import { parseTimestamp } from '../../common/validation/timestamps';
import { RequireRole } from '../auth/roles.decorator';
import { RunDto, RunPageDto, RunRefDto, toRunDto, toRunPageDto, toRunRefDto } from '../runs/dto/run.dto';
import { RUN_WRITE_ANSWER } from '../runs/runs.controller';
import { DEFAULT_STATS_WINDOW } from './domain/stats-window';
import { ListWorkflowsQueryDto, WorkflowRunsQueryDto, WorkflowStatsQueryDto } from './dto/list-workflows.dto';
import { WorkflowMetricsDto, WorkflowMetricsQueryDto } from './dto/workflow-metrics.dto';
import { NOTIFY_EXAMPLE, NotifyRunDto } from './dto/notify-run.dto';
import { RegisterWorkflowDto, UpdateWorkflowDto, WORKFLOW_REGISTRATION_EXAMPLE } from './dto/register-workflow.dto';
import { toWorkflowDto, WorkflowDto, WorkflowPageDto, WorkflowStatsDto } from './dto/workflow.dto';
import { MAX_WORKFLOW_ID_LENGTH } from './domain/workflow';
import { WorkflowIdPipe } from './workflow-id.pipe';
import { WorkflowsService } from './workflows.service';

const ID_PARAM = { name: 'id', description: 'the workflow id (the wpk_id its runs carry), e.g. `invoice-agent`', schema: text(MAX_WORKFLOW_ID_LENGTH) };

@ApiTags('registry')
@ApiSecurity('api-key')
@ApiSecurity('bearer')
@Controller('workflows')
export class WorkflowsController {
  constructor(private readonly workflows: WorkflowsService) {}

  @Post()
  @RequireRole('admin')
  @ApiOperation({ operationId: 'registerWorkflow', summary: 'Register a workflow, or update a registered one (idempotent on id: 201 when created, 200 when updated)' })
  @ApiBody({ type: RegisterWorkflowDto, examples: { register: { value: WORKFLOW_REGISTRATION_EXAMPLE } } })
  @ApiCreatedResponse({ type: WorkflowDto, description: 'registered' })
  @ApiOkResponse({ type: WorkflowDto, description: 'it existed: present fields replaced, an archived one is restored' })
  async register(@Body() body: RegisterWorkflowDto, @Res({ passthrough: true }) res: Response): Promise<WorkflowDto> {
    const { id, ...patch } = body;
    const { workflow, created } = await this.workflows.register(id, patch);
    res.status(created ? 201 : 200);
    return toWorkflowDto(workflow);
  }

  @Get()
  @RequireRole('read')
  @ApiOperation({
    operationId: 'listWorkflows',
    summary: 'Workflows ordered by id, with filters and a keyset cursor; archived ones only with include_archived; include=stats_24h adds each one\'s last 24 h',
  })
  @ApiOkResponse({ type: WorkflowPageDto })
  async list(@Query() query: ListWorkflowsQueryDto): Promise<WorkflowPageDto> {
    const { limit, cursor, include, ...filters } = query;
    const page = await this.workflows.list(filters, limit, cursor);
    const items = page.items.map(toWorkflowDto);
    if (include === 'stats_24h') {
      const stats = await this.workflows.stats24h(items.map((w) => w.id));
      for (const item of items) item.stats_24h = stats.get(item.id);
    }
    return { items, limit: page.limit, next_cursor: page.next_cursor };
  }

  @Get(':id')
  @RequireRole('read')
  @ApiOperation({ operationId: 'getWorkflow', summary: 'One workflow with its latest-run summary' })
  @ApiParam(ID_PARAM)
  @ApiOkResponse({ type: WorkflowDto })
  @ApiErrors('WORKFLOW_NOT_FOUND')
  async get(@Param('id', WorkflowIdPipe) id: string): Promise<WorkflowDto> {
    return toWorkflowDto(await this.workflows.get(id));
  }

  @Patch(':id')
  @RequireRole('admin')
  @ApiOperation({ operationId: 'updateWorkflow', summary: 'Change descriptive fields (absent kept, null clears)' })
  @ApiParam(ID_PARAM)
  @ApiBody({ type: UpdateWorkflowDto, examples: { owner: { value: { owner: 'team-platform', tags: ['prod'] } } } })
  @ApiOkResponse({ type: WorkflowDto })
  @ApiErrors('WORKFLOW_NOT_FOUND')
  async update(@Param('id', WorkflowIdPipe) id: string, @Body() body: UpdateWorkflowDto): Promise<WorkflowDto> {
    return toWorkflowDto(await this.workflows.update(id, body));
  }

  @Delete(':id')
  @RequireRole('admin')
  @ApiOperation({ operationId: 'archiveWorkflow', summary: 'Archive a workflow: hidden from the listing by default; its runs stay and new runs are still recorded' })
  @ApiParam(ID_PARAM)
  @ApiOkResponse({ type: WorkflowDto, description: 'the archived workflow (archiving again changes nothing)' })
  @ApiErrors('WORKFLOW_NOT_FOUND')
  async archive(@Param('id', WorkflowIdPipe) id: string): Promise<WorkflowDto> {
    return toWorkflowDto(await this.workflows.archive(id));
  }

  @Get(':id/runs')
  @RequireRole('read')
  @ApiOperation({ operationId: 'listWorkflowRuns', summary: "The workflow's runs, newest first: the seed's page/limit paging or a keyset cursor, as GET /runs" })
  @ApiParam(ID_PARAM)
  @ApiOkResponse({ type: RunPageDto })
  @ApiErrors('WORKFLOW_NOT_FOUND')
  async runs(@Param('id', WorkflowIdPipe) id: string, @Query() query: WorkflowRunsQueryDto): Promise<RunPageDto> {
    const page = await this.workflows.listRuns(id, {
      ...query,
      since: query.since ? parseTimestamp(query.since) : undefined,
      until: query.until ? parseTimestamp(query.until) : undefined,
    });
    return toRunPageDto(page);
  }

  @Get(':id/metrics')
  @RequireRole('read')
  @ApiOperation({
    operationId: 'workflowMetrics',
    summary: 'Runs per bucket by status, failure ratio and p50/p95 duration over a range, bucketed by when runs happened (started_at, or created_at when absent or over 5 min later)',
  })
  @ApiParam(ID_PARAM)
  @ApiOkResponse({ type: WorkflowMetricsDto })
  @ApiErrors('WORKFLOW_NOT_FOUND')
  async metrics(@Param('id', WorkflowIdPipe) id: string, @Query() query: WorkflowMetricsQueryDto): Promise<WorkflowMetricsDto> {
    const m = await this.workflows.metrics(id, { from: parseTimestamp(query.from), to: parseTimestamp(query.to), step: query.step });
    return {
      step: m.step,
      from: m.from.toISOString(),
      to: m.to.toISOString(),
      buckets: m.buckets.map((b) => ({ ...b, at: b.at.toISOString() })),
    };
  }

  @Get(':id/runs/latest')
  @RequireRole('read')
  @ApiOperation({ operationId: 'latestWorkflowRun', summary: 'The latest run (greatest started_at ?? created_at, then run_id), as GET /runs/:id answers it' })
  @ApiParam(ID_PARAM)
  @ApiOkResponse({ type: RunDto })
  @ApiErrors('WORKFLOW_NOT_FOUND', { code: 'RUN_NOT_FOUND', when: 'the workflow has no run' })
  async latest(@Param('id', WorkflowIdPipe) id: string): Promise<RunDto> {
    return toRunDto(await this.workflows.latestRun(id));
  }

  @Post(':id/runs/notify')
  @RequireRole('ingest')
  @ApiOperation({ operationId: 'notifyWorkflowRun', summary: "The runtime agent's callback: records or updates the run (idempotent; 201 when it created the run, 200 otherwise)" })
  @ApiParam(ID_PARAM)
  @ApiBody({ type: NotifyRunDto, examples: { completed: { value: NOTIFY_EXAMPLE }, failed: { value: { run_id: 'run-2026-01-15-0002', status: 'failed', error: 'timeout calling the OCR service', duration_ms: 30000 } } } })
  @ApiHeader(PREFER_HEADER_DOC)
  @ApiCreatedResponse({ schema: RUN_WRITE_ANSWER, description: 'the run was created: the stored run, or with Prefer: return=minimal its reference' })
  @ApiOkResponse({ schema: RUN_WRITE_ANSWER, description: 'the run existed; present fields replaced stored ones' })
  @ApiErrors({ code: 'WORKFLOW_NOT_FOUND', when: 'the workflow is not registered and REGISTRY_AUTO_REGISTER is off' })
  async notify(
    @Param('id', WorkflowIdPipe) id: string,
    @Body() body: NotifyRunDto,
    @Headers('prefer') prefer: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<RunDto | RunRefDto> {
    const { run, created } = await this.workflows.notify(id, body);
    res.status(created ? 201 : 200);
    return preferredReturn(prefer, res, () => toRunDto(run), () => toRunRefDto(run));
  }

  @Get(':id/stats')
  @RequireRole('read')
  @ApiOperation({ operationId: 'workflowStats', summary: 'Counts, success rate and nearest-rank duration percentiles over runs whose started_at ?? created_at is within the window' })
  @ApiParam(ID_PARAM)
  @ApiOkResponse({ type: WorkflowStatsDto })
  @ApiErrors('WORKFLOW_NOT_FOUND')
  async stats(@Param('id', WorkflowIdPipe) id: string, @Query() query: WorkflowStatsQueryDto): Promise<WorkflowStatsDto> {
    return this.workflows.stats(id, query.window ?? DEFAULT_STATS_WINDOW);
  }
}

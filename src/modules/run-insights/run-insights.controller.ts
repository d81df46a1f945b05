import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../../common/openapi/api-errors';
import { text } from '../../common/openapi/schemas';
import { RequireRole } from '../auth/roles.decorator';
import { DEFAULT_STATS_WINDOW } from '../registry/domain/stats-window';
import { MAX_WORKFLOW_ID_LENGTH } from '../registry/domain/workflow';
import { WorkflowIdPipe } from '../registry/workflow-id.pipe';
import { toWorkflowInsightsDto, WorkflowInsightsDto, WorkflowInsightsQueryDto } from './dto/insights.dto';
import { RunInsightsService } from './run-insights.service';

@ApiTags('registry')
@ApiSecurity('api-key')
@ApiSecurity('bearer')
@Controller('workflows')
export class RunInsightsController {
  constructor(private readonly insights: RunInsightsService) {}

  @Get(':id/insights')
  @RequireRole('read')
  @ApiOperation({
    operationId: 'getWorkflowInsights',
    summary: "Slowest and failing nodes, failed runs grouped by similarity, and regressions against the window before, from the workflow's run history",
  })
  @ApiParam({ name: 'id', description: 'the workflow id (the wpk_id its runs carry), e.g. `invoice-agent`', schema: text(MAX_WORKFLOW_ID_LENGTH) })
  @ApiOkResponse({ type: WorkflowInsightsDto })
  @ApiErrors('WORKFLOW_NOT_FOUND')
  async get(@Param('id', WorkflowIdPipe) id: string, @Query() query: WorkflowInsightsQueryDto): Promise<WorkflowInsightsDto> {
    return toWorkflowInsightsDto(await this.insights.insights(id, query.window ?? DEFAULT_STATS_WINDOW));
  }
}

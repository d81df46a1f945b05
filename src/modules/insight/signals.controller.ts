import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../../common/openapi/api-errors';
import { parseTimestamp } from '../../common/validation/timestamps';
import { UuidParamPipe } from '../../common/validation/params';
import { RequireRole } from '../auth/roles.decorator';
import { ListSignalsQueryDto, SignalDto, SignalPageDto, SignalRunsDto, SignalRunsQueryDto, toLinkedRunDto, toSignalDto } from './dto/signal.dto';
import { SignalsService } from './signals.service';

@ApiTags('insight')
@ApiSecurity('api-key')
@ApiSecurity('bearer')
@Controller('signals')
@RequireRole('read')
export class SignalsController {
  constructor(private readonly signals: SignalsService) {}

  @Get()
  @ApiOperation({ operationId: 'listSignals', summary: 'Anomaly signals, newest observed_at first (all states unless `state` is given)' })
  @ApiOkResponse({ type: SignalPageDto })
  async list(@Query() q: ListSignalsQueryDto): Promise<SignalPageDto> {
    const page = await this.signals.list(
      {
        state: q.state,
        probe_id: q.probe_id?.toLowerCase(),
        metric: q.metric,
        since: q.since ? parseTimestamp(q.since) : undefined,
        until: q.until ? parseTimestamp(q.until) : undefined,
        min_score: q.min_score,
      },
      q.limit ?? 50,
      q.cursor,
    );
    return { items: page.items.map(toSignalDto), limit: page.limit, next_cursor: page.next_cursor };
  }

  @Get(':id')
  @ApiOperation({ operationId: 'getSignal', summary: 'One signal' })
  @ApiOkResponse({ type: SignalDto })
  @ApiErrors('SIGNAL_NOT_FOUND')
  async get(@Param('id', new UuidParamPipe('id')) id: string): Promise<SignalDto> {
    return toSignalDto(await this.signals.get(id));
  }

  @Get(':id/runs')
  @ApiOperation({ operationId: 'signalRuns', summary: 'The runs behind a signal: its workflow’s runs from observed_at − step to resolved_at (or now), failed first' })
  @ApiOkResponse({ type: SignalRunsDto })
  @ApiErrors('SIGNAL_NOT_FOUND')
  async runs(@Param('id', new UuidParamPipe('id')) id: string, @Query() q: SignalRunsQueryDto): Promise<SignalRunsDto> {
    const limit = q.limit ?? 50;
    const { signal, since, until, runs, runsMayBePurged } = await this.signals.linkedRuns(id, limit);
    return {
      signal_id: signal.id,
      wpk_id: signal.wpk_id,
      since: since.toISOString(),
      until: until.toISOString(),
      items: runs.map(toLinkedRunDto),
      limit,
      runs_may_be_purged: runsMayBePurged,
    };
  }
}

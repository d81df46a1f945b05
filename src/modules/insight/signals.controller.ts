import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../../common/openapi/api-errors';
import { parseTimestamp } from '../../common/validation/timestamps';
import { UuidParamPipe } from '../../common/validation/params';
import { RequireRole } from '../auth/roles.decorator';
import {
  ListSignalsQueryDto,
  SignalDetailDto,
  SignalPageDto,
  SignalRunsDto,
  SignalRunsQueryDto,
  SignalSeriesDto,
  toLinkedRunDto,
  toSignalDeliveryDto,
  toSignalDto,
  toSignalSeriesDto,
} from './dto/signal.dto';
import { SignalSeriesService } from './signal-series.service';
import { SignalsService } from './signals.service';

@ApiTags('insight')
@ApiSecurity('api-key')
@ApiSecurity('bearer')
@Controller('signals')
@RequireRole('read')
export class SignalsController {
  constructor(
    private readonly signals: SignalsService,
    private readonly series: SignalSeriesService,
  ) {}

  @Get()
  @ApiOperation({ operationId: 'listSignals', summary: 'Anomaly signals, newest observed_at first (all states unless `state` is given)' })
  @ApiOkResponse({ type: SignalPageDto })
  async list(@Query() q: ListSignalsQueryDto): Promise<SignalPageDto> {
    const page = await this.signals.list(
      {
        state: q.state,
        probe_id: q.probe_id?.toLowerCase(),
        wpk_id: q.wpk_id,
        active_from: parseTimestamp(q.active_from),
        active_to: parseTimestamp(q.active_to),
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
  @ApiOperation({ operationId: 'getSignal', summary: 'One signal, with the state of its deliveries per channel' })
  @ApiOkResponse({ type: SignalDetailDto })
  @ApiErrors('SIGNAL_NOT_FOUND')
  async get(@Param('id', new UuidParamPipe('id')) id: string): Promise<SignalDetailDto> {
    const { signal, deliveries } = await this.signals.detail(id);
    return { ...toSignalDto(signal), deliveries: deliveries.map(toSignalDeliveryDto) };
  }

  @Get(':id/series')
  @ApiOperation({
    operationId: 'signalSeries',
    summary: "The series around the signal's episode (a margin of max(20 steps, half the episode) each side), fetched again and re-scored from scratch with the probe's current spec",
  })
  @ApiOkResponse({ type: SignalSeriesDto })
  @ApiErrors(
    'SIGNAL_NOT_FOUND',
    { code: 'SERIES_UNAVAILABLE', when: 'the signal came from POST /probe or its probe was deleted, or the source no longer has the series' },
    { code: 'PROBE_SOURCE_UNREACHABLE', when: 'the source (Prometheus) did not answer' },
    { code: 'PROBE_QUERY_INVALID', when: "the source refused the probe's query" },
  )
  async signalSeries(@Param('id', new UuidParamPipe('id')) id: string): Promise<SignalSeriesDto> {
    return toSignalSeriesDto(await this.series.series(id));
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

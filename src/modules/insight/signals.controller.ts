import { Body, Controller, Get, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import type { AuthedRequest } from '../auth/api-key.guard';
import { ApiErrors } from '../../common/openapi/api-errors';
import { parseTimestamp } from '../../common/validation/timestamps';
import { UuidParamPipe } from '../../common/validation/params';
import { RequireRole } from '../auth/roles.decorator';
import {
  AckSignalDto,
  ListSignalsQueryDto,
  SignalDto,
  SignalFeedbackBodyDto,
  SnoozeSignalDto,
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
import { SilencesService } from './silences.service';
import { KeyRef, Signal } from './domain/probe';

@ApiTags('insight')
@ApiSecurity('api-key')
@ApiSecurity('bearer')
@Controller('signals')
@RequireRole('read')
export class SignalsController {
  constructor(
    private readonly signals: SignalsService,
    private readonly series: SignalSeriesService,
    private readonly silences: SilencesService,
  ) {}

  private async answer(signal: Signal): Promise<SignalDto> {
    return toSignalDto(signal, (await this.signals.feedbackFor([signal.id])).get(signal.id) ?? []);
  }

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
        acknowledged: q.acknowledged,
        feedback: q.feedback,
        silenced: q.silenced,
      },
      q.limit ?? 50,
      q.cursor,
    );
    const feedback = await this.signals.feedbackFor(page.items.map((s) => s.id));
    return { items: page.items.map((s) => toSignalDto(s, feedback.get(s.id) ?? [])), limit: page.limit, next_cursor: page.next_cursor };
  }

  @Get(':id')
  @ApiOperation({ operationId: 'getSignal', summary: 'One signal, with the state of its deliveries per channel' })
  @ApiOkResponse({ type: SignalDetailDto })
  @ApiErrors('SIGNAL_NOT_FOUND')
  async get(@Param('id', new UuidParamPipe('id')) id: string): Promise<SignalDetailDto> {
    const { signal, feedback, deliveries } = await this.signals.detail(id);
    return { ...toSignalDto(signal, feedback), deliveries: deliveries.map(toSignalDeliveryDto) };
  }

  @Post(':id/ack')
  @HttpCode(200)
  @RequireRole('admin')
  @ApiOperation({
    operationId: 'acknowledgeSignal',
    summary: 'Acknowledge a signal: it keeps firing in Alertmanager with the annotations acknowledged and acknowledged_by; the webhook gets one signal.acknowledged',
    description: 'The first acknowledgement is kept; repeating it answers the signal unchanged.',
  })
  @ApiBody({ type: AckSignalDto, required: false, examples: { note: { value: { note: 'looking into it' } } } })
  @ApiOkResponse({ type: SignalDto })
  @ApiErrors('SIGNAL_NOT_FOUND')
  async acknowledge(@Param('id', new UuidParamPipe('id')) id: string, @Body() body: AckSignalDto, @Req() req: AuthedRequest): Promise<SignalDto> {
    return this.answer(await this.signals.acknowledge(id, keyOf(req), body?.note ?? null));
  }

  @Post(':id/snooze')
  @HttpCode(200)
  @RequireRole('admin')
  @ApiOperation({
    operationId: 'snoozeSignal',
    summary: "Snooze a firing signal until a time: no webhook deliveries, and a silence on its labels (mirrored to Alertmanager) until then; it resolves normally",
    description: 'Snoozing a snoozed signal moves its snooze. The snooze is a silence: it is listed by GET /silences and DELETE /silences/:id ends it early.',
  })
  @ApiBody({ type: SnoozeSignalDto, examples: { hour: { value: { until: '2026-01-15T12:00:00Z' } } } })
  @ApiOkResponse({ type: SignalDto })
  @ApiErrors('SIGNAL_NOT_FOUND', { code: 'CONFLICT', when: 'the signal is resolved' })
  async snooze(@Param('id', new UuidParamPipe('id')) id: string, @Body() body: SnoozeSignalDto, @Req() req: AuthedRequest): Promise<SignalDto> {
    return this.answer(await this.silences.snooze(id, parseTimestamp(body.until)!, keyOf(req)));
  }

  @Post(':id/feedback')
  @HttpCode(200)
  @RequireRole('admin')
  @ApiOperation({
    operationId: 'signalFeedback',
    summary: "Label a signal useful or noise (one label per key: a later one replaces it); on a probe's signal it tunes the probe's effective threshold",
  })
  @ApiBody({ type: SignalFeedbackBodyDto, examples: { noise: { value: { label: 'noise', note: 'nightly batch, expected' } } } })
  @ApiOkResponse({ type: SignalDto })
  @ApiErrors('SIGNAL_NOT_FOUND')
  async feedback(@Param('id', new UuidParamPipe('id')) id: string, @Body() body: SignalFeedbackBodyDto, @Req() req: AuthedRequest): Promise<SignalDto> {
    return this.answer(await this.signals.giveFeedback(id, keyOf(req), body.label, body.note ?? null));
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

/** The key a request was made with, as stored beside what it did. */
export function keyOf(req: AuthedRequest): KeyRef {
  const key = req.apiKey!;
  return { key_id: key.id, name: key.name };
}

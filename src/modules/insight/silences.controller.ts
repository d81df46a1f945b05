import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../../common/openapi/api-errors';
import { parseTimestamp } from '../../common/validation/timestamps';
import { UuidParamPipe } from '../../common/validation/params';
import type { AuthedRequest } from '../auth/api-key.guard';
import { RequireRole } from '../auth/roles.decorator';
import { Clock } from './clock';
import { AlertmanagerClient } from './delivery/alertmanager.client';
import { CreateSilenceDto, ListSilencesQueryDto, SilenceDto, SilenceListDto, toSilenceDto } from './dto/silence.dto';
import { keyOf } from './signals.controller';
import { SilencesService } from './silences.service';

@ApiTags('insight')
@ApiSecurity('api-key')
@ApiSecurity('bearer')
@Controller('silences')
export class SilencesController {
  constructor(
    private readonly silences: SilencesService,
    private readonly alertmanager: AlertmanagerClient,
    private readonly clock: Clock,
  ) {}

  @Post()
  @RequireRole('admin')
  @ApiOperation({
    operationId: 'createSilence',
    summary: 'Silence matching signals for a while (a maintenance window): no webhook deliveries, stored with silenced_by; mirrored to Alertmanager',
    description:
      'Matchers apply to the labels a signal is sent with: probe (its name), probe_id, severity, wpk_id, alertname, the probe’s labels and the series labels. ' +
      'Regexes are fully anchored, as in Alertmanager. When the silence ends, a signal still firing is delivered once.',
  })
  @ApiBody({
    type: CreateSilenceDto,
    examples: { deploy: { value: { matchers: [{ name: 'wpk_id', value: 'invoice-agent' }], starts_at: '2026-01-15T10:00:00Z', ends_at: '2026-01-15T11:00:00Z', comment: 'deploying 2.4' } } },
  })
  @ApiCreatedResponse({ type: SilenceDto })
  async create(@Body() body: CreateSilenceDto, @Req() req: AuthedRequest): Promise<SilenceDto> {
    const now = this.clock.now();
    const silence = await this.silences.create(
      { matchers: body.matchers, starts_at: body.starts_at ? parseTimestamp(body.starts_at)! : now, ends_at: parseTimestamp(body.ends_at)!, comment: body.comment },
      keyOf(req),
    );
    return toSilenceDto(silence, this.clock.now(), this.alertmanager.configured);
  }

  @Get()
  @RequireRole('read')
  @ApiOperation({ operationId: 'listSilences', summary: 'Active and pending silences, and those expired in the last 7 days; latest end first' })
  @ApiOkResponse({ type: SilenceListDto })
  async list(@Query() q: ListSilencesQueryDto): Promise<SilenceListDto> {
    const now = this.clock.now();
    return { items: (await this.silences.list(q.state)).map((s) => toSilenceDto(s, now, this.alertmanager.configured)) };
  }

  @Get(':id')
  @RequireRole('read')
  @ApiOperation({ operationId: 'getSilence', summary: 'One silence, with the state of its copy in Alertmanager' })
  @ApiOkResponse({ type: SilenceDto })
  @ApiErrors('SILENCE_NOT_FOUND')
  async get(@Param('id', new UuidParamPipe('id')) id: string): Promise<SilenceDto> {
    return toSilenceDto(await this.silences.get(id), this.clock.now(), this.alertmanager.configured);
  }

  @Delete(':id')
  @HttpCode(204)
  @RequireRole('admin')
  @ApiOperation({ operationId: 'expireSilence', summary: 'Expire a silence now (and its copy in Alertmanager); signals it held back and still firing are delivered once' })
  @ApiNoContentResponse({ description: 'expired (or already expired)' })
  @ApiErrors('SILENCE_NOT_FOUND')
  async expire(@Param('id', new UuidParamPipe('id')) id: string): Promise<void> {
    await this.silences.expire(id);
  }
}

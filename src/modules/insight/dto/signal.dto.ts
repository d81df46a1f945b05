import { ApiProperty, ApiPropertyOptional, type ApiPropertyOptions } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsNumber, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { UUID_SHAPE } from '../../../common/validation/params';
import { Transform } from 'class-transformer';
import { IsTimestamp, QueryBool, QueryInt } from '../../../common/validation/decorators';
import { int, text, TIMESTAMP, TIMESTAMP_INPUT } from '../../../common/openapi/schemas';
import { MAX_ID_LENGTH, RUN_STATUSES } from '../../runs/domain/run';
import { KeyRef, SEVERITIES, Signal } from '../domain/probe';
import { signalLabels } from '../domain/alert-labels';
import { FEEDBACK_LABELS, type SignalFeedback } from '../signal-feedback.repository';
import type { Delivery } from '../deliveries.repository';
import { deliveryState, DELIVERY_STATES } from '../domain/delivery-state';
import { LinkedRun } from '../run-metrics.repository';
import type { SignalSeries } from '../signal-series.service';
import { formatDuration } from '../domain/duration';

const SIGNAL_STATES = ['firing', 'resolved'];

export class KeyRefDto {
  @ApiProperty({ type: String, format: 'uuid', description: "the API key's id" }) key_id!: string;
  @ApiProperty({ type: String, example: 'oncall', description: "the API key's name" }) name!: string;
}

export class SignalFeedbackDto {
  @ApiProperty({ enum: FEEDBACK_LABELS }) label!: string;
  @ApiProperty({ type: String, nullable: true }) note!: string | null;
  @ApiProperty({ type: KeyRefDto, description: 'the key that gave it (one label per key: a later one replaces it)' }) by!: KeyRefDto;
  @ApiProperty({ ...TIMESTAMP, description: 'when it was given (or last replaced)' }) at!: string;
}

/** KeyRefDto inline, as a nullable property: OpenAPI 3.0.3 cannot make a $ref nullable. */
const ACKNOWLEDGED_BY: ApiPropertyOptions = {
  type: 'object',
  nullable: true,
  description: 'the key that acknowledged it',
  properties: { key_id: { type: 'string', format: 'uuid', description: "the API key's id" }, name: { type: 'string', description: "the API key's name" } },
  required: ['key_id', 'name'],
  selfRequired: true,
};

function keyRef(k: KeyRef): KeyRefDto {
  return { key_id: k.key_id, name: k.name };
}

export function toSignalFeedbackDto(f: SignalFeedback): SignalFeedbackDto {
  return { label: f.label, note: f.note, by: keyRef(f.by), at: f.updated_at.toISOString() };
}

export class SignalDto {
  @ApiProperty({ type: String, format: 'uuid' }) id!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'null for POST /probe' }) probe_id!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'invoice-agent-p95', description: "the probe's name (kept after it is deleted); null for POST /probe" })
  probe_name!: string | null;
  @ApiProperty({ type: String, example: 'runs_duration_p95_ms' }) metric!: string;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' }, example: { wpk_id: 'invoice-agent' } }) labels!: Record<string, string>;
  @ApiProperty({ type: String, nullable: true, example: 'invoice-agent', description: "the workflow it is about: the probe's wpk_id, else the series' wpk_id label; null when neither" })
  wpk_id!: string | null;
  @ApiProperty({ type: String, example: 'wpk_id="invoice-agent"' }) series!: string;
  @ApiProperty({ type: Number, description: "the episode's peak value", example: 8200 }) value!: number;
  @ApiProperty({ type: Number, description: "the episode's peak score, in the detector's unit", example: 4.1 }) score!: number;
  @ApiProperty({
    type: String,
    description: "What happened in words; detectors that can tell (vigil) add what kind of change the episode's peak was and what it was measured against.",
    example: 'p95 duration of workflow invoice-agent rose to 8.2 s, 9.4 decades above its 1 h baseline of 1.2 s; level shift: the last 8 points above the recent level',
  })
  hint!: string;
  @ApiProperty({ type: String, example: 'robust' }) detector!: string;
  @ApiProperty({ type: Number, example: 3.5 }) threshold!: number;
  @ApiProperty({ ...int(1), example: 60 }) step_s!: number;
  @ApiProperty({ ...TIMESTAMP, description: "the episode's first anomalous sample" }) observed_at!: string;
  @ApiProperty(TIMESTAMP) last_anomalous_at!: string;
  @ApiProperty({ ...TIMESTAMP, nullable: true, description: 'when the peak was; null on signals stored before peak times were kept, unless known' })
  peak_at!: string | null;
  @ApiProperty({ enum: SIGNAL_STATES }) state!: string;
  @ApiProperty({ ...TIMESTAMP, nullable: true }) resolved_at!: string | null;
  @ApiProperty({ enum: SEVERITIES, description: "the probe's severity when the episode opened" }) severity!: string;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' }, description: "the probe's routing labels when the episode opened" })
  probe_labels!: Record<string, string>;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string' },
    example: { alertname: 'invoice-agent-p95', probe: 'invoice-agent-p95', severity: 'warning', wpk_id: 'invoice-agent' },
    description: 'the labels it is sent to Alertmanager with and that silences match: series labels, then probe labels, then alertname, probe, probe_id, severity, wpk_id',
  })
  alert_labels!: Record<string, string>;
  @ApiProperty({ ...TIMESTAMP, nullable: true }) acknowledged_at!: string | null;
  @ApiProperty(ACKNOWLEDGED_BY) acknowledged_by!: KeyRefDto | null;
  @ApiProperty({ type: String, nullable: true, description: 'the note given with the acknowledgement' }) ack_note!: string | null;
  @ApiProperty({ ...TIMESTAMP, nullable: true, description: 'snoozed (no webhook deliveries, silenced in Alertmanager) until then' }) snoozed_until!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'the silence holding back its webhook deliveries now' }) silenced_by!: string | null;
  @ApiProperty({ type: [SignalFeedbackDto], description: 'useful / noise labels, one per key, oldest first' }) feedback!: SignalFeedbackDto[];
  @ApiProperty(TIMESTAMP) created_at!: string;
  @ApiProperty(TIMESTAMP) updated_at!: string;
}

export function toSignalDto(s: Signal, feedback: SignalFeedback[] = []): SignalDto {
  return {
    id: s.id,
    probe_id: s.probe_id,
    probe_name: s.probe_name,
    metric: s.metric,
    labels: s.labels,
    wpk_id: s.wpk_id,
    series: s.series_key,
    value: s.value,
    score: s.score,
    hint: s.hint,
    detector: s.detector,
    threshold: s.threshold,
    step_s: s.step_s,
    observed_at: s.observed_at.toISOString(),
    last_anomalous_at: s.last_anomalous_at.toISOString(),
    peak_at: s.peak_at?.toISOString() ?? null,
    state: s.state,
    resolved_at: s.resolved_at?.toISOString() ?? null,
    severity: s.severity,
    probe_labels: s.probe_labels,
    alert_labels: signalLabels(s),
    acknowledged_at: s.acknowledged_at?.toISOString() ?? null,
    acknowledged_by: s.acknowledged_by ? keyRef(s.acknowledged_by) : null,
    ack_note: s.ack_note,
    snoozed_until: s.snoozed_until?.toISOString() ?? null,
    silenced_by: s.silenced_by,
    feedback: feedback.map(toSignalFeedbackDto),
    created_at: s.created_at.toISOString(),
    updated_at: s.updated_at.toISOString(),
  };
}

export class SignalDeliveryDto {
  @ApiProperty({ enum: ['alertmanager', 'webhook'] }) channel!: string;
  @ApiProperty({ enum: [...SIGNAL_STATES, 'acknowledged'], description: 'the state change delivered, or the acknowledgement' }) event!: string;
  @ApiProperty({ enum: DELIVERY_STATES, description: 'pending: not tried yet; retrying: failed, to be tried again; delivered; silenced: held back by a silence or snooze' }) state!: string;
  @ApiProperty({ ...int(0), description: 'attempts so far' }) attempts!: number;
  @ApiProperty({ type: String, nullable: true, description: 'why the last attempt failed' }) last_error!: string | null;
  @ApiProperty({ ...TIMESTAMP, nullable: true }) delivered_at!: string | null;
  @ApiProperty({ ...TIMESTAMP, nullable: true, description: 'when it is tried next; null once delivered' }) next_attempt_at!: string | null;
}

export class SignalDetailDto extends SignalDto {
  @ApiProperty({ type: [SignalDeliveryDto], description: 'one per state change and channel (Alertmanager, webhook), oldest first; delivered ones are pruned after a while' })
  deliveries!: SignalDeliveryDto[];
}

export function toSignalDeliveryDto(d: Delivery): SignalDeliveryDto {
  return {
    channel: d.channel,
    event: d.event,
    state: deliveryState(d),
    attempts: d.attempts,
    last_error: d.last_error,
    delivered_at: d.delivered_at?.toISOString() ?? null,
    next_attempt_at: d.delivered_at ? null : d.next_attempt_at.toISOString(),
  };
}

export class SignalPageDto {
  @ApiProperty({ type: [SignalDto] }) items!: SignalDto[];
  @ApiProperty({ ...int(1, 200), example: 50 }) limit!: number;
  @ApiProperty({ type: String, nullable: true, description: 'pass as `cursor` for the next page; null on the last page' }) next_cursor!: string | null;
}

export class ListSignalsQueryDto {
  @ApiPropertyOptional({ enum: SIGNAL_STATES, description: 'signals in this state' })
  @IsOptional()
  @IsIn(SIGNAL_STATES)
  state?: 'firing' | 'resolved';

  @ApiPropertyOptional({ type: String, format: 'uuid', description: 'signals of this probe' })
  @IsOptional()
  @Matches(UUID_SHAPE, { message: 'probe_id must be a UUID' })
  probe_id?: string;

  @ApiPropertyOptional({ ...text(MAX_ID_LENGTH), description: 'signals about this workflow, e.g. `invoice-agent`' })
  @IsOptional()
  @IsString()
  @Length(1, MAX_ID_LENGTH)
  wpk_id?: string;

  @ApiPropertyOptional({ ...TIMESTAMP_INPUT, description: 'signals whose episode was still open at or after this (not resolved before it), e.g. `2026-01-15T00:00:00Z`' })
  @IsOptional()
  @IsTimestamp()
  active_from?: string;

  @ApiPropertyOptional({ ...TIMESTAMP_INPUT, description: 'signals whose episode had started by this; with active_from, those overlapping the window' })
  @IsOptional()
  @IsTimestamp()
  active_to?: string;

  @ApiPropertyOptional({ ...text(4096), description: 'signals of this metric, e.g. `runs_duration_p95_ms`' })
  @IsOptional()
  @IsString()
  @Length(1, 4096)
  metric?: string;

  @ApiPropertyOptional({ ...TIMESTAMP_INPUT, description: 'observed_at at or after, e.g. `2026-01-15T00:00:00Z`' })
  @IsOptional()
  @IsTimestamp()
  since?: string;

  @ApiPropertyOptional({ ...TIMESTAMP_INPUT, description: 'observed_at strictly before' })
  @IsOptional()
  @IsTimestamp()
  until?: string;

  @ApiPropertyOptional({ type: Number, minimum: 0, description: 'signals whose peak score is at least this, e.g. `3`' })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : value), { toClassOnly: true })
  @IsNumber()
  @Min(0)
  min_score?: number;

  @ApiPropertyOptional({ type: Boolean, description: 'true: acknowledged signals; false: not acknowledged (true/false, 1/0)' })
  @IsOptional()
  @QueryBool()
  @IsBoolean()
  acknowledged?: boolean;

  @ApiPropertyOptional({ enum: [...FEEDBACK_LABELS, 'none'], description: 'signals someone labelled useful / noise; none: nobody labelled' })
  @IsOptional()
  @IsIn([...FEEDBACK_LABELS, 'none'])
  feedback?: 'useful' | 'noise' | 'none';

  @ApiPropertyOptional({ type: Boolean, description: 'true: held back by a silence or snooze now; false: not (true/false, 1/0)' })
  @IsOptional()
  @QueryBool()
  @IsBoolean()
  silenced?: boolean;

  @ApiPropertyOptional({ ...int(1, 200), default: 50, description: 'items per page' })
  @IsOptional()
  @QueryInt()
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;

  @ApiPropertyOptional({ ...text(2048), description: 'next_cursor from the previous page' })
  @IsOptional()
  @IsString()
  @Length(1, 2048)
  cursor?: string;
}

export class SignalRunsQueryDto {
  @ApiPropertyOptional({ ...int(1, 200), default: 50, description: 'runs at most' })
  @IsOptional()
  @QueryInt()
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
}

export class LinkedRunDto {
  @ApiProperty({ type: String, format: 'uuid' }) id!: string;
  @ApiProperty({ type: String, example: 'invoice-agent' }) wpk_id!: string;
  @ApiProperty({ type: String, example: 'run-2026-01-15-0001' }) run_id!: string;
  @ApiProperty({ enum: RUN_STATUSES }) status!: string;
  @ApiProperty({ ...int(0), nullable: true }) duration_ms!: number | null;
  @ApiProperty({ type: String, nullable: true }) error!: string | null;
  @ApiProperty({ ...TIMESTAMP, nullable: true }) started_at!: string | null;
  @ApiProperty({ ...TIMESTAMP, nullable: true }) ended_at!: string | null;
  @ApiProperty(TIMESTAMP) created_at!: string;
}

export class SignalRunsDto {
  @ApiProperty({ type: String, format: 'uuid' }) signal_id!: string;
  @ApiProperty({ type: String, nullable: true, description: 'the workflow the runs belong to; null means all' }) wpk_id!: string | null;
  @ApiProperty({ ...TIMESTAMP, description: 'the window the runs were taken from: observed_at − step …' }) since!: string;
  @ApiProperty({ ...TIMESTAMP, description: '… to resolved_at, or now' }) until!: string;
  @ApiProperty({ type: [LinkedRunDto] }) items!: LinkedRunDto[];
  @ApiProperty(int(1, 200)) limit!: number;
  @ApiProperty({ type: Boolean, description: 'true when the window starts before the run-retention cutoff (RUN_RETENTION_DAYS): runs of it may have been deleted' })
  runs_may_be_purged!: boolean;
}

export function toLinkedRunDto(r: LinkedRun): LinkedRunDto {
  return {
    id: r.id,
    wpk_id: r.wpk_id,
    run_id: r.run_id,
    status: r.status,
    duration_ms: r.duration_ms,
    error: r.error,
    started_at: r.started_at?.toISOString() ?? null,
    ended_at: r.ended_at?.toISOString() ?? null,
    created_at: r.created_at.toISOString(),
  };
}

export class SeriesSampleDto {
  @ApiProperty(TIMESTAMP) at!: string;
  @ApiProperty({ type: Number }) value!: number;
  @ApiProperty({ type: Number, nullable: true, description: "the detector's score; null while it warms up" }) score!: number | null;
}

export class SeriesEpisodeDto {
  @ApiProperty({ ...TIMESTAMP, description: 'observed_at: the first anomalous sample' }) start!: string;
  @ApiProperty({ ...TIMESTAMP, nullable: true, description: 'peak_at; null when unknown' }) peak!: string | null;
  @ApiProperty({ ...TIMESTAMP, nullable: true, description: 'resolved_at; null while firing' }) end!: string | null;
}

export class SignalSeriesDto {
  @ApiProperty({ type: String, example: 'runs_duration_p95_ms' }) metric!: string;
  @ApiProperty({ type: String, example: 'wpk_id="invoice-agent"' }) series!: string;
  @ApiProperty({ type: String, example: 'robust' }) detector!: string;
  @ApiProperty({ type: String, example: 'sigma', description: "the score's unit" }) unit!: string;
  @ApiProperty({ type: Number, description: "the probe's current threshold, in the score's unit" }) threshold!: number;
  @ApiProperty({ type: String, example: '60s', description: 'the step of the samples (the probe\'s, widened when the window needed it)' }) step!: string;
  @ApiProperty({ type: Boolean, enum: [true], description: 'always true: fetched again and scored from scratch with the probe\'s current spec, so scores may differ from the stored episode' })
  rescored!: true;
  @ApiProperty({ type: SeriesEpisodeDto, description: 'the stored episode' }) episode!: SeriesEpisodeDto;
  @ApiProperty({ ...TIMESTAMP, description: 'the first sample\'s time: the episode start less a margin of max(20 steps, half the episode)' }) from!: string;
  @ApiProperty({ ...TIMESTAMP, description: 'the last sample\'s time: the episode end (or now) plus the margin, at most now' }) to!: string;
  @ApiProperty({ type: [SeriesSampleDto], description: 'oldest first' }) samples!: SeriesSampleDto[];
}

export function toSignalSeriesDto(s: SignalSeries): SignalSeriesDto {
  const iso = (ms: number) => new Date(ms).toISOString();
  return {
    metric: s.metric,
    series: s.series,
    detector: s.detector,
    unit: s.unit,
    threshold: s.threshold,
    step: formatDuration(s.stepMs),
    rescored: true,
    episode: { start: s.signal.observed_at.toISOString(), peak: s.signal.peak_at?.toISOString() ?? null, end: s.signal.resolved_at?.toISOString() ?? null },
    from: iso(s.fromMs),
    to: iso(s.toMs),
    samples: s.samples.map((p) => ({ at: iso(p.ts), value: p.value, score: p.score })),
  };
}

export class AckSignalDto {
  @ApiPropertyOptional({ ...text(2000), nullable: true, example: 'looking into it', description: 'why, or what is being done' })
  @IsOptional()
  @IsString()
  @Length(1, 2000)
  note?: string;
}

export class SnoozeSignalDto {
  @ApiProperty({ ...TIMESTAMP_INPUT, description: 'no webhook deliveries until then (at most 90 days ahead), e.g. `2026-01-15T12:00:00Z`' })
  @IsTimestamp()
  until!: string;
}

export class SignalFeedbackBodyDto {
  @ApiProperty({ enum: FEEDBACK_LABELS, description: "noise raises the probe's effective threshold a step (×1.25, at most two); useful takes one back" })
  @IsIn(FEEDBACK_LABELS as unknown as string[])
  label!: 'useful' | 'noise';

  @ApiPropertyOptional({ ...text(2000), nullable: true })
  @IsOptional()
  @IsString()
  @Length(1, 2000)
  note?: string;
}

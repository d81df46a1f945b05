import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsOptional, IsString, Length, ValidateNested } from 'class-validator';
import { text, TIMESTAMP, TIMESTAMP_INPUT } from '../../../common/openapi/schemas';
import { IsTimestamp } from '../../../common/validation/decorators';
import { MAX_MATCHERS, Silence, SILENCE_STATES, silenceState } from '../domain/silence';
import { KeyRefDto } from './signal.dto';

export class SilenceMatcherInputDto {
  @ApiProperty({ ...text(200), example: 'probe', description: 'a label a signal is sent with: probe, probe_id, severity, wpk_id, alertname, a probe label or a series label' })
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiProperty({ ...text(1000, 0), example: 'invoice-agent-p95', description: 'the value, or with is_regex a regular expression (RE2, fully anchored as in Alertmanager)' })
  @IsString()
  @Length(0, 1000)
  value!: string;

  @ApiPropertyOptional({ type: Boolean, nullable: true, default: false })
  @IsOptional()
  @IsBoolean()
  is_regex?: boolean;

  @ApiPropertyOptional({ type: Boolean, nullable: true, default: true, description: 'false: the label must not match (Alertmanager’s != and !~)' })
  @IsOptional()
  @IsBoolean()
  is_equal?: boolean;
}

export class CreateSilenceDto {
  @ApiProperty({ type: [SilenceMatcherInputDto], maxItems: MAX_MATCHERS, description: 'at least one; all must match' })
  @IsArray()
  @ArrayMaxSize(MAX_MATCHERS)
  @ValidateNested({ each: true })
  @Type(() => SilenceMatcherInputDto)
  matchers!: SilenceMatcherInputDto[];

  @ApiPropertyOptional({ ...TIMESTAMP_INPUT, nullable: true, description: 'default now' })
  @IsOptional()
  @IsTimestamp()
  starts_at?: string;

  @ApiProperty({ ...TIMESTAMP_INPUT, description: 'after starts_at and after now; at most 90 days after starts_at' })
  @IsTimestamp()
  ends_at!: string;

  @ApiProperty({ ...text(2000), example: 'deploying invoice-agent 2.4' })
  @IsString()
  @Length(1, 2000)
  comment!: string;
}

export class ListSilencesQueryDto {
  @ApiPropertyOptional({ enum: SILENCE_STATES, description: 'only silences in this state' })
  @IsOptional()
  @IsIn(SILENCE_STATES as unknown as string[])
  state?: (typeof SILENCE_STATES)[number];
}

export class SilenceMatcherDto {
  @ApiProperty({ type: String }) name!: string;
  @ApiProperty({ type: String }) value!: string;
  @ApiProperty({ type: Boolean }) is_regex!: boolean;
  @ApiProperty({ type: Boolean }) is_equal!: boolean;
}

export interface SilenceMirrorDto {
  state: 'in_step' | 'pending' | 'retrying';
  silence_id: string | null;
  last_error: string | null;
  next_attempt_at: string | null;
}

export class SilenceDto {
  @ApiProperty({ type: String, format: 'uuid' }) id!: string;
  @ApiProperty({ type: [SilenceMatcherDto] }) matchers!: SilenceMatcherDto[];
  @ApiProperty(TIMESTAMP) starts_at!: string;
  @ApiProperty(TIMESTAMP) ends_at!: string;
  @ApiProperty({ type: String }) comment!: string;
  @ApiProperty({ enum: SILENCE_STATES, description: 'pending before starts_at, active until ends_at, then expired (listed 7 days)' }) state!: string;
  @ApiProperty({ type: KeyRefDto }) created_by!: KeyRefDto;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'the signal a snooze was made for; null for a silence made with POST /silences' })
  signal_id!: string | null;
  @ApiProperty({
    type: 'object',
    nullable: true,
    description: 'its copy in Alertmanager; null without ALERTMANAGER_URL',
    properties: {
      state: { type: 'string', enum: ['in_step', 'pending', 'retrying'], description: 'in_step: Alertmanager has it as it is here; pending: to be written; retrying: the last attempt failed' },
      silence_id: { type: 'string', nullable: true, description: "Alertmanager's id of the copy" },
      last_error: { type: 'string', nullable: true, description: 'why the last attempt failed' },
      next_attempt_at: { type: 'string', format: 'date-time', nullable: true, description: 'when it is tried next; null when in step' },
    },
    required: ['state', 'silence_id', 'last_error', 'next_attempt_at'],
    selfRequired: true,
  })
  alertmanager!: SilenceMirrorDto | null;
  @ApiProperty(TIMESTAMP) created_at!: string;
  @ApiProperty(TIMESTAMP) updated_at!: string;
}

export class SilenceListDto {
  @ApiProperty({ type: [SilenceDto], description: 'latest end first' }) items!: SilenceDto[];
}

export function toSilenceDto(s: Silence, now: Date, mirrored: boolean): SilenceDto {
  return {
    id: s.id,
    matchers: s.matchers.map((m) => ({ name: m.name, value: m.value, is_regex: m.is_regex, is_equal: m.is_equal })),
    starts_at: s.starts_at.toISOString(),
    ends_at: s.ends_at.toISOString(),
    comment: s.comment,
    state: silenceState(s, now),
    created_by: { key_id: s.created_by.key_id, name: s.created_by.name },
    signal_id: s.signal_id,
    alertmanager: mirrored
      ? {
          state: s.mirror_due_at === null ? 'in_step' : s.mirror_attempts > 0 ? 'retrying' : 'pending',
          silence_id: s.alertmanager_id,
          last_error: s.mirror_error,
          next_attempt_at: s.mirror_due_at?.toISOString() ?? null,
        }
      : null,
    created_at: s.created_at.toISOString(),
    updated_at: s.updated_at.toISOString(),
  };
}


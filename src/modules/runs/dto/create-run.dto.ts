import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import { AnyJsonPropertyOptional, int, text, TIMESTAMP_INPUT } from '../../../common/openapi/schemas';
import {
  Allow,
  ArrayMinSize,
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Max,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
import { IsTimestamp, RawJson } from '../../../common/validation/decorators';
import { MAX_COST_USD, MAX_MODELS, MAX_TOKENS, modelsProblem, usageProblem } from '../domain/usage';
import { ValidateBy } from 'class-validator';
import { parseTimestamp } from '../../../common/validation/timestamps';
import {
  MAX_DURATION_MS,
  MAX_ERROR_LENGTH,
  MAX_ID_LENGTH,
  MAX_NODE_LOGS,
  MAX_TAG_LENGTH,
  MAX_TAGS,
  RUN_STATUSES,
  type RunStatus,
} from '../domain/run';

const notNull = (field: string) => (o: Record<string, unknown>) => o[field] !== null;
/** Validated when the body has the key at all: absent is allowed, null is not. */
export const present = (field: string) => (o: Record<string, unknown>) => o[field] !== undefined;
export const STATUS_DESCRIPTION = 'required to create a run; optional when updating one (absent keeps the stored status)';

const tokens = { type: 'integer', minimum: 0, maximum: MAX_TOKENS, nullable: true } as const;
const modelNames = { type: 'array', maxItems: MAX_MODELS, items: { type: 'string', minLength: 1, maxLength: MAX_ID_LENGTH } } as const;

/** `usage` as the server checks it (domain/usage.ts): absent or null fields are not given. */
export const USAGE_SCHEMA = {
  type: 'object',
  nullable: true,
  additionalProperties: false,
  description: 'tokens and cost over the model calls; cost_usd is null when no model of it is priced (MODEL_PRICES_FILE)',
  properties: {
    input_tokens: tokens,
    output_tokens: tokens,
    total_tokens: { ...tokens, description: 'input + output when not given' },
    cost_usd: { type: 'number', minimum: 0, maximum: MAX_COST_USD, nullable: true, description: 'USD; priced by the server when absent or null' },
    unpriced_models: { ...modelNames, nullable: true, description: 'models with tokens but no price, when the price table prices others' },
  },
  example: { input_tokens: 1200, output_tokens: 340, total_tokens: 1540, cost_usd: 0.000384 },
} as const;

export const MODELS_SCHEMA = { ...modelNames, nullable: true, example: ['gpt-4o-mini'], description: 'the models called, distinct' } as const;

/** A `usage` object (see USAGE_SCHEMA); the message names the field inside it. */
export function IsRunUsage(): PropertyDecorator {
  return ValidateBy({
    name: 'isRunUsage',
    validator: {
      validate: (value: unknown) => usageProblem(value) === undefined,
      defaultMessage: (args) => {
        const [field, message] = usageProblem(args?.value) ?? ['', 'is invalid'];
        return `${args?.property}${field ? `.${field}` : ''} ${message}`;
      },
    },
  });
}

/** A `models` array of model names. */
export function IsModelNames(): PropertyDecorator {
  return ValidateBy({
    name: 'isModelNames',
    validator: {
      validate: (value: unknown) => modelsProblem(value) === undefined,
      defaultMessage: (args) => `${args?.property} ${modelsProblem(args?.value) ?? 'is invalid'}`,
    },
  });
}

/** A node log as the server checks it (domain/node-logs.ts): null stands for "not given"; other keys are kept. */
@ApiSchema({ description: 'One node of the run; keys other than these are stored as given.' })
export class NodeLogDto {
  @ApiProperty({ ...text(MAX_ID_LENGTH), example: 'parse', description: 'the graph node that ran' }) node!: string;
  @ApiPropertyOptional({ ...int(0, MAX_DURATION_MS), nullable: true, example: 2 }) step?: number | null;
  @ApiPropertyOptional({ ...text(32, 0), nullable: true, example: 'completed' }) status?: string | null;
  @ApiPropertyOptional({ ...TIMESTAMP_INPUT, nullable: true, example: '2026-01-15T10:00:00.120Z' }) started_at?: string | null;
  @ApiPropertyOptional({ ...TIMESTAMP_INPUT, nullable: true, example: '2026-01-15T10:00:00.480Z' }) ended_at?: string | null;
  @ApiPropertyOptional({ ...int(0, MAX_DURATION_MS), nullable: true, example: 360 }) duration_ms?: number | null;
  @ApiPropertyOptional({ ...text(MAX_ERROR_LENGTH, 0), nullable: true, example: null }) error?: string | null;
  @AnyJsonPropertyOptional() inputs?: unknown;
  @AnyJsonPropertyOptional() outputs?: unknown;
  @ApiPropertyOptional({ type: [String], maxItems: 100, items: { type: 'string', maxLength: MAX_ID_LENGTH }, nullable: true, example: ['enrich'], description: 'enclosing subgraph nodes' })
  path?: string[] | null;
  @ApiPropertyOptional({ ...text(1000, 0), nullable: true, example: 'enrich:4f2c' }) checkpoint_ns?: string | null;
  @ApiPropertyOptional({ ...text(MAX_ID_LENGTH, 0), nullable: true, example: 'thread-42' }) thread_id?: string | null;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, nullable: true }) metadata?: Record<string, unknown> | null;
  @ApiPropertyOptional({ ...USAGE_SCHEMA, description: "the node's own model calls (not those of nodes inside it)" }) usage?: Record<string, unknown> | null;
  @ApiPropertyOptional(MODELS_SCHEMA) models?: string[] | null;
}

/** Every field of CreateRunDto, as the fast check knows them (fast-validation.spec.ts holds the two equal). */
export const RUN_FIELDS: ReadonlySet<string> = new Set([
  'wpk_id', 'run_id', 'status', 'inputs', 'outputs', 'duration_ms', 'node_logs', 'error', 'tags', 'metadata',
  'usage', 'models', 'started_at', 'ended_at', 'created_at',
]);
const STATUSES: ReadonlySet<unknown> = new Set(RUN_STATUSES);

/** A string whose length class-validator's Length(min, max) accepts: UTF-16 length bounds its count from both sides. */
const lengthWithin = (v: unknown, min: number, max: number) => typeof v === 'string' && v.length >= min && v.length <= max;
const absent = (v: unknown) => v === undefined || v === null;
const timestampOrAbsent = (v: unknown) => absent(v) || parseTimestamp(v) !== undefined;

/**
 * The decorators of CreateRunDto, by hand, for the ingest hot path (see FastValidated): true only
 * when every one of them passes. A unit test holds the two to agreement on generated bodies.
 */
export function runBodyPassesFast(v: Record<string, unknown>): boolean {
  for (const key of Object.keys(v)) if (!RUN_FIELDS.has(key)) return false;
  if (!lengthWithin(v.wpk_id, 1, MAX_ID_LENGTH) || !lengthWithin(v.run_id, 1, MAX_ID_LENGTH)) return false;
  if (v.status !== undefined && !STATUSES.has(v.status)) return false;
  const d = v.duration_ms;
  if (!absent(d) && !(typeof d === 'number' && Number.isInteger(d) && d >= 0 && d <= MAX_DURATION_MS)) return false;
  if (!absent(v.node_logs) && !Array.isArray(v.node_logs)) return false;
  if (!absent(v.error) && !lengthWithin(v.error, 0, MAX_ERROR_LENGTH)) return false;
  const tags = v.tags;
  if (!absent(tags)) {
    if (!Array.isArray(tags) || tags.length > MAX_TAGS) return false;
    for (const tag of tags) if (!lengthWithin(tag, 1, MAX_TAG_LENGTH)) return false;
  }
  const m = v.metadata;
  if (!absent(m) && (typeof m !== 'object' || Array.isArray(m))) return false;
  if (!absent(v.usage) && usageProblem(v.usage) !== undefined) return false;
  if (!absent(v.models) && modelsProblem(v.models) !== undefined) return false;
  return timestampOrAbsent(v.started_at) && timestampOrAbsent(v.ended_at) && timestampOrAbsent(v.created_at);
}

export class CreateRunDto {
  static fastValidate = runBodyPassesFast;

  @ApiProperty({ ...text(MAX_ID_LENGTH), example: 'invoice-agent', description: 'workflow package id' })
  @IsString()
  @Length(1, MAX_ID_LENGTH)
  wpk_id!: string;

  @ApiProperty({ ...text(MAX_ID_LENGTH), example: 'run-2026-01-15-0001', description: 'unique within the workflow' })
  @IsString()
  @Length(1, MAX_ID_LENGTH)
  run_id!: string;

  @ApiPropertyOptional({ enum: RUN_STATUSES, example: 'completed', description: STATUS_DESCRIPTION })
  @ValidateIf(present('status'))
  @IsIn(RUN_STATUSES as unknown as string[])
  status?: RunStatus;

  @AnyJsonPropertyOptional({ example: { invoice_url: 'https://example.com/i/1.pdf' } })
  @Allow()
  @RawJson()
  inputs?: unknown;

  @AnyJsonPropertyOptional({ example: { total: 1280.5, currency: 'EUR' } })
  @Allow()
  @RawJson()
  outputs?: unknown;

  @ApiPropertyOptional({ ...int(0, MAX_DURATION_MS), nullable: true, example: 1520 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_DURATION_MS)
  duration_ms?: number | null;

  @ApiPropertyOptional({ type: [NodeLogDto], maxItems: MAX_NODE_LOGS, nullable: true, description: 'one entry per node that ran, in order' })
  @IsOptional()
  @IsArray()
  @RawJson()
  node_logs?: unknown[] | null;

  @ApiPropertyOptional({ ...text(MAX_ERROR_LENGTH, 0), nullable: true, example: null })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_ERROR_LENGTH)
  error?: string | null;

  @ApiPropertyOptional({ type: [String], items: { type: 'string', minLength: 1, maxLength: MAX_TAG_LENGTH }, maxItems: MAX_TAGS, nullable: true, example: ['prod', 'eu-west-1'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_TAGS)
  @IsString({ each: true })
  @Length(1, MAX_TAG_LENGTH, { each: true })
  tags?: string[] | null;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, example: { model: 'gpt-4o-mini' }, nullable: true })
  @IsOptional()
  @IsObject()
  @RawJson()
  metadata?: Record<string, unknown> | null;

  @ApiPropertyOptional(USAGE_SCHEMA)
  @IsOptional()
  @IsRunUsage()
  usage?: Record<string, unknown> | null;

  @ApiPropertyOptional(MODELS_SCHEMA)
  @IsOptional()
  @IsModelNames()
  models?: string[] | null;

  @ApiPropertyOptional({ ...TIMESTAMP_INPUT, nullable: true, example: '2026-01-15T10:00:00Z' })
  @IsOptional()
  @IsTimestamp()
  started_at?: string | null;

  @ApiPropertyOptional({ ...TIMESTAMP_INPUT, nullable: true, example: '2026-01-15T10:00:01.520Z' })
  @IsOptional()
  @IsTimestamp()
  ended_at?: string | null;

  @ApiPropertyOptional({ ...TIMESTAMP_INPUT, nullable: true, example: '2026-01-15T10:00:00Z', description: 'defaults to the time of the first write (also when null); never changes afterwards' })
  @ValidateIf(notNull('created_at'))
  @IsOptional()
  @IsTimestamp()
  created_at?: string;
}

export class BatchRunsDto {
  /** Items are validated one by one by the service, so one bad item does not reject the others. */
  static readonly skipDeepScan = true;

  @ApiProperty({ type: [CreateRunDto], minItems: 1, maxItems: 1000, description: 'each item is checked on its own: an invalid one becomes an error item' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(1000)
  @RawJson()
  runs!: unknown[];
}

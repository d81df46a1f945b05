import 'reflect-metadata';
import { getMetadataStorage } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { AppError } from '../../src/common/errors/app-error';
import { AppValidationPipe } from '../../src/common/validation/validation.pipe';
import { CreateApiKeyDto } from '../../src/modules/auth/dto/api-key.dto';
import { AdhocProbeDto, CreateProbeDto, UpdateProbeDto } from '../../src/modules/insight/dto/probe.dto';
import { AckSignalDto, ListSignalsQueryDto, SignalFeedbackBodyDto, SignalRunsQueryDto, SnoozeSignalDto } from '../../src/modules/insight/dto/signal.dto';
import { CreateSilenceDto, ListSilencesQueryDto } from '../../src/modules/insight/dto/silence.dto';
import { probeLabelProblems } from '../../src/modules/insight/domain/alert-labels';
import { ListWorkflowsQueryDto, WorkflowRunsQueryDto, WorkflowStatsQueryDto } from '../../src/modules/registry/dto/list-workflows.dto';
import { WorkflowMetricsQueryDto } from '../../src/modules/registry/dto/workflow-metrics.dto';
import { WorkflowInsightsQueryDto } from '../../src/modules/run-insights/dto/insights.dto';
import { NotifyRunDto } from '../../src/modules/registry/dto/notify-run.dto';
import { RegisterWorkflowDto, UpdateWorkflowDto } from '../../src/modules/registry/dto/register-workflow.dto';
import { validateNodeLogs } from '../../src/modules/runs/domain/node-logs';
import { BatchRunsDto, CreateRunDto } from '../../src/modules/runs/dto/create-run.dto';
import { ListRunsQueryDto } from '../../src/modules/runs/dto/list-runs.dto';
import { SearchRunsDto, SimilarRunsQueryDto } from '../../src/modules/similarity/dto/similar.dto';
import { OpenApiDocument, OpenApiParameter, operationsOf, SchemaValidator } from '../support/openapi-schema';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * Each request DTO against its schema in /docs-json: for every field, values at and around each
 * bound the validators or the schema state (lengths, ranges, enums, formats, patterns, nullability,
 * required-ness, wrong types) must be accepted by both or refused by both.
 */

type Json = Record<string, unknown>;
type Dto = new () => object;
type Schema = Json & { properties?: Record<string, Json>; required?: string[]; type?: string; items?: Json; enum?: unknown[] };

/** Every DTO a request is validated with, the operations that take it, and a valid value to vary. */
/** Each batch item is checked as POST /runs checks a body; one that fails is refused (an error item), not recorded. */
async function everyItemRecordable(body: Json): Promise<boolean> {
  for (const item of body.runs as unknown[]) {
    if (item === null || typeof item !== 'object' || Array.isArray(item)) return false;
    if (!(await pipeAccepts(CreateRunDto, 'body', item as Json, (b) => validateNodeLogs(b.node_logs).length === 0))) return false;
  }
  return true;
}

const BODIES: Array<{ dto: Dto; ops: string[]; base: Json; deep?: (body: Json) => boolean | Promise<boolean> }> = [
  { dto: CreateRunDto, ops: ['recordRun', 'logRun'], base: { wpk_id: 'wf', run_id: 'r', status: 'completed' }, deep: (b) => validateNodeLogs(b.node_logs).length === 0 },
  { dto: BatchRunsDto, ops: ['recordRuns'], base: { runs: [{ wpk_id: 'wf', run_id: 'r', status: 'completed' }] }, deep: everyItemRecordable },
  { dto: NotifyRunDto, ops: ['notifyWorkflowRun'], base: { run_id: 'r', status: 'completed' } },
  { dto: RegisterWorkflowDto, ops: ['registerWorkflow'], base: { id: 'wf' } },
  { dto: UpdateWorkflowDto, ops: ['updateWorkflow'], base: {} },
  { dto: CreateProbeDto, ops: ['createProbe'], base: { name: 'p', query: 'runs_count' }, deep: (b) => probeLabelProblems((b.labels as Json | undefined) ?? {}).length === 0 },
  { dto: UpdateProbeDto, ops: ['updateProbe'], base: {}, deep: (b) => probeLabelProblems((b.labels as Json | undefined) ?? {}).length === 0 },
  { dto: AckSignalDto, ops: ['acknowledgeSignal'], base: {} },
  { dto: SnoozeSignalDto, ops: ['snoozeSignal'], base: { until: '2026-01-15T10:00:00Z' } },
  { dto: SignalFeedbackBodyDto, ops: ['signalFeedback'], base: { label: 'noise' } },
  { dto: CreateSilenceDto, ops: ['createSilence'], base: { matchers: [{ name: 'probe', value: 'p' }], ends_at: '2026-01-15T10:00:00Z', comment: 'c' } },
  { dto: AdhocProbeDto, ops: ['probe'], base: { query: 'runs_count' } },
  { dto: SearchRunsDto, ops: ['searchRuns'], base: { query: 'timeout' } },
  { dto: CreateApiKeyDto, ops: ['createApiKey'], base: { name: 'k', role: 'read' } },
];
const QUERIES: Array<{ dto: Dto; ops: string[] }> = [
  { dto: ListRunsQueryDto, ops: ['listRuns'] },
  { dto: WorkflowRunsQueryDto, ops: ['listWorkflowRuns'] },
  { dto: ListWorkflowsQueryDto, ops: ['listWorkflows'] },
  { dto: WorkflowStatsQueryDto, ops: ['workflowStats'] },
  { dto: WorkflowInsightsQueryDto, ops: ['getWorkflowInsights'] },
  { dto: WorkflowMetricsQueryDto, ops: ['workflowMetrics'] },
  { dto: SimilarRunsQueryDto, ops: ['similarRuns'] },
  { dto: ListSignalsQueryDto, ops: ['listSignals'] },
  { dto: SignalRunsQueryDto, ops: ['signalRuns'] },
  { dto: ListSilencesQueryDto, ops: ['listSilences'] },
];

/**
 * Timestamps the server reads although RFC 3339 (the schema's date-time) does not allow them: it
 * is lenient with what clients send, the schema states the form to send.
 */
const LENIENT_TIMESTAMPS = new Set(['2026-01-15T10:00Z', '2026-01-15T10:00:00+0200', '2026-01-15 10:00Z']);
const TIMESTAMPS = [
  '2026-01-15T10:00:00Z', '2026-01-15T10:00:00.123456789+02:00', '2026-01-15t10:00:00z', '2026-01-15 10:00:00Z', '1970-01-01T00:00:00Z', '9999-12-31T23:59:59Z',
  '1969-12-31T23:59:59Z', '2024-02-29T00:00:00Z', '2023-02-29T00:00:00Z', '2026-01-15T24:00:00Z', '2026-01-15T23:59:60Z', '2026-01-15T10:00:00', '2026-01-15',
  '2026-01-15T10:00:00.1234567890Z', '2026-01-15T10:00:00+02', '2026-01-15T10:00:00+24:00', 'yesterday', ...LENIENT_TIMESTAMPS,
];
/** Query values the server reads beyond the schema's: booleans as 1 and 0 (the description says so). */
const LENIENT_QUERY = new Set(['include_archived=1', 'include_archived=0', 'acknowledged=1', 'acknowledged=0', 'silenced=1', 'silenced=0']);
const DURATIONS = ['1h', '90s', '1h30m', '500ms', '0s', '0h0m', '1m1h', '1.5h', 'h', ' 5m ', '1y2w3d4h5m6s7ms', '10000ms', ''];

const storage = getMetadataStorage();

function metadataOf(dto: Dto): Map<string, ValidationMetadata[]> {
  const out = new Map<string, ValidationMetadata[]>();
  for (const m of storage.getTargetValidationMetadatas(dto, '', true, false)) {
    if (!out.has(m.propertyName)) out.set(m.propertyName, []);
    out.get(m.propertyName)!.push(m);
  }
  return out;
}

const around = (n: number) => [n - 1, n, n + 1];
const str = (n: number) => 'x'.repeat(Math.max(0, n));

/** Values around every bound that either side states for one field. */
function candidates(schema: Json, metas: ValidationMetadata[]): unknown[] {
  const values: unknown[] = [undefined, null, true, false, 0, 1, -1, 2.5, 'x', '', [], {}, ['x'], { a: 1 }];
  const bound = (name: string) => metas.filter((m) => m.name === name && !m.each).map((m) => m.constraints);
  for (const [min, max] of bound('isLength')) values.push(...around(min).map(str), ...around(max).map(str));
  for (const [max] of bound('maxLength')) values.push(...around(max).map(str));
  for (const [min] of bound('min')) values.push(...around(min), min - 0.5, min + 0.5);
  for (const [max] of bound('max')) values.push(...around(max), max - 0.5, max + 0.5);
  for (const [list] of bound('isIn')) values.push(...list, `${list[0]}`.toUpperCase(), `${list[0]} `);
  for (const [n] of bound('arrayMaxSize')) values.push(...around(n).map((k) => Array.from({ length: k }, (_, i) => `t${i}`)));
  if (metas.some((m) => m.name === 'isTimestamp')) values.push(...TIMESTAMPS);
  if (metas.some((m) => m.name === 'matches')) values.push(...DURATIONS);
  if (metas.some((m) => m.name === 'isUuid')) values.push('00000000-0000-0000-0000-000000000000', '6F9619FF-8B86-D011-B42D-00C04FC964FF', 'not-a-uuid');
  for (const [min, max] of metas.filter((m) => m.name === 'isLength' && m.each).map((m) => m.constraints)) values.push([str(min - 1)], [str(min)], [str(max)], [str(max + 1)], [1]);
  // and what the schema states, so a bound only the schema has is tested too
  for (const s of [schema, (schema.items as Json | undefined) ?? {}]) {
    const wrap = (v: unknown) => (s === schema ? v : [v]);
    if (typeof s.minLength === 'number') values.push(...around(s.minLength).map(str).map(wrap));
    if (typeof s.maxLength === 'number') values.push(...around(s.maxLength).map(str).map(wrap));
    if (typeof s.minimum === 'number') values.push(...around(s.minimum).map(wrap), wrap(s.minimum - 0.5));
    if (typeof s.maximum === 'number') values.push(...around(s.maximum).map(wrap), wrap(s.maximum + 0.5));
    if (Array.isArray(s.enum)) values.push(...s.enum.map(wrap));
    if (s.format === 'date-time') values.push(...TIMESTAMPS.map(wrap));
    if (s.format === 'uuid') values.push(wrap('00000000-0000-0000-0000-000000000000'), wrap('nope'));
    if (typeof s.pattern === 'string') values.push(...DURATIONS.map(wrap));
  }
  if (typeof schema.maxItems === 'number') values.push(...around(schema.maxItems).map((k) => Array.from({ length: k }, (_, i) => (schema.items && (schema.items as Json).type === 'string' ? `t${i}` : { node: `n${i}` }))));
  if (typeof schema.minItems === 'number') values.push([]);
  return values;
}

/** A query string's value for a candidate, as a client would send it; undefined when it cannot be sent. */
function asQuery(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

async function pipeAccepts(dto: Dto, type: 'body' | 'query', value: Json, deep?: (body: Json) => boolean | Promise<boolean>): Promise<boolean> {
  try {
    const out = (await new AppValidationPipe().transform(value, { type, metatype: dto, data: '' })) as Json;
    return deep ? await deep(out) : true;
  } catch (err) {
    if (err instanceof AppError && err.code === 'VALIDATION_FAILED') return false;
    throw err;
  }
}

function label(value: unknown): string {
  const text = JSON.stringify(value) ?? 'undefined';
  return text.length > 60 ? `${text.slice(0, 30)}…(${text.length} chars)` : text;
}

describe('[sqlite] request DTOs and their OpenAPI schemas agree on boundary values', () => {
  let t: TestApp;
  let doc: OpenApiDocument;
  let schemas: SchemaValidator;
  const queryAjv = new Ajv({ strict: false, coerceTypes: true });
  addFormats(queryAjv);

  beforeAll(async () => {
    t = await startTestApp({ env: { SCHEDULER_ENABLED: 'false', LOG_LEVEL: 'fatal' } });
    doc = (await t.http().get('/docs-json')).body;
    schemas = new SchemaValidator(doc);
  });
  afterAll(() => t.close());

  const byId = () => Object.fromEntries(operationsOf(doc).map(({ op }) => [op.operationId, op]));

  it('covers every operation that takes a body or query parameters', () => {
    const covered = new Set([...BODIES, ...QUERIES].flatMap((d) => d.ops));
    const taking = operationsOf(doc)
      .filter(({ op }) => op.requestBody || (op.parameters ?? []).some((p) => p.in === 'query'))
      .map(({ op }) => op.operationId);
    // runProbe is a POST whose body is ignored: nothing to agree on; exportTraces takes OTLP, decoded by protobufjs, not a DTO
    expect(taking.filter((id) => !covered.has(id) && id !== 'exportTraces').sort()).toEqual([]);
  });

  it.each(BODIES.map((b) => [b.dto.name, b] as const))('%s', async (_name, { dto, ops, base, deep }) => {
    const mismatches: string[] = [];
    for (const opId of ops) {
      const bodySchema = byId()[opId].requestBody!.content['application/json'].schema;
      const resolved = (bodySchema.$ref ? doc.components.schemas[String(bodySchema.$ref).split('/').pop()!] : bodySchema) as Schema;
      expect(String(bodySchema.$ref)).toBe(`#/components/schemas/${dto.name}`);
      const metas = metadataOf(dto);
      const fields = new Set([...Object.keys(resolved.properties ?? {}), ...metas.keys()]);
      expect(await pipeAccepts(dto, 'body', base, deep)).toBe(true);
      expect(schemas.accepts(bodySchema, base)).toBe(true);
      for (const field of fields) {
        const propSchema = (resolved.properties ?? {})[field] ?? {};
        for (const value of candidates(propSchema, metas.get(field) ?? [])) {
          const body: Json = { ...base };
          if (value === undefined) delete body[field];
          else body[field] = value;
          const byValidator = await pipeAccepts(dto, 'body', JSON.parse(JSON.stringify(body)), deep);
          const bySchema = schemas.accepts(bodySchema, body);
          if (byValidator !== bySchema && !(byValidator && LENIENT_TIMESTAMPS.has(value as string))) {
            mismatches.push(`${opId} ${field}=${label(value)}: validator ${byValidator ? 'accepts' : 'refuses'}, schema ${bySchema ? 'accepts' : 'refuses'}`);
          }
        }
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('node logs: the server check and NodeLogDto agree', () => {
    const schema = { $ref: '#/components/schemas/NodeLogDto' };
    const resolved = doc.components.schemas.NodeLogDto as Schema;
    const mismatches: string[] = [];
    for (const [field, propSchema] of Object.entries(resolved.properties ?? {})) {
      for (const value of candidates(propSchema, [])) {
        const log: Json = { node: 'n' };
        if (value === undefined) delete log[field];
        else log[field] = value;
        const byServer = validateNodeLogs([log]).length === 0;
        const bySchema = schemas.accepts(schema, log);
        if (byServer !== bySchema && !(byServer && LENIENT_TIMESTAMPS.has(value as string))) mismatches.push(`${field}=${label(value)}: server ${byServer}, schema ${bySchema}`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it.each(QUERIES.map((q) => [q.dto.name, q] as const))('%s (query string)', async (_name, { dto, ops }) => {
    const mismatches: string[] = [];
    for (const opId of ops) {
      const params = (byId()[opId].parameters ?? []).filter((p): p is OpenApiParameter & { schema: Json } => p.in === 'query' && !!p.schema);
      const metas = metadataOf(dto);
      expect(params.map((p) => p.name).sort()).toEqual([...metas.keys()].sort());
      for (const param of params) {
        const check = queryAjv.compile({ type: 'object', properties: { v: param.schema } });
        for (const candidate of candidates(param.schema, metas.get(param.name) ?? [])) {
          const value = asQuery(candidate);
          if (value === undefined) continue;
          const byValidator = await pipeAccepts(dto, 'query', { [param.name]: value });
          // the value in an object, for coercion to write the typed value back into
          const bySchema = check({ v: value });
          if (byValidator !== bySchema && !(byValidator && (LENIENT_TIMESTAMPS.has(value) || LENIENT_QUERY.has(`${param.name}=${value}`)))) {
            mismatches.push(`${opId} ?${param.name}=${label(value)}: validator ${byValidator ? 'accepts' : 'refuses'}, schema ${bySchema ? 'accepts' : 'refuses'}`);
          }
        }
        expect({ param: param.name, required: param.required ?? false }).toEqual({ param: param.name, required: false });
      }
    }
    expect(mismatches).toEqual([]);
  });
});

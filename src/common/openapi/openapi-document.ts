import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { AppConfig } from '../../config/config';
import { statusForCode } from '../errors/app-error';
import { ANY_ROLE_EXTENSION, ERROR_CODES_EXTENSION, OWN_ANSWERS_EXTENSION } from './api-errors';
import { ANY_JSON_MARKER } from './schemas';

type Json = Record<string, unknown>;
type Operation = {
  operationId?: string;
  parameters?: Array<{ in: string }>;
  requestBody?: unknown;
  responses: Record<string, Json>;
  security?: unknown[];
  [ERROR_CODES_EXTENSION]?: Array<{ code: string; when?: string }>;
  [OWN_ANSWERS_EXTENSION]?: Record<string, unknown>;
  [ANY_ROLE_EXTENSION]?: boolean;
};

export const ERROR_RESPONSE_SCHEMA = 'ErrorResponse';

/** The one error body every route answers with (see the error filter). */
const ERROR_RESPONSE = {
  type: 'object',
  description: 'The error body of every failed request.',
  required: ['error', 'request_id'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: {
        code: { type: 'string', description: 'stable and machine-readable', example: 'VALIDATION_FAILED' },
        message: { type: 'string', example: 'invalid request: status' },
        details: { description: 'for VALIDATION_FAILED the list of `{ field, message }`; otherwise any JSON' },
      },
    },
    request_id: { type: 'string', description: 'the X-Request-Id of the request, for the logs', example: '0b6f0c8e-2f9a-4d55-9c4e-5d1a0c1e7f21' },
  },
  example: {
    error: { code: 'VALIDATION_FAILED', message: 'invalid request: status', details: [{ field: 'status', message: 'status must be one of the following values: running, completed, failed, cancelled' }] },
    request_id: '0b6f0c8e-2f9a-4d55-9c4e-5d1a0c1e7f21',
  },
};

/** What each code means, for the response descriptions. */
const CODE_MEANING: Record<string, string> = {
  VALIDATION_FAILED: 'a parameter or body field is invalid; `details` names each one',
  MALFORMED_JSON: 'the body is not valid JSON',
  PAYLOAD_TOO_LARGE: 'the body is over the size limit',
  UNSUPPORTED_MEDIA_TYPE: 'the body has an unsupported encoding or charset',
  UNAUTHENTICATED: 'no API key, or an unknown or revoked one',
  FORBIDDEN: "the key's role does not allow this route",
  RATE_LIMITED: 'too many requests; retry after `Retry-After` seconds',
  DATABASE_UNAVAILABLE: 'the database cannot be reached; retry after `Retry-After` seconds',
  SHUTTING_DOWN: 'this instance is shutting down; retry (on another instance)',
};

const RETRY_AFTER = { description: 'seconds to wait before retrying', schema: { type: 'integer', minimum: 0 } };

/**
 * The OpenAPI document served at /docs-json: Nest's document from the decorators, plus what every
 * operation shares (its error answers, the servers, the tags) and without the builder's markers.
 */
export function buildOpenApiDocument(app: INestApplication, config: AppConfig): OpenAPIObject {
  const builder = new DocumentBuilder()
    .setTitle('NeuralOps')
    .setDescription(
      'Run history, anomaly insight and a workflow registry for LangGraph pipelines. ' +
        'Authorize with an API key (X-API-Key or Authorization: Bearer). ' +
        'Every error answers `{ error: { code, message, details? }, request_id }`.',
    )
    .setVersion('0.1.0')
    .setLicense('MIT', 'https://opensource.org/licenses/MIT')
    .addServer(config.apiServerUrl)
    .addApiKey({ type: 'apiKey', in: 'header', name: 'X-API-Key' }, 'api-key')
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'the API key as a bearer token' }, 'bearer')
    .addTag('runs', 'Recording runs and reading run history')
    .addTag('similarity', 'Runs similar to a run, and free-text search over runs')
    .addTag('registry', 'Registered workflows, their runs and statistics')
    .addTag('insight', 'Probes, on-demand analysis and anomaly signals')
    .addTag('otlp', 'OpenTelemetry traces in (OTLP/HTTP): each trace becomes a run')
    .addTag('auth', 'API keys')
    .addTag('health', 'Liveness and readiness');
  const document = SwaggerModule.createDocument(app, builder.build());
  return finishDocument(document);
}

export function finishDocument(document: OpenAPIObject): OpenAPIObject {
  // what the document is written to: 3.0.3 clarifies 3.0.0 (nullable enums list null, for one)
  document.openapi = '3.0.3';
  document.components ??= {};
  document.components.schemas ??= {};
  document.components.schemas[ERROR_RESPONSE_SCHEMA] = ERROR_RESPONSE as never;
  for (const item of Object.values(document.paths)) {
    for (const method of ['get', 'put', 'post', 'delete', 'patch'] as const) {
      const op = (item as Record<string, Operation | undefined>)[method];
      if (op?.[OWN_ANSWERS_EXTENSION]) {
        const own = op[OWN_ANSWERS_EXTENSION];
        delete op[OWN_ANSWERS_EXTENSION];
        delete op[ERROR_CODES_EXTENSION];
        Object.assign(op, own);
      } else if (op) addErrorResponses(op, method);
    }
  }
  stripAnyJsonMarkers(document);
  return document;
}

function addErrorResponses(op: Operation, method: string): void {
  const declared = op[ERROR_CODES_EXTENSION] ?? [];
  delete op[ERROR_CODES_EXTENSION];
  const anyRole = op[ANY_ROLE_EXTENSION] === true;
  delete op[ANY_ROLE_EXTENSION];
  op.security ??= [];
  const keyed = op.security.length > 0;
  // the JSON parser reads the body of every POST, PUT and PATCH, whether the route takes one or not
  const hasBody = method === 'post' || method === 'put' || method === 'patch';
  const validated = hasBody || (op.parameters ?? []).some((p) => p.in === 'path' || p.in === 'query');
  const errors: Array<{ code: string; when?: string }> = [];
  if (validated) errors.push({ code: 'VALIDATION_FAILED' });
  if (hasBody) errors.push({ code: 'MALFORMED_JSON' }, { code: 'PAYLOAD_TOO_LARGE' }, { code: 'UNSUPPORTED_MEDIA_TYPE' });
  if (keyed) errors.push({ code: 'UNAUTHENTICATED' });
  if (keyed && !anyRole) errors.push({ code: 'FORBIDDEN' });
  errors.push({ code: 'RATE_LIMITED' });
  if (keyed) errors.push({ code: 'DATABASE_UNAVAILABLE' });
  errors.push({ code: 'SHUTTING_DOWN' });
  errors.push(...declared);

  const byStatus = new Map<number, Array<{ code: string; when?: string }>>();
  for (const e of errors) {
    const status = statusForCode(e.code);
    const list = byStatus.get(status) ?? [];
    if (!list.some((x) => x.code === e.code)) list.push(e);
    byStatus.set(status, list);
  }
  for (const [status, list] of [...byStatus].sort(([a], [b]) => a - b)) {
    const codes = list.map((e) => e.code);
    const schema = {
      allOf: [{ $ref: `#/components/schemas/${ERROR_RESPONSE_SCHEMA}` }, { type: 'object', properties: { error: { type: 'object', properties: { code: { type: 'string', enum: codes } } } } }],
    };
    const description = list.map((e) => `\`${e.code}\`: ${e.when ?? CODE_MEANING[e.code] ?? e.code}`).join('; ');
    const existing = op.responses[String(status)] as { content?: Record<string, { schema?: Json }>; description?: string } | undefined;
    const ownSchema = existing?.content?.['application/json']?.schema;
    const response: Json = {
      description: ownSchema ? `${existing?.description ? `${existing.description}; or ` : ''}${description}` : description,
      content: { 'application/json': { schema: ownSchema ? { anyOf: [ownSchema, schema] } : schema } },
    };
    if (status === 429 || status === 503 || codes.includes('EMBEDDING_PENDING')) response.headers = { 'Retry-After': RETRY_AFTER };
    op.responses[String(status)] = response;
  }
  op.responses = Object.fromEntries(Object.entries(op.responses).sort(([a], [b]) => a.localeCompare(b)));
}

/** Any-JSON properties carry no type (nor nullable, which needs one). */
function stripAnyJsonMarkers(node: unknown): void {
  if (Array.isArray(node)) {
    for (const item of node) stripAnyJsonMarkers(item);
    return;
  }
  if (node === null || typeof node !== 'object') return;
  const schema = node as Json;
  if (schema[ANY_JSON_MARKER]) {
    delete schema[ANY_JSON_MARKER];
    delete schema.type;
    delete schema.nullable;
    delete schema.additionalProperties;
  }
  for (const value of Object.values(schema)) stripAnyJsonMarkers(value);
}

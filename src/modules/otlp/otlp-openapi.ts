/**
 * POST /v1/traces in the OpenAPI document: OTLP's own request and answers (OTLP/HTTP 1.x), not the
 * shared error body. The protobuf messages are those of proto/; the JSON schemas give their
 * OTLP/JSON form as far as this endpoint reads it (unknown fields are ignored, as OTLP requires).
 */
const KEY_VALUES = { type: 'array', items: { type: 'object', properties: { key: { type: 'string' }, value: { type: 'object', additionalProperties: true } } } };

const REQUEST_JSON = {
  type: 'object',
  description: 'ExportTraceServiceRequest in OTLP/JSON: ids in hex, times in nanoseconds since the epoch',
  properties: {
    resourceSpans: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          resource: { type: 'object', properties: { attributes: KEY_VALUES } },
          scopeSpans: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                scope: { type: 'object', additionalProperties: true },
                spans: {
                  type: 'array',
                  items: {
                    type: 'object',
                    properties: {
                      traceId: { type: 'string', pattern: '^[0-9a-fA-F]{32}$' },
                      spanId: { type: 'string', pattern: '^[0-9a-fA-F]{16}$' },
                      parentSpanId: { type: 'string', pattern: '^([0-9a-fA-F]{16})?$' },
                      name: { type: 'string' },
                      kind: { type: 'integer', minimum: 0, maximum: 5 },
                      startTimeUnixNano: { type: 'string', pattern: '^[0-9]{1,20}$' },
                      endTimeUnixNano: { type: 'string', pattern: '^[0-9]{1,20}$' },
                      attributes: KEY_VALUES,
                      events: { type: 'array', items: { type: 'object', properties: { name: { type: 'string' }, attributes: KEY_VALUES } } },
                      status: { type: 'object', properties: { code: { type: 'integer', minimum: 0, maximum: 2 }, message: { type: 'string' } } },
                    },
                  },
                },
              },
            },
          },
        },
      },
    },
  },
  example: {
    resourceSpans: [{
      resource: { attributes: [{ key: 'service.name', value: { stringValue: 'invoice-agent' } }] },
      scopeSpans: [{ spans: [{
        traceId: '5b8efff798038103d269b633813fc60c', spanId: 'eee19b7ec3c1b174', name: 'invoke_agent invoice-agent', kind: 1,
        startTimeUnixNano: '1768471200000000000', endTimeUnixNano: '1768471201520000000',
        attributes: [{ key: 'gen_ai.operation.name', value: { stringValue: 'invoke_agent' } }, { key: 'gen_ai.agent.name', value: { stringValue: 'invoice-agent' } }],
        status: { code: 1 },
      }] }],
    }],
  },
};

const RESPONSE_JSON = {
  type: 'object',
  description: 'ExportTraceServiceResponse: empty when every span was taken',
  properties: {
    partialSuccess: {
      type: 'object',
      properties: {
        rejectedSpans: { type: 'integer', minimum: 0, description: 'spans not stored' },
        errorMessage: { type: 'string', description: 'why: limits, unusable spans, a workflow not registered (REGISTRY_AUTO_REGISTER off); attributes dropped over a limit are named here too' },
      },
    },
  },
};

const STATUS_JSON = {
  type: 'object',
  description: 'google.rpc.Status (OTLP/HTTP failure body), in the request\'s encoding; `message` starts with the NeuralOps error code',
  required: ['code', 'message'],
  properties: {
    code: { type: 'integer', description: 'google.rpc.Code, e.g. 3 INVALID_ARGUMENT, 16 UNAUTHENTICATED, 14 UNAVAILABLE' },
    message: { type: 'string', example: 'DATABASE_UNAVAILABLE: the database is unavailable; retry shortly' },
    details: { type: 'array', items: { type: 'object', additionalProperties: true } },
  },
};

const PROTOBUF = { schema: { type: 'string', format: 'binary' } };
const failure = (description: string, retry = false) => ({
  description,
  content: { 'application/x-protobuf': PROTOBUF, 'application/json': { schema: STATUS_JSON } },
  ...(retry ? { headers: { 'Retry-After': { description: 'seconds to wait before retrying', schema: { type: 'integer', minimum: 0 } } } } : {}),
});

export const OTLP_OPERATION_DOC = {
  description:
    'Point any OpenTelemetry SDK here: OTEL_EXPORTER_OTLP_TRACES_ENDPOINT=<server>/v1/traces (or OTEL_EXPORTER_OTLP_ENDPOINT=<server>), ' +
    'OTEL_EXPORTER_OTLP_HEADERS=x-api-key=<ingest key>. Bodies may be gzip-compressed (Content-Encoding: gzip); the size limit ' +
    '(MAX_BATCH_BODY_BYTES) applies to the decompressed body too. At most 10,000 spans per request, 128 attributes per span, ' +
    'attribute values up to MAX_BODY_BYTES: over them partial_success says what was cut.',
  requestBody: {
    required: true,
    content: { 'application/x-protobuf': { schema: { type: 'string', format: 'binary', description: 'ExportTraceServiceRequest' } }, 'application/json': { schema: REQUEST_JSON } },
  },
  responses: {
    '200': { description: 'taken: every span, or with partialSuccess the ones not rejected', content: { 'application/x-protobuf': PROTOBUF, 'application/json': { schema: RESPONSE_JSON } } },
    '400': failure('the body does not decode as an ExportTraceServiceRequest'),
    '401': failure('no API key, or an unknown or revoked one'),
    '403': failure('the key has the read role only'),
    '413': failure('the body, or the decompressed body, is over MAX_BATCH_BODY_BYTES'),
    '415': failure('neither application/x-protobuf nor application/json, or an unsupported Content-Encoding'),
    '429': failure('too many exports at once or too many requests; retry after Retry-After', true),
    '503': failure('the database is unavailable, or the server is starting or shutting down; retry after Retry-After', true),
  },
};

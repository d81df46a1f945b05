import fc from 'fast-check';

/** A small JSON-schema → fast-check bridge for the shapes the OpenAPI document uses. */
export type Schema = {
  $ref?: string;
  type?: string;
  enum?: unknown[];
  nullable?: boolean;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  additionalProperties?: boolean | Schema;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  allOf?: Schema[];
  oneOf?: Schema[];
  format?: string;
};

export interface OpenApiDoc {
  paths: Record<string, Record<string, { parameters?: Array<{ name: string; in: string; required?: boolean; schema?: Schema }>; requestBody?: { content?: Record<string, { schema?: Schema }> } }>>;
  components?: { schemas?: Record<string, Schema> };
}

export const NASTY_STRINGS = [
  '',
  ' ',
  "' OR 1=1 --",
  "'; DROP TABLE workflow_runs; --",
  '" OR ""="',
  'sum(rate(x[5m])) by (__name__)',
  '{__name__=~".+"}',
  'up or vector(1)',
  '__proto__',
  'constructor',
  'prototype',
  '\u0000',
  'a\u0000b',
  '\ud800',
  '\udfff',
  '😀'.repeat(50),
  'ℌ𝔢𝔩𝔩𝔬 \u202e evil',
  '%00%0d%0a',
  '../../etc/passwd',
  '2026-13-45T99:99:99Z',
  '0000-00-00T00:00:00Z',
  'AAAA',
  '-1',
  '1e309',
  'NaN',
  'null',
  'x'.repeat(5000),
];

const nasty = fc.constantFrom(...NASTY_STRINGS);

export function deref(doc: OpenApiDoc, schema: Schema | undefined): Schema {
  let s = schema ?? {};
  for (let i = 0; s.$ref && i < 10; i++) s = doc.components?.schemas?.[s.$ref.split('/').pop()!] ?? {};
  if (s.allOf) return s.allOf.map((x) => deref(doc, x)).reduce((a, b) => ({ ...a, ...b, properties: { ...a.properties, ...b.properties } }), {});
  return s;
}

/** Any JSON value, including deep nesting and odd keys. */
export const anyJson: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.string(),
    nasty,
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(fc.string(), nasty), tie('value'), { maxKeys: 4 }),
  ),
})).value;

/** Values that fit a schema most of the time, and wrong or hostile ones some of the time. */
export function arbitraryFor(doc: OpenApiDoc, schema: Schema | undefined, depth = 0): fc.Arbitrary<unknown> {
  const s = deref(doc, schema);
  const wrong = fc.oneof(nasty, fc.integer(), fc.boolean(), fc.constant(null), fc.constant([]), fc.constant({}), anyJson);
  let good: fc.Arbitrary<unknown>;
  if (s.enum) good = fc.constantFrom(...s.enum);
  else if (s.type === 'string') {
    if (s.format === 'uuid') good = fc.uuid();
    else if (s.format === 'date-time') good = fc.date({ min: new Date('1970-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }).map((d) => d.toISOString());
    else good = fc.oneof(fc.string({ minLength: s.minLength ?? 0, maxLength: Math.min(s.maxLength ?? 40, 40) }), fc.string({ unit: 'binary', maxLength: 20 }));
  } else if (s.type === 'integer') good = fc.integer({ min: s.minimum ?? -10, max: Math.min(s.maximum ?? 1_000_000, 2_147_483_647) });
  else if (s.type === 'number') good = fc.double({ noNaN: true, noDefaultInfinity: true, min: s.minimum, max: s.maximum });
  else if (s.type === 'boolean') good = fc.boolean();
  else if (s.type === 'array') good = depth > 3 ? fc.constant([]) : fc.array(arbitraryFor(doc, s.items, depth + 1), { maxLength: 3 });
  else if (s.type === 'object' && s.properties && depth <= 3) {
    const props: Record<string, fc.Arbitrary<unknown>> = {};
    for (const [k, v] of Object.entries(s.properties)) props[k] = arbitraryFor(doc, v, depth + 1);
    good = fc.record(props, { requiredKeys: (s.required ?? []).filter((k) => k in props) });
  } else good = anyJson;
  return fc.oneof({ weight: 6, arbitrary: good }, { weight: 1, arbitrary: wrong });
}

/** Adds hostile keys and deep nesting to a generated body now and then. */
export function mutateBody(body: unknown): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 6, arbitrary: fc.constant(body) },
    { weight: 1, arbitrary: fc.constantFrom('__proto__', 'constructor', 'unknown_field', 'prototype').map((k) => (typeof body === 'object' && body && !Array.isArray(body) ? JSON.parse(JSON.stringify({ ...body }).replace(/^\{/, `{"${k}":{"polluted":true},`).replace(/,\}$/, '}')) : body)) },
    { weight: 1, arbitrary: fc.integer({ min: 50, max: 200 }).map((n) => ({ ...(typeof body === 'object' && body ? body : {}), inputs: JSON.parse('['.repeat(n) + ']'.repeat(n)) })) },
    { weight: 1, arbitrary: fc.constant(body === null ? {} : Array.isArray(body) ? body : [body]) },
  );
}

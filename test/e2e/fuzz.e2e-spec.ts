import fc from 'fast-check';
import { anyJson, arbitraryFor, deref, mutateBody, NASTY_STRINGS, OpenApiDoc } from '../support/openapi-arbitraries';
import { OpenApiDocument, SchemaValidator } from '../support/openapi-schema';
import { recordFault } from '../support/reliability-report';
import { currentDriver, describeDb, startTestApp, TestApp } from '../support/test-app';

/**
 * Property-based fuzzing of every route in the OpenAPI document: every answer must be one the
 * document gives for its status, and fit that answer's schema. FUZZ_RUNS (default 5,000 per
 * driver, so 10,000 in CI over both) and FUZZ_SEED make longer or different runs on demand.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 5000);
const SEED = Number(process.env.FUZZ_SEED ?? 20261129);
const METHODS = ['get', 'post', 'patch', 'put', 'delete'] as const;

describeDb('fuzzing every route from the OpenAPI document', () => {
  let t: TestApp;
  let doc: OpenApiDoc;
  let schemas: SchemaValidator;
  beforeAll(async () => {
    t = await startTestApp({ env: { SCHEDULER_ENABLED: 'false', LOG_LEVEL: 'fatal' } });
    doc = (await t.http().get('/docs-json')).body;
    schemas = new SchemaValidator(doc as unknown as OpenApiDocument);
  });

  /** The documented answer for this status, and the body checked against its schema. */
  function conformance(op: OpenApiDoc['paths'][string][string], status: number, body: unknown, text: string): string | undefined {
    const documented = (op as unknown as OpenApiDocument['paths'][string][string]).responses[String(status)];
    if (!documented) return `status ${status} is not documented`;
    const schema = documented.content?.['application/json']?.schema;
    if (!schema) return text === '' ? undefined : `status ${status} documents no body, got ${text.slice(0, 100)}`;
    const error = schemas.check(schema, body);
    return error ? `the ${status} answer does not fit its schema: ${error}; body ${text.slice(0, 300)}` : undefined;
  }
  afterAll(() => t.close());

  it(`answers ${RUNS} random, boundary and hostile requests with a documented 2xx or 4xx that fits its schema, never a 5xx`, async () => {
    const operations: Array<{ method: (typeof METHODS)[number]; path: string; op: OpenApiDoc['paths'][string][string] }> = [];
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const method of METHODS) if (item[method]) operations.push({ method, path, op: item[method] });
    }
    expect(operations.length).toBeGreaterThanOrEqual(8);
    const counts = { total: 0, ok: 0, client: 0, conforming: 0 };
    const pathParam = fc.oneof(fc.uuid(), fc.constantFrom('00000000-0000-0000-0000-000000000000', 'wf-fuzz', 'not-a-uuid', '%00', '..', 'x'.repeat(300)), fc.string({ minLength: 1, maxLength: 20 }));
    const request = fc.integer({ min: 0, max: operations.length - 1 }).chain((i) => {
      const { method, path, op } = operations[i];
      const params = op.parameters ?? [];
      const query: Record<string, fc.Arbitrary<unknown>> = {};
      for (const p of params.filter((p) => p.in === 'query')) query[p.name] = fc.oneof(arbitraryFor(doc, p.schema), fc.constantFrom(...NASTY_STRINGS.slice(0, 12)));
      const bodySchema = op.requestBody?.content?.['application/json']?.schema;
      return fc.record({
        i: fc.constant(i),
        path: fc.array(pathParam, { minLength: 5, maxLength: 5 }).map((vals) => {
          let k = 0;
          return path.replace(/\{[^}]+\}/g, () => encodeURIComponent(vals[k++]));
        }),
        query: fc.record(query, { requiredKeys: [] }),
        body: bodySchema ? arbitraryFor(doc, deref(doc, bodySchema)).chain(mutateBody) : fc.option(anyJson),
        raw: fc.oneof({ weight: 12, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.constantFrom(Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]), Buffer.from('{"a":'), Buffer.from('\u0000'), Buffer.from('[]')) }),
      }).map((r) => ({ ...r, method, template: path }));
    });

    await fc.assert(
      fc.asyncProperty(request, async (r) => {
        let req = t.http()[r.method](r.path).set(t.admin.header);
        const query: Record<string, string> = {};
        for (const [k, v] of Object.entries(r.query)) if (v !== undefined) query[k] = typeof v === 'string' ? v : JSON.stringify(v);
        req = req.query(query);
        const res = r.raw ? await req.set('Content-Type', 'application/json').send(r.raw) : r.method === 'get' || r.body === undefined ? await req : await req.set('Content-Type', 'application/json').send(JSON.stringify(r.body ?? null));
        counts.total++;
        if (res.status >= 500) throw new Error(`${r.method.toUpperCase()} ${r.path} -> ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
        if (res.status >= 400) {
          counts.client++;
          // an operation answering in its own protocol's format (OTLP) documents it, and conformance checks it below
          const shared = JSON.stringify((operations[r.i].op as { responses?: Record<string, unknown> }).responses?.[String(res.status)] ?? {}).includes('ErrorResponse');
          if (shared && (typeof res.body?.error?.code !== 'string' || typeof res.body?.request_id !== 'string')) {
            throw new Error(`${r.method.toUpperCase()} ${r.path} -> ${res.status} without the error body: ${res.text.slice(0, 200)}`);
          }
        } else counts.ok++;
        const misfit = conformance(operations[r.i].op, res.status, res.body, res.text);
        if (misfit) throw new Error(`${r.method.toUpperCase()} ${r.path}: ${misfit}`);
        counts.conforming++;
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    );
    recordFault(`fuzz-${currentDriver()}`, {
      fault: `Property-based fuzzing of every route (${currentDriver()})`,
      injected: 'random, boundary and hostile requests generated from the OpenAPI document: wrong types, huge and deeply nested JSON, invalid UTF-8, U+0000 and lone surrogates, prototype keys, SQL and PromQL injection strings, bad cursors and dates',
      load: `${RUNS} sequential requests with the admin key (FUZZ_RUNS, FUZZ_SEED=${SEED}), part of npm test`,
      figures: { operations: operations.length, requests: counts.total, '2xx': counts.ok, '4xx with the error body': counts.client, '5xx': 0, 'answers fitting the documented schema': counts.conforming, 'process alive, /health 200 afterwards': 'yes' },
      outcome: 'pass',
    });
    expect(counts.ok).toBeGreaterThan(RUNS / 20);
    expect((await t.http().get('/health')).status).toBe(200);
  }, 240_000); // thousands of sequential requests: minutes on a loaded machine, not a hang

  it('stores every accepted string byte for byte', async () => {
    const text = fc.string({ unit: 'binary', minLength: 1, maxLength: 60 }).filter((s) => !/\u0000|[\ud800-\udfff]/.test(s) || /^(?:[^\ud800-\udfff\u0000]|[\ud800-\udbff][\udc00-\udfff])*$/.test(s));
    let n = 0;
    await fc.assert(
      fc.asyncProperty(text, text, fc.dictionary(text, text, { maxKeys: 4 }), fc.array(text, { maxLength: 3 }), async (wpk, err, inputs, tags) => {
        const body = { wpk_id: wpk.slice(0, 200), run_id: `fuzz-${n++}`, status: 'failed', error: err, inputs, tags: tags.map((s) => s.slice(0, 100)), metadata: { note: err } };
        const res = await t.http().post('/runs').set(t.admin.header).send(body);
        if (res.status !== 201) throw new Error(`${res.status} ${JSON.stringify(res.body)}`);
        const got = await t.http().get(`/runs/${res.body.id}`).set(t.admin.header);
        expect({ wpk_id: got.body.wpk_id, run_id: got.body.run_id, error: got.body.error, inputs: got.body.inputs, tags: got.body.tags, metadata: got.body.metadata }).toEqual({
          wpk_id: body.wpk_id, run_id: body.run_id, error: body.error, inputs: body.inputs, tags: body.tags, metadata: body.metadata,
        });
      }),
      { numRuns: 300, seed: SEED },
    );
  });
});

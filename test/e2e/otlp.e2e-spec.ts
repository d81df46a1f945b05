import * as fs from 'node:fs';
import { createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import { Metadata } from '@grpc/grpc-js';
import { OTLPTraceExporter as GrpcExporter } from '@opentelemetry/exporter-trace-otlp-grpc';
import { OTLPTraceExporter as JsonExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as ProtoExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { DataSource } from 'typeorm';
import { OtlpCodec } from '../../src/modules/otlp/otlp-codec';
import { OtlpSpansRepository } from '../../src/modules/otlp/otlp-spans.repository';
import { RunsService } from '../../src/modules/runs/runs.service';
import { MAX_CONCURRENT_EXPORTS, OtlpService } from '../../src/modules/otlp/otlp.service';
import { freePort } from '../support/free-port';
import { bigAgentRun, exportWith, genAiAgentRun, memoryTracer, shuffled, TEST_PRICES } from '../support/otel';
import { describeDb, startTestApp, TestApp } from '../support/test-app';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describeDb('OTLP traces in (POST /v1/traces and OTLP/gRPC), from real exporters', () => {
  let t: TestApp;
  let baseUrl: string;
  let grpcPort: number;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'neuralops-otlp-'));
  const pricesFile = path.join(dir, 'prices.json');
  fs.writeFileSync(pricesFile, JSON.stringify(TEST_PRICES));
  const codec = new OtlpCodec();
  const exporters: Array<{ shutdown(): Promise<void> }> = [];

  beforeAll(async () => {
    grpcPort = await freePort();
    t = await startTestApp({ env: { SCHEDULER_ENABLED: 'false', EMBEDDINGS_ENABLED: 'false', MODEL_PRICES_FILE: pricesFile, OTLP_GRPC_PORT: String(grpcPort), MAX_BATCH_BODY_BYTES: String(4 * 1024 * 1024) } });
    await t.app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    for (const e of exporters) await e.shutdown();
    await t.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const track = <E extends { shutdown(): Promise<void> }>(e: E) => (exporters.push(e), e);
  const http = () => track(new ProtoExporter({ url: `${baseUrl}/v1/traces`, headers: { 'x-api-key': t.admin.key } }));

  async function storedRun(wpkId: string, runId: string): Promise<Json> {
    const page = await t.http().get('/runs').query({ wpk_id: wpkId, run_id: runId }).set(t.admin.header);
    expect(page.body.items).toHaveLength(1);
    return (await t.http().get(`/runs/${page.body.items[0].id}`).set(t.admin.header)).body;
  }

  function expectAgentRun(run: Json, traceId: string, failed: boolean): void {
    expect(run).toMatchObject({
      wpk_id: 'invoice-agent',
      run_id: traceId,
      status: failed ? 'failed' : 'completed',
      error: failed ? 'TypeError: ledger refused the entry' : null,
      duration_ms: 1000,
      started_at: '2026-01-15T10:00:00.000Z',
      ended_at: '2026-01-15T10:00:01.000Z',
      inputs: [{ role: 'user', parts: [{ type: 'text', content: 'total of invoice 42?' }] }],
      outputs: [{ role: 'assistant', parts: [{ type: 'text', content: '1280.50 EUR' }] }],
      models: ['gpt-4o', 'gpt-4o-mini-2024-07-18', 'llama-3-70b'],
      usage: { input_tokens: 2050, output_tokens: 405, total_tokens: 2455, cost_usd: 0.00336, unpriced_models: ['llama-3-70b'] },
      metadata: { otlp_trace_id: traceId, otlp_spans: 7 },
    });
    expect(run.node_logs.map((n: Json) => [n.node, n.status, n.error, n.duration_ms, n.path])).toEqual([
      ['fetch', 'completed', null, 240, undefined],
      ['reviewer', 'completed', null, 450, undefined],
      ['publish', failed ? 'failed' : 'completed', failed ? 'TypeError: ledger refused the entry' : null, 180, undefined],
    ]);
    const [fetch, reviewer, publish] = run.node_logs;
    expect(fetch).toMatchObject({ inputs: { url: 'https://example.com/i/42.pdf' }, outputs: { pages: 2 }, models: ['gpt-4o-mini-2024-07-18'], usage: { input_tokens: 1200, output_tokens: 300, total_tokens: 1500, cost_usd: 0.00036 } });
    expect(reviewer).toMatchObject({ models: ['gpt-4o', 'llama-3-70b'], usage: { input_tokens: 850, output_tokens: 105, total_tokens: 955, cost_usd: 0.003, unpriced_models: ['llama-3-70b'] } });
    expect(publish.usage).toBeUndefined();
  }

  it('OTLP/HTTP protobuf (exporter-trace-otlp-proto): one run per trace, node logs, tokens and cost', async () => {
    const m = memoryTracer();
    const { traceId } = genAiAgentRun(m.tracer);
    expect(await exportWith(http(), m.spans())).toEqual({ ok: true, error: undefined });
    expectAgentRun(await storedRun('invoice-agent', traceId), traceId, false);
  });

  it('OTLP/HTTP JSON, gzip-compressed (exporter-trace-otlp-http), and a failed run', async () => {
    const m = memoryTracer();
    const { traceId } = genAiAgentRun(m.tracer, { fail: true });
    const exporter = track(new JsonExporter({ url: `${baseUrl}/v1/traces`, headers: { Authorization: `Bearer ${t.admin.key}` }, compression: 'gzip' as never }));
    expect(await exportWith(exporter, m.spans())).toEqual({ ok: true, error: undefined });
    expectAgentRun(await storedRun('invoice-agent', traceId), traceId, true);
  });

  it('OTLP/gRPC (exporter-trace-otlp-grpc) on OTLP_GRPC_PORT, key in the metadata; a wrong key is refused', async () => {
    const m = memoryTracer();
    const { traceId } = genAiAgentRun(m.tracer, { runId: 'grpc-run-1' });
    const metadata = new Metadata();
    metadata.set('x-api-key', t.admin.key);
    const exporter = track(new GrpcExporter({ url: `http://127.0.0.1:${grpcPort}`, metadata, compression: 'gzip' as never }));
    expect(await exportWith(exporter, m.spans())).toEqual({ ok: true, error: undefined });
    const run = await storedRun('invoice-agent', 'grpc-run-1');
    expect(run.metadata.otlp_trace_id).toBe(traceId);
    expect(run.usage.total_tokens).toBe(2455);

    const wrong = new Metadata();
    wrong.set('authorization', 'Bearer not-a-key-0123456789');
    const refused = await exportWith(track(new GrpcExporter({ url: `http://127.0.0.1:${grpcPort}`, metadata: wrong })), m.spans());
    expect(refused.ok).toBe(false);
    expect(String(refused.error?.message)).toMatch(/UNAUTHENTICATED/);
  });

  it('a retried export and re-sent spans change nothing; spans over several exports merge, a late root completes the run', async () => {
    const m = memoryTracer({ 'service.name': 'billing-svc' });
    const { traceId } = genAiAgentRun(m.tracer);
    const spans = m.spans();
    const root = spans.find((s) => s.name === 'invoke_agent invoice-agent')!;
    const rest = spans.filter((s) => s !== root);
    const exporter = http();
    const first = await exportWith(exporter, rest.slice(0, 3));
    expect(first).toEqual({ ok: true, error: undefined });
    // no root yet: visible as running under the service, with what was seen
    const early = await storedRun('billing-svc', traceId);
    expect(early).toMatchObject({ status: 'running', ended_at: null });
    expect((await exportWith(exporter, rest.slice(0, 3))).ok).toBe(true);
    expect((await exportWith(exporter, rest.slice(2))).ok).toBe(true);
    expect((await storedRun('billing-svc', traceId)).usage.total_tokens).toBe(2455);
    expect((await exportWith(exporter, [root])).ok).toBe(true);
    // the root names the workflow: the run moved there, complete, and nothing doubled
    expect((await t.http().get('/runs').query({ wpk_id: 'billing-svc', run_id: traceId }).set(t.admin.header)).body.items).toEqual([]);
    expectAgentRun(await storedRun('invoice-agent', traceId), traceId, false);
    expect((await exportWith(exporter, spans)).ok).toBe(true);
    expectAgentRun(await storedRun('invoice-agent', traceId), traceId, false);
    const wf = await t.http().get('/workflows/billing-svc').set(t.admin.header);
    expect(wf.body.runs_total).toBe(0);
  });

  it('a run whose root never arrives stays running; past OTLP_ROOT_WAIT_S it says otlp_root_missing', async () => {
    const m = memoryTracer({ 'service.name': 'orphans', 'neuralops.wpk_id': 'orphan-wf' });
    const { traceId } = genAiAgentRun(m.tracer);
    const spans = m.spans().filter((s) => !s.name.startsWith('invoke_agent invoice-agent'));
    expect((await exportWith(http(), spans)).ok).toBe(true);
    const otlp = t.app.get(OtlpService);
    await otlp.sweep(new Date(Date.now() + 30_000));
    expect((await storedRun('orphan-wf', traceId)).metadata.otlp_root_missing).toBeUndefined();
    await otlp.sweep(new Date(Date.now() + 61_000));
    const run = await storedRun('orphan-wf', traceId);
    expect(run).toMatchObject({ status: 'running', metadata: { otlp_trace_id: traceId, otlp_spans: 6, otlp_root_missing: true } });
    expect(run.node_logs.map((n: Json) => n.node)).toEqual(['fetch', 'reviewer', 'publish']);
  });

  it('a 5,000-span trace split over 10 exports in shuffled order gives one run; a repeated export doubles nothing', async () => {
    const m = memoryTracer();
    const { traceId, steps, calls } = bigAgentRun(m.tracer, 5000);
    const spans = shuffled(m.spans(), 20261202);
    expect(spans).toHaveLength(5000);
    const exporter = http();
    for (let i = 0; i < 10; i++) expect((await exportWith(exporter, spans.slice(i * 500, i * 500 + 500))).ok).toBe(true);
    expect((await exportWith(exporter, spans.slice(1500, 2000))).ok).toBe(true);
    const page = await t.http().get('/runs').query({ wpk_id: 'bulk-agent' }).set(t.admin.header);
    expect(page.body.items.map((r: Json) => r.run_id)).toEqual([traceId]);
    const run = await storedRun('bulk-agent', traceId);
    expect(run).toMatchObject({ status: 'completed', duration_ms: 5000, models: ['gpt-4o-mini'], metadata: { otlp_spans: 5000 } });
    expect(run.usage).toEqual({ input_tokens: 10 * calls, output_tokens: 2 * calls, total_tokens: 12 * calls, cost_usd: Math.round(calls * (10 * 0.15 + 2 * 0.6) * 1e4) / 1e10 });
    expect(run.node_logs).toHaveLength(steps);
    expect(run.node_logs.slice(0, 3).map((n: Json) => n.node)).toEqual(['step-0', 'step-1', 'step-2']);
    expect((await t.http().get('/workflows/bulk-agent').set(t.admin.header)).body.runs_total).toBe(1);
  }, 60_000);

  async function post(body: Buffer | string, headers: Record<string, string>) {
    const res = await fetch(`${baseUrl}/v1/traces`, { method: 'POST', body: typeof body === 'string' ? body : new Uint8Array(body), headers: { 'x-api-key': t.admin.key, ...headers } });
    return { status: res.status, type: res.headers.get('content-type'), retryAfter: res.headers.get('retry-after'), body: Buffer.from(await res.arrayBuffer()) };
  }
  const span = (i: number, extra: Json = {}) => ({ traceId: 'aa'.repeat(16), spanId: (i + 1).toString(16).padStart(16, '0'), name: `s${i}`, startTimeUnixNano: '1768471200000000000', endTimeUnixNano: '1768471200100000000', ...extra });
  const request = (spans: Json[]) => JSON.stringify({ resourceSpans: [{ resource: { attributes: [] }, scopeSpans: [{ spans }] }] });

  it('answers per OTLP: 400 undecodable, 401, 403, 413 (a gzip bomb too), 415, in the request encoding', async () => {
    const bad = await post(Buffer.from([0x0a, 0xff, 0xff, 0xff, 0xff, 0x0f]), { 'content-type': 'application/x-protobuf' });
    expect(bad.status).toBe(400);
    expect(bad.type).toMatch(/application\/x-protobuf/);
    expect(codec.decodeStatus(bad.body)).toMatchObject({ code: 3, message: expect.stringMatching(/^MALFORMED_OTLP: the body is not an ExportTraceServiceRequest in protobuf/) });
    const badJson = await post('{"resourceSpans":', { 'content-type': 'application/json' });
    expect(badJson.status).toBe(400);
    expect(JSON.parse(badJson.body.toString())).toMatchObject({ code: 3, message: expect.stringMatching(/^MALFORMED_OTLP/) });

    const anonymous = await fetch(`${baseUrl}/v1/traces`, { method: 'POST', body: request([]), headers: { 'content-type': 'application/json' } });
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toMatchObject({ code: 16, message: expect.stringMatching(/^UNAUTHENTICATED/) });
    const reader = (await t.http().post('/api-keys').set(t.admin.header).send({ name: 'reader', role: 'read' })).body.key;
    const forbidden = await fetch(`${baseUrl}/v1/traces`, { method: 'POST', body: request([]), headers: { 'content-type': 'application/json', 'x-api-key': reader } });
    expect(forbidden.status).toBe(403);
    expect(((await forbidden.json()) as Json).code).toBe(7);

    const bomb = gzipSync(Buffer.alloc(8 * 1024 * 1024));
    expect(bomb.length).toBeLessThan(64 * 1024);
    const exploded = await post(bomb, { 'content-type': 'application/x-protobuf', 'content-encoding': 'gzip' });
    expect(exploded.status).toBe(413);
    expect(codec.decodeStatus(exploded.body).message).toMatch(/^PAYLOAD_TOO_LARGE/);
    const plain = await post('hello', { 'content-type': 'text/plain' });
    expect(plain.status).toBe(415);
    expect((await post(request([]), { 'content-type': 'application/json', 'content-encoding': 'zstd-x' })).status).toBe(415);

    const empty = await post(request([]), { 'content-type': 'application/json' });
    expect({ status: empty.status, body: JSON.parse(empty.body.toString()) }).toEqual({ status: 200, body: {} });
  });

  it('under back-pressure (MAX_CONCURRENT_EXPORTS exports in flight) an export is answered 429 with Retry-After, then taken', async () => {
    const otlp = t.app.get(OtlpService);
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const held = Array.from({ length: MAX_CONCURRENT_EXPORTS }, () => otlp.admitted(() => gate));
    const busy = await post(request([]), { 'content-type': 'application/x-protobuf' });
    expect({ status: busy.status, retryAfter: busy.retryAfter }).toEqual({ status: 429, retryAfter: '1' });
    expect(codec.decodeStatus(busy.body)).toMatchObject({ code: 8, message: expect.stringMatching(/^OTLP_BUSY/) });
    release();
    await Promise.all(held);
    expect((await post(request([]), { 'content-type': 'application/json' })).status).toBe(200);
  });

  it('limits: over 10,000 spans, 128 attributes or the value size, partial_success says what was cut and nothing else is lost', async () => {
    const many = Array.from({ length: 10_001 }, (_, i) => span(i));
    const tooMany = await post(request(many), { 'content-type': 'application/json' });
    expect(tooMany.status).toBe(200);
    expect(JSON.parse(tooMany.body.toString())).toEqual({ partialSuccess: { rejectedSpans: 1, errorMessage: '1 spans over the limit of 10000 per request were rejected' } });

    const attrs = Array.from({ length: 140 }, (_, i) => ({ key: `x.k${i}`, value: { intValue: i } }));
    const big = 'y'.repeat(t.config.maxBodyBytes + 1);
    const s = span(1, {
      traceId: 'bb'.repeat(16),
      attributes: [...attrs, { key: 'gen_ai.operation.name', value: { stringValue: 'invoke_agent' } }, { key: 'gen_ai.agent.name', value: { stringValue: 'limits-agent' } }, { key: 'input.value', value: { stringValue: big } }],
    });
    const bad = span(2, { traceId: 'bb'.repeat(16), spanId: '00' });
    const cut = await post(request([s, bad]), { 'content-type': 'application/json' });
    const answer = JSON.parse(cut.body.toString());
    expect(answer.partialSuccess.rejectedSpans).toBe(1);
    expect(answer.partialSuccess.errorMessage).toContain('1 spans without a valid 16-byte trace id and 8-byte span id were rejected');
    expect(answer.partialSuccess.errorMessage).toContain(`attribute input.value dropped, its value is over ${t.config.maxBodyBytes} bytes`);
    expect(answer.partialSuccess.errorMessage).toContain('14 attributes over the limit of 128 per span were dropped');
    expect(await storedRun('limits-agent', 'bb'.repeat(16))).toMatchObject({ status: 'completed', inputs: null });
  });
});

describeDb('OTLP with REGISTRY_AUTO_REGISTER=false', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { SCHEDULER_ENABLED: 'false', EMBEDDINGS_ENABLED: 'false', REGISTRY_AUTO_REGISTER: 'false' } });
    await t.app.listen(0, '127.0.0.1');
  });
  afterAll(() => t.close());

  it('spans of an unregistered workflow are rejected through partial_success naming it; a registered one records', async () => {
    const baseUrl = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    const m = memoryTracer({ 'service.name': 'some-svc' });
    const { traceId } = genAiAgentRun(m.tracer, { agent: 'unregistered-agent' });
    const spans = m.spans();
    const root = spans.find((s) => s.name.startsWith('invoke_agent unregistered-agent'))!;
    const post = async (body: string) => {
      const res = await fetch(`${baseUrl}/v1/traces`, { method: 'POST', body, headers: { 'content-type': 'application/json', 'x-api-key': t.admin.key } });
      return { status: res.status, body: (await res.json()) as Json };
    };
    // the real JSON exporter's encoding of the spans, through a recording endpoint of our own
    const bodies: string[] = [];
    const recorder = createServer((req, res) => {
      let raw = '';
      req.on('data', (c) => (raw += c));
      req.on('end', () => {
        bodies.push(raw);
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((r) => recorder.listen(0, '127.0.0.1', r));
    const exporter = new JsonExporter({ url: `http://127.0.0.1:${(recorder.address() as AddressInfo).port}/v1/traces` });
    await exportWith(exporter, spans.filter((s) => s !== root));
    await exportWith(exporter, [root]);
    await exporter.shutdown();
    await new Promise<void>((r) => recorder.close(() => r()));

    // without its root the spans wait (the workflow their service names is not registered either)
    expect(await post(bodies[0])).toEqual({ status: 200, body: {} });
    const answer = await post(bodies[1]);
    expect(answer.status).toBe(200);
    expect(answer.body.partialSuccess.rejectedSpans).toBe(1);
    expect(answer.body.partialSuccess.errorMessage).toBe(`workflow "unregistered-agent" is not registered and REGISTRY_AUTO_REGISTER is off: the 1 spans of trace ${traceId} were rejected`);
    expect((await t.http().get('/runs').query({ run_id: traceId }).set(t.admin.header)).body.items).toEqual([]);

    await t.http().post('/workflows').set(t.admin.header).send({ id: 'unregistered-agent' }).expect(201);
    expect(await post(bodies[0])).toEqual({ status: 200, body: {} });
    expect(await post(bodies[1])).toEqual({ status: 200, body: {} });
    const page = await t.http().get('/runs').query({ wpk_id: 'unregistered-agent', run_id: traceId }).set(t.admin.header);
    expect(page.body.items).toHaveLength(1);
    expect(page.body.items[0]).toMatchObject({ status: 'completed', usage: { total_tokens: 2455 } });
  });
});

describeDb('OTLP spans and run retention', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { SCHEDULER_ENABLED: 'false', EMBEDDINGS_ENABLED: 'false', RUN_RETENTION_DAYS: '1' } });
    await t.app.listen(0, '127.0.0.1');
  });
  afterAll(() => t.close());

  it('the spans kept for a run go when retention deletes the run', async () => {
    const baseUrl = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    const m = memoryTracer();
    const { traceId } = genAiAgentRun(m.tracer, { agent: 'retained-agent' });
    const exporter = new ProtoExporter({ url: `${baseUrl}/v1/traces`, headers: { 'x-api-key': t.admin.key } });
    expect((await exportWith(exporter, m.spans())).ok).toBe(true);
    const spans = t.app.get(OtlpSpansRepository);
    const manager = t.app.get(DataSource).manager;
    expect(await spans.findFacts(traceId, manager)).toHaveLength(7);
    expect(await t.app.get(RunsService).purgeExpired(new Date(Date.now() + 2 * 86_400_000))).toBe(1);
    expect(await spans.findFacts(traceId, manager)).toEqual([]);
    // the trace arriving again makes a new run of it, from what arrives
    expect((await exportWith(exporter, m.spans())).ok).toBe(true);
    expect((await t.http().get('/runs').query({ run_id: traceId }).set(t.admin.header)).body.items).toHaveLength(1);
    await exporter.shutdown();
  });
});

import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CLIENT_ROUTES } from '@neuralops/client';
import { OpenApiDocument, operationsOf, SchemaValidator } from '../support/openapi-schema';
import { startTestApp, TestApp } from '../support/test-app';

const ROOT = path.resolve(__dirname, '..', '..');
const REDOCLY = path.join(ROOT, 'node_modules', '@redocly', 'cli', 'bin', 'cli.js');
const MODULE_TAGS = ['runs', 'similarity', 'registry', 'insight', 'otlp', 'auth', 'health'];
/** Operations the typed client leaves to others, and who calls them. */
const NOT_IN_CLIENT: Record<string, string> = { 'POST /v1/traces': 'exportTraces' /* OpenTelemetry SDKs' OTLP exporters */ };
/** Operations answering in another protocol's own format instead of the shared error body. */
const OWN_ANSWERS = new Set(['POST /v1/traces']);

function node(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      cwd: ROOT,
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_COLOR: '1' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('[sqlite] the OpenAPI document at /docs-json', () => {
  let t: TestApp;
  let doc: OpenApiDocument;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'neuralops-openapi-'));
  beforeAll(async () => {
    t = await startTestApp({ env: { SCHEDULER_ENABLED: 'false', LOG_LEVEL: 'fatal' } });
    doc = (await t.http().get('/docs-json')).body;
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('is valid OpenAPI 3.0.3 to @apidevtools/swagger-parser', async () => {
    expect(doc.openapi).toBe('3.0.3');
    const file = path.join(tmp, 'parser.json');
    fs.writeFileSync(file, JSON.stringify(doc));
    // an ES module, so it runs in its own process rather than under Jest's CommonJS loader
    const script = "import SwaggerParser from '@apidevtools/swagger-parser'; const api = await SwaggerParser.validate(process.argv[1]); console.log(api.openapi);";
    const { code, stdout, stderr } = await node(['--input-type=module', '-e', script, file]);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(stdout.trim()).toBe('3.0.3');
  }, 30_000);

  it('passes `redocly lint` with the recommended rules: 0 errors, 0 warnings', async () => {
    const file = path.join(tmp, 'openapi.json');
    fs.writeFileSync(file, JSON.stringify(doc));
    const { code, stdout, stderr } = await node([REDOCLY, 'lint', file, '--config', path.join(ROOT, 'redocly.yaml'), '--format=json']);
    const report = JSON.parse(stdout) as { totals: { errors: number; warnings: number }; problems: Array<{ ruleId: string; message: string; location: Array<{ pointer: string }> }> };
    const problems = report.problems.map((p) => `${p.ruleId}: ${p.message} at ${p.location.map((l) => l.pointer).join(', ')}`);
    expect({ code, problems }).toEqual({ code: 0, problems: [] });
    expect(report.totals).toMatchObject({ errors: 0, warnings: 0 });
    expect(stderr).not.toMatch(/error/i);
  }, 60_000);

  it('keeps the schema-validity rules and operation-4xx-response on in redocly.yaml', () => {
    const config = fs.readFileSync(path.join(ROOT, 'redocly.yaml'), 'utf8');
    expect(config).toMatch(/^extends:\s*\n\s*- recommended/m);
    expect(config).not.toMatch(/^\s*(no-invalid-[\w-]+|operation-4xx-response)\s*:/m);
  });

  it('names its operations as the typed client does, tags them by module, and lists the server', () => {
    const ops = operationsOf(doc);
    const byRoute = Object.fromEntries(ops.map(({ method, path: p, op }) => [`${method.toUpperCase()} ${p}`, op.operationId]));
    const fromClient = { ...Object.fromEntries(Object.entries(CLIENT_ROUTES).map(([name, route]) => [route, name])), ...NOT_IN_CLIENT };
    expect(byRoute).toEqual(fromClient);
    for (const { op } of ops) {
      expect(op.operationId).toMatch(/^[a-z][A-Za-z]+$/);
      expect(op.tags).toHaveLength(1);
      expect(MODULE_TAGS).toContain(op.tags![0]);
    }
    expect((doc.tags as Array<{ name: string }>).map((tag) => tag.name).sort()).toEqual([...MODULE_TAGS].sort());
    expect(doc.servers).toEqual([{ url: '/' }]);
  });

  it('answers every error with the shared error body, naming the codes, and 401/403 on every keyed route', () => {
    // any valid key may ask about itself: a 403 there could never happen
    const anyRole = new Set(['GET /auth/me']);
    for (const { method, path: p, op } of operationsOf(doc)) {
      const route = `${method.toUpperCase()} ${p}`;
      const statuses = Object.keys(op.responses);
      const keyed = (op.security ?? []).length > 0;
      expect({ route, keyed }).toEqual({ route, keyed: p !== '/health' });
      if (OWN_ANSWERS.has(route)) {
        // OTLP: google.rpc.Status in protobuf or JSON, Retry-After where exporters retry
        expect(statuses).toEqual(['200', '400', '401', '403', '413', '415', '429', '503']);
        for (const status of statuses.filter((s) => s !== '200')) {
          const content = (op.responses[status] as { content?: Record<string, { schema?: { properties?: Record<string, unknown> } }> }).content ?? {};
          expect({ route, status, types: Object.keys(content) }).toEqual({ route, status, types: ['application/x-protobuf', 'application/json'] });
          expect(Object.keys(content['application/json'].schema?.properties ?? {})).toEqual(['code', 'message', 'details']);
        }
        for (const status of ['429', '503']) expect(op.responses[status].headers).toHaveProperty('Retry-After');
        continue;
      }
      if (anyRole.has(route)) expect({ route, has403: statuses.includes('403') }).toEqual({ route, has403: false });
      for (const needed of [...(keyed ? ['401'] : []), ...(keyed && !anyRole.has(route) ? ['403'] : []), '429', '503']) expect({ route, has: statuses.includes(needed) ? needed : undefined }).toEqual({ route, has: needed });
      if (op.parameters?.some((x) => x.in !== 'header') || op.requestBody) expect({ route, has400: statuses.includes('400') }).toEqual({ route, has400: true });
      for (const status of statuses.filter((s) => Number(s) >= 400)) {
        const response = op.responses[status];
        const text = JSON.stringify(response.content?.['application/json']?.schema);
        expect({ route, status, shared: text.includes('#/components/schemas/ErrorResponse') }).toEqual({ route, status, shared: true });
        expect({ route, status, codes: /"enum":\["[A-Z_]+/.test(text) }).toEqual({ route, status, codes: true });
        if (status === '429' || status === '503') expect(response.headers).toHaveProperty('Retry-After');
      }
    }
  });

  it('has no example or default a filter would be sent with, and valid body examples', () => {
    const validator = new SchemaValidator(doc);
    for (const { method, path: p, op } of operationsOf(doc)) {
      for (const param of op.parameters ?? []) {
        const where = `${method.toUpperCase()} ${p} ${param.in} ${param.name}`;
        expect({ where, type: param.schema?.type ?? param.schema?.$ref }).toEqual({ where, type: expect.any(String) });
        expect({ where, example: param.example ?? param.examples ?? param.schema?.example }).toEqual({ where, example: undefined });
        // a default is allowed only where it is the server's own default: the answer is the same with or without it
        if (param.schema?.default !== undefined) expect({ where, name: param.name }).toEqual({ where, name: expect.stringMatching(/^(limit|k|window|include_archived)$/) });
      }
      const body = op.requestBody?.content['application/json'];
      for (const [name, example] of Object.entries(body?.examples ?? {})) {
        expect({ where: `${method} ${p} example ${name}`, error: validator.check(body!.schema, example.value) }).toEqual({ where: `${method} ${p} example ${name}`, error: undefined });
      }
    }
  });

  it('types the fields that used to come out as objects', () => {
    const s = doc.components.schemas as Record<string, { properties: Record<string, Record<string, unknown>>; required?: string[] }>;
    for (const [schema, field] of [
      ['RunDto', 'duration_ms'], ['RunDto', 'error'], ['RunDto', 'started_at'], ['RunDto', 'ended_at'], ['NotifyRunDto', 'error'], ['NotifyRunDto', 'ended_at'],
      ['WorkflowDto', 'description'], ['WorkflowDto', 'version'], ['WorkflowDto', 'owner'], ['CreateProbeDto', 'wpk_id'], ['CreateProbeDto', 'cron'],
    ]) {
      expect({ schema, field, type: s[schema].properties[field].type }).toEqual({ schema, field, type: expect.stringMatching(/^(string|integer)$/) });
    }
    for (const field of ['inputs', 'outputs']) {
      for (const schema of ['CreateRunDto', 'RunDto']) expect({ schema, field, type: s[schema].properties[field].type }).toEqual({ schema, field, type: undefined });
    }
    expect(s.RunDto.properties.created_at).toMatchObject({ type: 'string', format: 'date-time' });
    expect(s.CreateRunDto.properties.started_at).toMatchObject({ type: 'string', format: 'date-time', nullable: true });
    expect(s.SeriesResultDto.properties.latest).toMatchObject({ type: 'object', nullable: true });
  });

  it('names PUBLIC_URL as its server when it is set', async () => {
    const other = await startTestApp({ env: { SCHEDULER_ENABLED: 'false', LOG_LEVEL: 'fatal', PUBLIC_URL: 'https://neuralops.example.com/' } });
    try {
      expect((await other.http().get('/docs-json')).body.servers).toEqual([{ url: 'https://neuralops.example.com' }]);
    } finally {
      await other.close();
    }
  });
});

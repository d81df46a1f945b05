import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { clientTypesFrom, GENERATED_TYPES } from '../../scripts/client-types';
import { apiClient, callEveryOperation } from '../contract/every-operation';
import { OpenApiDocument, operationsOf, SchemaValidator } from '../support/openapi-schema';
import { currentDriver, describeDb, startTestApp, TestApp } from '../support/test-app';

const ROOT = path.resolve(__dirname, '..', '..');

function tsc(project: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', project], { cwd: ROOT });
    let output = '';
    child.stdout.on('data', (c) => (output += c));
    child.stderr.on('data', (c) => (output += c));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

/**
 * The API contract as a generated client sees it: types generated from /docs-json by
 * openapi-typescript (the very types @neuralops/client is built on), and every operation called
 * through openapi-fetch with them against the running server, each answer held to its schema.
 */
describeDb('the OpenAPI contract through a generated client (openapi-typescript + openapi-fetch)', () => {
  let t: TestApp;
  let baseUrl: string;
  let doc: OpenApiDocument;

  beforeAll(async () => {
    t = await startTestApp({ env: { SCHEDULER_ENABLED: 'false', LOG_LEVEL: 'fatal', EMBEDDING_WORKER_INTERVAL_MS: '100' } });
    await t.app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    doc = (await t.http().get('/docs-json')).body;
  });
  afterAll(() => t.close());

  it("the client's generated types are what openapi-typescript makes of /docs-json (npm run client:generate)", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'neuralops-contract-'));
    let fresh: string;
    try {
      fs.writeFileSync(path.join(dir, 'openapi.json'), JSON.stringify(doc));
      fresh = clientTypesFrom(path.join(dir, 'openapi.json'));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    // compared line by line, so a failure shows where the DTOs moved
    expect(fs.readFileSync(GENERATED_TYPES, 'utf8').split('\n')).toEqual(fresh.split('\n'));
  });

  (currentDriver() === 'sqlite' ? it : it.skip)('calls every operation in code that tsc type-checks against those types', async () => {
    const { code, output } = await tsc(path.join(ROOT, 'test', 'contract', 'tsconfig.json'));
    expect({ code, output }).toEqual({ code: 0, output: '' });
  }, 120_000);

  it('every operation answers through openapi-fetch, each answer fitting its documented schema', async () => {
    const schemas = new SchemaValidator(doc);
    const operationIds = new Map(operationsOf(doc).map(({ method, path: p, op }) => [`${method.toUpperCase()} ${p}`, op.operationId]));
    const called = new Set<string>();
    const misfits: string[] = [];
    const api = apiClient(baseUrl, t.admin.key);
    api.use({
      async onResponse({ request, response, schemaPath }) {
        const route = `${request.method} ${schemaPath}`;
        const operationId = operationIds.get(route);
        if (!operationId) {
          misfits.push(`${route}: not in the document`);
          return;
        }
        called.add(operationId);
        const documented = operationsOf(doc).find(({ op }) => op.operationId === operationId)!.op.responses[String(response.status)];
        const schema = documented?.content?.['application/json']?.schema;
        const text = await response.clone().text();
        if (!documented) misfits.push(`${operationId}: status ${response.status} is not documented`);
        else if (schema) {
          const error = schemas.check(schema, JSON.parse(text));
          if (error) misfits.push(`${operationId} ${response.status}: ${error}`);
        } else if (text !== '') misfits.push(`${operationId} ${response.status}: a body where none is documented`);
      },
    });
    await callEveryOperation(api);
    expect(misfits).toEqual([]);
    expect([...operationIds.values()].filter((id) => !called.has(id)).sort()).toEqual([]);
  }, 60_000);
});

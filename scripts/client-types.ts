/**
 * The client's wire types, generated from the OpenAPI document with openapi-typescript:
 * `npm run client:generate` writes packages/client/src/generated/openapi.ts from the current
 * server; a test fails when the committed file differs from what the server documents.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createApp } from '../src/bootstrap';
import { buildOpenApiDocument } from '../src/common/openapi/openapi-document';
import { loadConfig } from '../src/config/config';

export const CLIENT_DIR = path.resolve(__dirname, '..', 'packages', 'client');
export const GENERATED_TYPES = path.join(CLIENT_DIR, 'src', 'generated', 'openapi.ts');

const HEADER = [
  '/**',
  ' * The NeuralOps API as TypeScript types, generated from its OpenAPI document (/docs-json) by',
  ' * openapi-typescript. Do not edit: `npm run client:generate` writes it again.',
  ' */',
  '',
].join('\n');

type OpenApiTs = {
  default: (schema: object, options?: object) => Promise<unknown>;
  astToString: (ast: unknown) => string;
};

/** openapi-typescript lives with the client (it wants TypeScript 5, the server builds with 6). */
function openapiTypescript(): OpenApiTs {
  return require(require.resolve('openapi-typescript', { paths: [CLIENT_DIR] })) as OpenApiTs;
}

export async function clientTypesFrom(document: object): Promise<string> {
  const { default: openapiTS, astToString } = openapiTypescript();
  const ast = await openapiTS(JSON.parse(JSON.stringify(document)), { alphabetize: true, defaultNonNullable: false });
  return HEADER + astToString(ast);
}

async function main(): Promise<void> {
  // the document of a server on a throwaway embedded database, configured as by default
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'neuralops-openapi-'));
  try {
    // the defaults alone, whatever this shell's environment holds (PUBLIC_URL would change the servers)
    const config = loadConfig({ DATA_DIR: dataDir, SCHEDULER_ENABLED: 'false', LOG_LEVEL: 'fatal' });
    const app = await createApp(config);
    const document = buildOpenApiDocument(app, config);
    await app.close();
    fs.mkdirSync(path.dirname(GENERATED_TYPES), { recursive: true });
    fs.writeFileSync(GENERATED_TYPES, await clientTypesFrom(document));
    process.stdout.write(`wrote ${path.relative(process.cwd(), GENERATED_TYPES)}\n`);
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  main().catch((err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  });
}

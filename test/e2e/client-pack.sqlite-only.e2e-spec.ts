import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { startTestApp, TestApp } from '../support/test-app';

const ROOT = path.resolve(__dirname, '..', '..');
const CLIENT = path.join(ROOT, 'packages', 'client');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
// the generated OpenAPI types are most of it and grow with the API (signal actions, silences and
// insights took it past 60 KB); the budget catches anything else slipping into the tarball
const MAX_PACKED_BYTES = 80 * 1024;

/** Async so the in-process server can answer meanwhile; rejects with the output when the command fails. */
function run(cmd: string, args: string[], cwd: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, env: { ...process.env, npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' } });
    let output = '';
    child.stdout.on('data', (c) => (output += c));
    child.stderr.on('data', (c) => (output += c));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(output) : reject(new Error(`${cmd} ${args.join(' ')} exited ${code}:\n${output.slice(-4000)}`))));
  });
}

/** The files tsc read, relative to the app, as `--listFiles` prints them. */
const clientDeclarationsRead = (listing: string) =>
  listing
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.includes('/@neuralops/client/') && line.endsWith('/index.d.ts'))
    .map((line) => line.slice(line.indexOf('@neuralops/client/')))
    .sort();

/**
 * @neuralops/client as users get it: `npm pack` of the workspace (prepack builds it), the tarball
 * installed offline into an empty project, where it must be the only package; then used from
 * CommonJS, ES modules and TypeScript 5 under each module resolution, against a running server.
 */
describe('[sqlite] npm pack: @neuralops/client installed into an empty project', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'neuralops-client-pack-'));
  const app = path.join(tmp, 'app');
  let tarball: string;
  let t: TestApp;
  let baseUrl: string;

  beforeAll(async () => {
    t = await startTestApp({ env: { SCHEDULER_ENABLED: 'false', EMBEDDINGS_ENABLED: 'false', LOG_LEVEL: 'fatal' } });
    await t.app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it(`packs to at most ${MAX_PACKED_BYTES / 1024} KB: both builds with their declarations, nothing else`, async () => {
    const [packed] = JSON.parse(await run(npm, ['pack', '--json', '--pack-destination', tmp, '--silent'], CLIENT)) as Array<{ filename: string; size: number; files: Array<{ path: string }> }>;
    tarball = path.join(tmp, packed.filename);
    expect(packed.filename).toMatch(/^neuralops-client-\d+\.\d+\.\d+\.tgz$/);
    expect(fs.statSync(tarball).size).toBe(packed.size);
    expect(packed.size).toBeLessThanOrEqual(MAX_PACKED_BYTES);
    const files = packed.files.map((f) => f.path);
    expect(files).toEqual(expect.arrayContaining(['package.json', 'README.md', 'dist/cjs/index.js', 'dist/cjs/index.d.ts', 'dist/cjs/package.json', 'dist/esm/index.js', 'dist/esm/index.d.ts', 'dist/esm/package.json']));
    expect(files.filter((f) => !/^(package\.json|README\.md|dist\/(cjs|esm)\/.+\.(js|d\.ts|json))$/.test(f) || f.includes('.spec.'))).toEqual([]);
  }, 120_000);

  it('installs offline into an empty project as exactly one package, without @langchain/core', async () => {
    fs.mkdirSync(app);
    fs.writeFileSync(path.join(app, 'package.json'), JSON.stringify({ name: 'app', version: '1.0.0', private: true }));
    await run(npm, ['install', '--offline', '--ignore-scripts', tarball], app);
    const installed = (await run(npm, ['ls', '--all', '--parseable', '--offline'], app)).trim().split('\n').slice(1);
    expect(installed.map((p) => path.relative(app, p))).toEqual([path.join('node_modules', '@neuralops', 'client')]);
    expect(JSON.parse(fs.readFileSync(path.join(app, 'package.json'), 'utf8')).dependencies).toEqual({ '@neuralops/client': expect.stringMatching(/neuralops-client-.+\.tgz$/) });
  }, 120_000);

  it('works from CommonJS and from an ES module, each getting its own build', async () => {
    const cjs = await run(
      process.execPath,
      ['-e', "const c = require('@neuralops/client'); const h = new c.NeuralOpsCallbackHandler({ baseUrl: process.argv[1] }); new c.NeuralOpsClient({ baseUrl: process.argv[1] }).health().then((r) => console.log(JSON.stringify([require.resolve('@neuralops/client'), h.name, r.status])));", baseUrl],
      app,
    );
    expect(JSON.parse(cjs)).toEqual([path.join(fs.realpathSync(app), 'node_modules/@neuralops/client/dist/cjs/index.js'), 'neuralops_callback_handler', 'ok']);
    const esm = await run(
      process.execPath,
      ['--input-type=module', '-e', "import { NeuralOpsClient, NeuralOpsError } from '@neuralops/client'; const e = await new NeuralOpsClient({ baseUrl: process.argv[1] }).listRuns().catch((e) => e); console.log(JSON.stringify([import.meta.resolve('@neuralops/client'), e instanceof NeuralOpsError, e.status, e.code]));", baseUrl],
      app,
    );
    expect(JSON.parse(esm)).toEqual([`file://${fs.realpathSync(app)}/node_modules/@neuralops/client/dist/esm/index.js`, true, 401, 'UNAUTHENTICATED']);
  }, 60_000);

  it('type-checks with TypeScript 5 under node16, nodenext, bundler and node10 (module commonjs)', async () => {
    // the test project pins TypeScript 5 (the workspace's own copy, so the install stays offline) and Node's types
    const pkg = JSON.parse(fs.readFileSync(path.join(app, 'package.json'), 'utf8'));
    pkg.devDependencies = { typescript: `file:${path.join(CLIENT, 'node_modules', 'typescript')}`, '@types/node': `file:${path.join(ROOT, 'node_modules', '@types', 'node')}` };
    fs.writeFileSync(path.join(app, 'package.json'), JSON.stringify(pkg, null, 2));
    await run(npm, ['install', '--offline', '--ignore-scripts'], app);
    const tsVersion = JSON.parse(fs.readFileSync(path.join(app, 'node_modules', 'typescript', 'package.json'), 'utf8')).version;
    expect(tsVersion).toMatch(/^5\./);

    const use = (importLine: string) =>
      [
        importLine,
        "const client = new NeuralOpsClient({ baseUrl: 'http://127.0.0.1:8080', apiKey: 'k' });",
        "const handler = new NeuralOpsCallbackHandler({ baseUrl: 'http://127.0.0.1:8080', wpkId: 'w' });",
        "export const get = (): Promise<Run> => client.getRun('id');",
        'export const flushed: Promise<FlushResult> = handler.flush();',
        'export const total = (r: FlushResult): number => r.delivered + r.failed + r.dropped + r.pending;',
        "export const status: Run['status'] = 'completed';",
        "// @ts-expect-error status is a closed set",
        "export const bad = client.recordRun({ wpk_id: 'w', run_id: 'r', status: 'done' });",
        "export const isError = (e: unknown): e is NeuralOpsError => e instanceof NeuralOpsError;",
      ].join('\n');
    const esmImport = "import { NeuralOpsClient, NeuralOpsCallbackHandler, NeuralOpsError, type FlushResult, type Run } from '@neuralops/client';";
    const cjsImport = "import NeuralOps = require('@neuralops/client');\nconst { NeuralOpsClient, NeuralOpsCallbackHandler, NeuralOpsError } = NeuralOps;\ntype Run = NeuralOps.Run;\ntype FlushResult = NeuralOps.FlushResult;\ntype NeuralOpsError = NeuralOps.NeuralOpsError;";
    fs.writeFileSync(path.join(app, 'use-esm.mts'), use(esmImport));
    fs.writeFileSync(path.join(app, 'use-cjs.cts'), use(cjsImport));
    fs.writeFileSync(path.join(app, 'use.ts'), use(esmImport));
    const tsc = path.join(app, 'node_modules', 'typescript', 'bin', 'tsc');
    const check = async (options: Record<string, unknown>, files: string[]) => {
      const config = `tsconfig.${String(options.moduleResolution)}.json`;
      fs.writeFileSync(path.join(app, config), JSON.stringify({ compilerOptions: { strict: true, noEmit: true, skipLibCheck: false, target: 'ES2022', ...options }, files }));
      return clientDeclarationsRead(await run(process.execPath, [tsc, '-p', config, '--listFiles'], app));
    };
    const node = { lib: ['ES2022'], types: ['node'] };
    // four compilers at once: each mostly waits on its own reads
    const [node16, nodenext, bundler, node10] = await Promise.all([
      // node16 and nodenext: an ES module gets the ESM declarations, a CommonJS module the CJS ones
      check({ module: 'node16', moduleResolution: 'node16', ...node }, ['use-esm.mts', 'use-cjs.cts']),
      check({ module: 'nodenext', moduleResolution: 'nodenext', ...node }, ['use-esm.mts', 'use-cjs.cts']),
      // a bundler for the browser: the DOM's fetch, no Node types
      check({ module: 'esnext', moduleResolution: 'bundler', lib: ['ES2022', 'DOM'], types: [] }, ['use.ts']),
      // TypeScript's old resolution, which knows no `exports`: main and types
      check({ module: 'commonjs', moduleResolution: 'node10', esModuleInterop: true, ...node }, ['use.ts']),
    ]);
    expect(node16).toEqual(['@neuralops/client/dist/cjs/index.d.ts', '@neuralops/client/dist/esm/index.d.ts']);
    expect(nodenext).toEqual(['@neuralops/client/dist/cjs/index.d.ts', '@neuralops/client/dist/esm/index.d.ts']);
    expect(bundler).toEqual(['@neuralops/client/dist/esm/index.d.ts']);
    expect(node10).toEqual(['@neuralops/client/dist/cjs/index.d.ts']);
  }, 180_000);
});

import { execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** Async so Jest stays responsive; rejects with the output when the command fails. */
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

/**
 * The package as users get it: `npm pack` in a copy of the repository without dist/ (prepack
 * builds), the tarball installed into a fresh app, and `neuralops/client` required, imported and
 * type-checked there — without @langchain/core installed. Inside the repository copy the package
 * resolves its own name too.
 */
describe('[sqlite] npm pack: neuralops/client from an app that installs the tarball', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'neuralops-pack-'));
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('builds on pack, installs, and resolves to compiled CommonJS with types', async () => {
    const repo = path.join(tmp, 'repo');
    fs.mkdirSync(repo);
    for (const entry of ['src', 'migrations', 'scripts', 'examples', 'package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json', 'README.md']) {
      fs.cpSync(path.join(ROOT, entry), path.join(repo, entry), { recursive: true });
    }
    fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(repo, 'node_modules'), 'dir');
    await run(npm, ['pack', '--pack-destination', tmp, '--silent'], repo);
    const tarball = fs.readdirSync(tmp).find((f) => f.endsWith('.tgz'))!;
    expect(tarball).toMatch(/^neuralops-\d+\.\d+\.\d+\.tgz$/);
    const files = execFileSync('tar', ['tzf', path.join(tmp, tarball)], { encoding: 'utf8' }).split('\n');
    expect(files).toEqual(expect.arrayContaining(['package/dist/src/client/index.js', 'package/dist/src/client/index.d.ts', 'package/dist/src/main.js', 'package/package.json']));
    expect(files.filter((f) => f.includes('.spec.'))).toEqual([]);

    // inside the repository: the package resolves its own name through `exports`
    expect(execFileSync(process.execPath, ['-p', "require.resolve('neuralops/client')"], { cwd: repo, encoding: 'utf8' }).trim()).toBe(
      fs.realpathSync(path.join(repo, 'dist/src/client/index.js')),
    );

    const app = path.join(tmp, 'app');
    fs.mkdirSync(app);
    fs.writeFileSync(path.join(app, 'package.json'), JSON.stringify({ name: 'app', version: '1.0.0', private: true }));
    await run(npm, ['install', path.join(tmp, tarball), '--ignore-scripts', '--prefer-offline', '--no-audit', '--no-fund'], app);
    expect(fs.existsSync(path.join(app, 'node_modules', '@langchain', 'core'))).toBe(false);

    const cjs = execFileSync(
      process.execPath,
      ['-e', "const c = require('neuralops/client'); const h = new c.NeuralOpsCallbackHandler({ baseUrl: 'http://127.0.0.1:9' }); console.log(JSON.stringify([require.resolve('neuralops/client'), typeof c.NeuralOpsClient, h.name, require('neuralops').NeuralOpsClient === c.NeuralOpsClient]))"],
      { cwd: app, encoding: 'utf8' },
    );
    const [resolved, type, name, sameRoot] = JSON.parse(cjs);
    expect(resolved).toBe(path.join(fs.realpathSync(app), 'node_modules/neuralops/dist/src/client/index.js'));
    expect([type, name, sameRoot]).toEqual(['function', 'neuralops_callback_handler', true]);
    const esm = execFileSync(process.execPath, ['--input-type=module', '-e', "import { NeuralOpsClient, NeuralOpsError } from 'neuralops/client'; console.log(typeof NeuralOpsClient, typeof NeuralOpsError)"], {
      cwd: app,
      encoding: 'utf8',
    });
    expect(esm.trim()).toBe('function function');

    fs.writeFileSync(
      path.join(app, 'use.ts'),
      [
        "import { NeuralOpsClient, NeuralOpsCallbackHandler, type FlushResult, type Run } from 'neuralops/client';",
        "const client = new NeuralOpsClient({ baseUrl: 'http://127.0.0.1:8080', apiKey: 'k' });",
        "const handler = new NeuralOpsCallbackHandler({ baseUrl: 'http://127.0.0.1:8080', wpkId: 'w' });",
        "export const get = (): Promise<Run> => client.getRun('id');",
        'export const flushed: Promise<FlushResult> = handler.flush();',
        'export const total = (r: FlushResult): number => r.delivered + r.failed + r.dropped + r.pending;',
        "// @ts-expect-error status is a closed set",
        "export const bad = client.recordRun({ wpk_id: 'w', run_id: 'r', status: 'done' });",
      ].join('\n'),
    );
    fs.writeFileSync(
      path.join(app, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: { strict: true, module: 'node16', moduleResolution: 'node16', target: 'ES2022', noEmit: true, skipLibCheck: true, types: ['node'], typeRoots: [path.join(ROOT, 'node_modules/@types')] },
        files: ['use.ts'],
      }),
    );
    await run(process.execPath, [path.join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', app], app);
  }, 300_000);
});

import { execFileSync, spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { startTestApp, TestApp } from '../support/test-app';

const ROOT = path.resolve(__dirname, '..', '..');
const SNIPPET = path.join(ROOT, 'examples', 'python', 'log_run.py');
const PACKAGE = path.join(ROOT, 'clients', 'python');
const python = spawnSync('python3', ['--version'], { encoding: 'utf8' });
const available = python.status === 0;
if (!available) {
  if (process.env.CI === 'true') throw new Error('python3 is required under CI=true for the Python client tests');
  // eslint-disable-next-line no-console
  console.warn('SKIPPED: python3 not found; the Python client (clients/python) and its example are untested');
}

/** Async, so the in-process server can answer while the script runs. */
function python3(args: string[], env: Record<string, string>, cwd = ROOT): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    // no bytecode caches: tests leave the working tree as they found it
    const child = spawn('python3', args, { cwd, env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    const timer = setTimeout(() => child.kill('SIGKILL'), 90_000);
    child.on('error', reject);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
  });
}

(available ? describe : describe.skip)('[sqlite] the Python client (clients/python, standard library only) and its example', () => {
  let t: TestApp;
  let baseUrl: string;
  beforeAll(async () => {
    t = await startTestApp({ env: { SCHEDULER_ENABLED: 'false', LOG_LEVEL: 'fatal' } });
    await t.app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
  });
  afterAll(() => t.close());

  it('posts a run that arrives with its node logs; a second post with the same run id merges', async () => {
    const run = (id: string) => python3([SNIPPET, id], { NEURALOPS_URL: baseUrl, NEURALOPS_API_KEY: t.admin.key });
    const first = await run('py-run-1');
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    const answer = JSON.parse(first.stdout);
    expect(answer).toMatchObject({ run_id: 'py-run-1', status: 'completed' });
    expect((await run('py-run-1')).status).toBe(0);

    const list = await t.http().get('/runs').query({ wpk_id: 'python-agent' }).set(t.admin.header);
    expect(list.body.items).toHaveLength(1);
    const stored = await t.http().get(`/runs/${answer.id}`).set(t.admin.header);
    expect(stored.body).toMatchObject({ wpk_id: 'python-agent', inputs: { invoice_url: 'https://example.com/1.pdf' }, outputs: { total: 1280.5 } });
    expect(stored.body.node_logs.map((l: { node: string }) => l.node)).toEqual(['fetch', 'parse']);
  });

  it('passes its unittest suite against this server (PYTHONPATH=clients/python python3 -m unittest)', async () => {
    const res = await python3(['-m', 'unittest', 'discover', '-v', '-s', path.join(PACKAGE, 'tests')], {
      PYTHONPATH: PACKAGE,
      NEURALOPS_URL: baseUrl,
      NEURALOPS_API_KEY: t.admin.key,
    });
    expect({ status: res.status, tail: res.stderr.slice(-3000) }).toEqual({ status: 0, tail: expect.stringMatching(/\nOK\n$/) });
    // every test ran: none skipped for want of a server
    expect(res.stderr).not.toMatch(/skipped/);
    expect(Number(/Ran (\d+) tests/.exec(res.stderr)?.[1])).toBeGreaterThanOrEqual(15);
  }, 120_000);

  it('builds from pyproject.toml with setuptools alone: the neuralops package, Python >= 3.9, no dependencies', async () => {
    // in a copy: a build writes egg-info beside the sources
    const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'neuralops-python-'));
    try {
      fs.cpSync(PACKAGE, path.join(copy, 'src'), { recursive: true });
      const build = "import sys; from setuptools import build_meta; print(build_meta.build_sdist(sys.argv[1]))";
      const res = await python3(['-c', build, copy], {}, path.join(copy, 'src'));
      expect({ status: res.status, stderr: res.status === 0 ? '' : res.stderr.slice(-2000) }).toEqual({ status: 0, stderr: '' });
      const sdist = path.join(copy, res.stdout.trim().split('\n').pop()!);
      const listing = execFileSync('tar', ['tzf', sdist], { encoding: 'utf8' });
      expect(listing).toContain('neuralops-0.1.0/neuralops/client.py');
      expect(listing).not.toContain('tests/');
      const info = execFileSync('tar', ['xzf', sdist, '-O', 'neuralops-0.1.0/PKG-INFO'], { encoding: 'utf8' });
      expect(info).toMatch(/^Name: neuralops$/m);
      expect(info).toMatch(/^Requires-Python: >=3\.9$/m);
      expect(info).not.toMatch(/^Requires-Dist:/m);
    } finally {
      fs.rmSync(copy, { recursive: true, force: true });
    }
  });

  it('fails loudly with the server error on a bad key', async () => {
    const res = await python3([SNIPPET], { NEURALOPS_URL: baseUrl, NEURALOPS_API_KEY: 'wrong-key-000000000000' });
    expect(res.status).not.toBe(0);
    expect(res.stderr).toContain('NeuralOps answered 401 UNAUTHENTICATED');
  });
});

import { spawn, spawnSync } from 'node:child_process';
import { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { startTestApp, TestApp } from '../support/test-app';

const SNIPPET = path.resolve(__dirname, '..', '..', 'examples', 'python', 'log_run.py');
const python = spawnSync('python3', ['--version'], { encoding: 'utf8' });
const available = python.status === 0;
if (!available) {
  if (process.env.CI === 'true') throw new Error('python3 is required under CI=true for the README Python snippet test');
  // eslint-disable-next-line no-console
  console.warn('SKIPPED: python3 not found; the README Python snippet (examples/python/log_run.py) is untested');
}

/** Async, so the in-process server can answer while the script runs. */
function python3(args: string[], env: Record<string, string>): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('python3', args, { env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('error', reject);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
  });
}

(available ? describe : describe.skip)('[sqlite] the README Python snippet (standard library only)', () => {
  let t: TestApp;
  let baseUrl: string;
  beforeAll(async () => {
    t = await startTestApp({ env: { SCHEDULER_ENABLED: 'false', EMBEDDINGS_ENABLED: 'false' } });
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

  it('fails loudly with the server error on a bad key', async () => {
    const res = await python3([SNIPPET], { NEURALOPS_URL: baseUrl, NEURALOPS_API_KEY: 'wrong-key-000000000000' });
    expect(res.status).not.toBe(0);
    expect(res.stderr).toContain('NeuralOps answered 401');
  });
});

import { spawn } from 'node:child_process';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');

/**
 * `npm run demo` at a reduced size, as CI runs it: a real server child, a real LangGraph graph,
 * and the insight and similarity results checked through the demo's last line.
 */
describe('[sqlite] npm run demo (reduced)', () => {
  it('raises a signal and finds similar failures; the last line is the result', async () => {
    const started = Date.now();
    const { code, stdout, stderr } = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
      // from source, so a build running elsewhere in the suite cannot race it
      const child = spawn(process.execPath, ['-r', path.join(ROOT, 'scripts/ts-register.js'), 'scripts/demo/demo.ts', '--runs', '24'], {
        cwd: ROOT,
        env: { ...process.env, NEURALOPS_DEMO_FROM_SOURCE: '1', NEURALOPS_URL: '', NEURALOPS_API_KEY: '' },
      });
      let out = '';
      let err = '';
      child.stdout.on('data', (c) => (out += c));
      child.stderr.on('data', (c) => (err += c));
      const timer = setTimeout(() => child.kill('SIGKILL'), 170_000);
      child.on('error', reject);
      child.on('close', (c) => {
        clearTimeout(timer);
        resolve({ code: c, stdout: out, stderr: err });
      });
    });
    const lines = stdout.trim().split('\n');
    const last = lines[lines.length - 1];
    const context = `exit ${code} after ${Date.now() - started} ms\n${stdout.slice(-3000)}\n${stderr.slice(-2000)}`;
    expect({ last, context }).toEqual({ last: expect.stringMatching(/^DEMO RESULT \{.*\}$/), context });
    const result = JSON.parse(last.slice('DEMO RESULT '.length));
    expect({ result, context }).toEqual({ result: { runs: 24, signals: expect.any(Number), similar: expect.any(Number) }, context });
    expect(result.signals).toBeGreaterThanOrEqual(1);
    expect(result.similar).toBeGreaterThanOrEqual(1);
    expect(code).toBe(0);
    expect(stdout).toContain('/docs');
    expect(stdout).toMatch(/hint: .*demo-invoice-agent/);
  }, 180_000);
});

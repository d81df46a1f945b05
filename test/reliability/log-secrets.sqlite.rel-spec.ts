import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import request from 'supertest';
import { freePort } from '../support/pg-cluster';

const ROOT = path.join(__dirname, '..', '..');
const ADMIN = 'log-capture-admin-key-5f2c9a1b';

describe('no secrets in logs', () => {
  it('a server at trace level, driven through every kind of call, never logs a key or an auth header value', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'neuralops-logs-'));
    const port = await freePort();
    const child = spawn(process.execPath, ['-r', path.join(ROOT, 'scripts/ts-register.js'), path.join(ROOT, 'src/main.ts')], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: '', DATA_DIR: dataDir, PORT: String(port), ADMIN_API_KEY: ADMIN, LOG_LEVEL: 'trace', SCHEDULER_ENABLED: 'false' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let logs = '';
    child.stdout!.on('data', (d) => (logs += d));
    child.stderr!.on('data', (d) => (logs += d));
    const base = `http://127.0.0.1:${port}`;
    for (let i = 0; i < 300; i++) {
      const ok = await request(base).get('/health').then((r) => r.status === 200, () => false);
      if (ok) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const secrets = [ADMIN];
    const created = await request(base).post('/api-keys').set('Authorization', `Bearer ${ADMIN}`).send({ name: 'ingest', role: 'ingest' });
    expect(created.status).toBe(201);
    secrets.push(created.body.key);
    const wrong = 'nops_wrong-key-that-must-not-be-logged-000';
    secrets.push(wrong);
    await request(base).post('/runs').set('X-API-Key', created.body.key).send({ wpk_id: 'w', run_id: 'r', status: 'completed', inputs: { api_key: 'sk-live-inputsecret' } });
    secrets.push('sk-live-inputsecret');
    await request(base).post('/runs').set('X-API-Key', created.body.key).send({ wpk_id: 'w', run_id: 'bad', status: 'nope' });
    await request(base).get('/runs').set('X-API-Key', wrong);
    await request(base).get('/runs').set('Authorization', `Bearer ${wrong}`);
    await request(base).get('/api-keys').set('X-API-Key', created.body.key);
    await request(base).post('/runs').set('X-API-Key', created.body.key).set('Content-Type', 'application/json').send('{"broken":');
    await request(base).get('/nope').set('Authorization', `Bearer ${ADMIN}`);
    child.kill('SIGTERM');
    await new Promise((resolve) => child.on('exit', resolve));
    fs.rmSync(dataDir, { recursive: true, force: true });

    expect(logs.split('\n').filter((l) => l.startsWith('{')).length).toBeGreaterThan(10);
    for (const secret of secrets) expect(logs.includes(secret)).toBe(false);
    expect(logs).not.toMatch(/"authorization"\s*:/i);
    expect(logs).not.toMatch(/"x-api-key"\s*:/i);
    expect(logs).not.toMatch(/Bearer\s+\S/);
    // every request line carries the request id
    const requestLines = logs.split('\n').filter((l) => l.includes('"req":'));
    expect(requestLines.length).toBeGreaterThan(5);
    for (const line of requestLines) expect(JSON.parse(line).request_id).toEqual(expect.any(String));
  });
});

import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import request from 'supertest';
import { FakeMilvus } from '../support/fake-milvus';
import { createScratchDatabase } from '../support/pg';
import { freePort } from '../support/free-port';
import { runsWithJump } from '../support/run-fixtures';
import { ServerProcess } from '../support/server-process';
import { TcpProxy } from '../support/tcp-proxy';
import { currentDriver, describeDb } from '../support/test-app';

const ADMIN = 'url-credentials-admin-key-0123456789';
const SECRETS = {
  prometheus: 'PromPassw0rd-7c1e',
  alertmanager: 'AmPassw0rd-9b2d',
  webhook: 'HookPassw0rd-31aa',
  public: 'PublicPassw0rd-5e0f',
  openai: 'OpenAiPassw0rd-d4c8',
  milvus: 'MilvusPassw0rd-0a6b',
  database: 'DbPassw0rd-8f3c',
};

interface Fake {
  url: string;
  bodies: string[];
  close: () => Promise<void>;
}

/** A local HTTP server answering every request with `answer(path)`; it records request bodies. */
async function fake(answer: (path: string) => { status: number; body: string }): Promise<Fake> {
  const bodies: string[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      bodies.push(body);
      const out = answer(req.url ?? '');
      res.writeHead(out.status, { 'Content-Type': out.body.startsWith('{') ? 'application/json' : 'text/plain' });
      res.end(out.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
    bodies,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const withCredentials = (url: string, user: string, password: string) => url.replace('://', `://${user}:${password}@`);

describeDb('credentials in URLs never leave the process', () => {
  it('with a user and password in every URL variable, health, errors, stored errors, deliveries and logs show user:***@ at most', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'neuralops-urls-'));
    let promUp = true;
    const prom = await fake((p) => {
      if (!promUp) return { status: 502, body: 'bad gateway' };
      if (p.startsWith('/api/v1/query_range')) return { status: 200, body: '{"status":"success","data":{"resultType":"matrix","result":[]}}' };
      if (p.startsWith('/api/v1/query')) return { status: 200, body: '{"status":"success","data":{"resultType":"vector","result":[]}}' };
      return { status: 200, body: 'Prometheus is Ready.' };
    });
    const am = await fake(() => ({ status: 500, body: 'alertmanager is broken' }));
    const hook = await fake(() => ({ status: 500, body: 'receiver is broken' }));
    const milvus = await new FakeMilvus().start();
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    let scratch: Awaited<ReturnType<typeof createScratchDatabase>> | undefined;
    let proxy: TcpProxy | undefined;
    let databaseUrl = '';
    if (currentDriver() === 'postgres') {
      scratch = await createScratchDatabase();
      const target = new URL(scratch.url);
      proxy = new TcpProxy(target.hostname, Number(target.port || 5432));
      await proxy.start();
      // trust authentication takes any password: the secret reaches the server and is never needed
      target.host = `127.0.0.1:${proxy.port}`;
      target.username = 'postgres';
      target.password = SECRETS.database;
      databaseUrl = target.toString();
    }
    const server = new ServerProcess({
      DATABASE_URL: databaseUrl,
      DATA_DIR: dataDir,
      PORT: String(port),
      ADMIN_API_KEY: ADMIN,
      LOG_LEVEL: 'debug',
      PROM_URL: withCredentials(prom.url, 'promuser', SECRETS.prometheus),
      ALERTMANAGER_URL: withCredentials(am.url, 'amuser', SECRETS.alertmanager),
      WEBHOOK_URL: withCredentials(`${hook.url}/hook`, 'hookuser', SECRETS.webhook),
      WEBHOOK_SECRET: 'webhook-secret-0123456789',
      PUBLIC_URL: `https://opsuser:${SECRETS.public}@ops.example`,
      OPENAI_API_KEY: 'sk-test-not-a-secret-here',
      OPENAI_BASE_URL: `http://oaiuser:${SECRETS.openai}@127.0.0.1:${await freePort()}/v1`,
      EMBEDDING_WORKER_INTERVAL_MS: '200',
      MILVUS_ADDRESS: `http://milvususer:${SECRETS.milvus}@${milvus.address}`,
      MILVUS_TIMEOUT_MS: '500',
    });
    const answers: string[] = [];
    const call = async (req: request.Test) => {
      const res = await req;
      answers.push(`${res.status} ${JSON.stringify(res.headers)} ${res.text}`);
      return res;
    };
    const admin = { Authorization: `Bearer ${ADMIN}` };
    try {
      await server.ready(base);

      // health: every dependency's address, with the password masked
      const health = await call(request(base).get('/health'));
      expect(health.body.checks.prometheus).toMatchObject({ url: `http://promuser:***@${prom.url.slice(7)}` });
      expect(health.body.checks.alertmanager).toMatchObject({ url: `http://amuser:***@${am.url.slice(7)}` });
      expect(health.body.checks.embedder.base_url).toMatch(/^http:\/\/oaiuser:\*\*\*@127\.0\.0\.1:\d+\/v1$/);

      // probes: saved while Prometheus answers, then run and asked on demand while it fails
      const probe = await call(request(base).post('/probes').set(admin).send({ name: 'prom-up', query: 'up', source: 'prometheus' }));
      expect(probe.status).toBe(201);
      promUp = false;
      const adhoc = await call(request(base).post('/probe').set(admin).send({ query: 'up' }));
      expect(adhoc.status).toBe(503);
      expect(adhoc.body.error.message).toContain('promuser:***@');
      await call(request(base).post(`/probes/${probe.body.id}/run`).set(admin));
      const stored = await call(request(base).get(`/probes/${probe.body.id}`).set(admin));
      expect(JSON.stringify(stored.body)).toContain('promuser:***@');
      await call(request(base).get('/health'));

      // a signal from the run history, so deliveries to Alertmanager and the webhook fail and retry
      const runs = await call(request(base).post('/runs/batch').set(admin).send({ runs: runsWithJump('wf-urls', Date.now(), 60, 2) }));
      expect(runs.body.failed).toBe(0);
      const signal = await call(
        request(base).post('/probe').set(admin).send({ query: 'runs_duration_p95_ms', source: 'runs', detector: 'robust', detector_params: { window: 20 }, lookback: '2h' }),
      );
      expect(signal.status).toBe(200);
      // the health checks above leave empty bodies at Alertmanager: wait for the deliveries themselves
      const delivered = (f: Fake) => f.bodies.some((b) => b.length > 0);
      for (let i = 0; i < 100 && !(delivered(am) && delivered(hook)); i++) await new Promise((r) => setTimeout(r, 100));
      expect(delivered(am)).toBe(true);
      expect(delivered(hook)).toBe(true);
      expect(am.bodies.join('\n')).toContain('https://ops.example/ui/signals/');

      // embeddings: the worker fails in the background, a search fails in the foreground
      const run = await call(request(base).post('/runs').set(admin).send({ wpk_id: 'wf-urls', run_id: 'embed-me', status: 'failed', error: 'boom' }));
      for (let i = 0; i < 100 && !/embedding \d+ runs failed/.test(server.stdout); i++) await new Promise((r) => setTimeout(r, 100));
      expect(server.stdout).toMatch(/embedding \d+ runs failed/);
      await call(request(base).post('/runs/search').set(admin).send({ query: 'boom' }));
      await call(request(base).get(`/runs/${run.body.id}/similar`).set(admin));
      // the user and password of MILVUS_ADDRESS reached Milvus as its token, not as part of an address
      const tokens = milvus.calls.map((c) => c.authorization).filter((a): a is string => a !== undefined);
      expect(tokens.length).toBeGreaterThan(0);
      expect(tokens.every((a) => Buffer.from(a, 'base64').toString() === `milvususer:${SECRETS.milvus}`)).toBe(true);
      milvus.down();
      await call(request(base).post('/runs/search').set(admin).send({ query: 'boom' }));
      await call(request(base).get('/health'));

      // the database goes away (PostgreSQL: its connection is cut) and comes back
      if (proxy) {
        await proxy.stop();
        expect((await call(request(base).get('/health'))).status).toBe(503);
        await call(request(base).get('/runs').set(admin));
        await call(request(base).post('/runs').set(admin).send({ wpk_id: 'wf-urls', run_id: 'during', status: 'completed' }));
        await proxy.start(proxy.port);
      }
    } finally {
      await server.stop();
      await proxy?.stop();
      await scratch?.drop();
      await Promise.all([prom.close(), am.close(), hook.close(), milvus.close()]);
      fs.rmSync(dataDir, { recursive: true, force: true });
    }

    const logs = server.output;
    expect(server.jsonLines().length).toBeGreaterThan(10);
    // the failures did reach the logs, with their addresses masked
    expect(logs).toMatch(/delivery .* failed/);
    expect(logs).toMatch(/oaiuser:\*\*\*@/);
    const everything = [...answers, logs, ...am.bodies, ...hook.bodies].join('\n');
    for (const [name, secret] of Object.entries(SECRETS)) {
      expect({ name, leaked: everything.includes(secret) }).toEqual({ name, leaked: false });
    }
  }, 120_000);
});

import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import Sqlite from 'better-sqlite3';
import { Client } from 'pg';
import request from 'supertest';
import { freePort } from '../support/free-port';
import { createScratchDatabase, testDatabaseUrl } from '../support/pg';
import { createApp } from '../../src/bootstrap';
import { configFromProcessEnv } from '../../src/config/env';
import { ServerProcess } from '../support/server-process';
import { currentDriver, describeDb, TEST_ADMIN_KEY } from '../support/test-app';

/** Every line the server wrote on stdout is a JSON log line (jsonLines fails the parse otherwise). */
function expectJsonOnly(server: ServerProcess): Array<Record<string, unknown>> {
  const lines = server.jsonLines();
  expect(lines.length).toBeGreaterThan(0);
  return lines;
}

describeDb('start-up', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'neuralops-startup-'));
  });
  afterEach(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('a MILVUS_ADDRESS that is not an address stops the start: exit 2 and one line naming it', async () => {
    const server = new ServerProcess({ DATABASE_URL: '', DATA_DIR: dataDir, PORT: '0', MILVUS_ADDRESS: 'http://:bad' });
    expect(await server.exit()).toBe(2);
    expect(server.stdout).toBe('');
    expect(server.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^invalid configuration: MILVUS_ADDRESS: is not a valid address/)]);
  });

  if (currentDriver() === 'postgres') {
    const failure = /^NeuralOps failed to start: cannot connect to PostgreSQL at (\S+): (.+) \(retried (\d+) times over (\d+(?:\.\d+)?) s\)$/;

    it('PostgreSQL unreachable: JSON logs throughout, then one line naming host:port/db, the reason and the retries; exit 1', async () => {
      const port = await freePort();
      const server = new ServerProcess({ DATABASE_URL: `postgres://neuralops:hunter2-pw@127.0.0.1:${port}/neuralops`, DATA_DIR: dataDir, PORT: '0' });
      expect(await server.exit()).toBe(1);
      expect(server.stderr).toBe('');
      const lines = expectJsonOnly(server);
      const last = lines[lines.length - 1];
      expect(last.level).toBe('fatal');
      const match = failure.exec(String(last.msg));
      expect(match).not.toBeNull();
      expect(match![1]).toBe(`127.0.0.1:${port}/neuralops`);
      expect(match![2]).toContain('ECONNREFUSED');
      expect(Number(match![3])).toBe(5);
      expect(Number(match![4])).toBeGreaterThanOrEqual(4);
      expect(lines.filter((l) => String(l.msg).includes('failed to start'))).toHaveLength(1);
      expect(server.output).not.toContain('hunter2-pw');
      expect(server.output).not.toMatch(/\n\s+at /);
    });

    it('a database that does not exist: the same one line, with PostgreSQL\'s reason', async () => {
      const url = new URL(testDatabaseUrl());
      url.pathname = '/neuralops_missing_db_x';
      const server = new ServerProcess({ DATABASE_URL: url.toString(), DATA_DIR: dataDir, PORT: '0' });
      expect(await server.exit()).toBe(1);
      expect(server.stderr).toBe('');
      const lines = expectJsonOnly(server);
      const match = failure.exec(String(lines[lines.length - 1].msg));
      expect(match).not.toBeNull();
      expect(match![1]).toBe(`${url.hostname}:${url.port || 5432}/neuralops_missing_db_x`);
      expect(match![2]).toContain('database "neuralops_missing_db_x" does not exist');
    });
  }

  it('answers 503 STARTING with Retry-After until the app has started, then serves', async () => {
    const scratch = currentDriver() === 'postgres' ? await createScratchDatabase() : undefined;
    const app = await createApp(configFromProcessEnv({ DATABASE_URL: scratch?.url, DATA_DIR: dataDir, ADMIN_API_KEY: TEST_ADMIN_KEY, SCHEDULER_ENABLED: 'false' }));
    try {
      const early = await request(app.getHttpServer()).get('/health');
      expect(early.status).toBe(503);
      expect(early.body.error.code).toBe('STARTING');
      expect(early.headers['retry-after']).toBe('1');
      // OTLP exporters get it in OTLP's form: google.rpc.Status UNAVAILABLE
      const otlp = await request(app.getHttpServer()).post('/v1/traces').set('Content-Type', 'application/json').send('{}');
      expect({ status: otlp.status, retryAfter: otlp.headers['retry-after'], body: otlp.body }).toEqual({ status: 503, retryAfter: '1', body: { code: 14, message: expect.stringMatching(/^STARTING: /), details: [] } });
      await app.init();
      expect((await request(app.getHttpServer()).get('/health')).status).toBe(200);
    } finally {
      await app.close();
      await scratch?.drop();
    }
  });

  it('two servers starting together on one empty database both come up; the migrations are applied once', async () => {
    const scratch = currentDriver() === 'postgres' ? await createScratchDatabase() : undefined;
    const env = { DATABASE_URL: scratch?.url ?? '', DATA_DIR: dataDir, ADMIN_API_KEY: TEST_ADMIN_KEY, SCHEDULER_ENABLED: 'false' };
    const ports = [await freePort(), await freePort()];
    const servers = ports.map((port) => new ServerProcess({ ...env, PORT: String(port) }));
    try {
      await Promise.all(servers.map((server, i) => server.ready(`http://127.0.0.1:${ports[i]}`)));
      const applied = servers.map((server) => server.jsonLines().filter((l) => String(l.msg).startsWith('applied migrations:')).length);
      expect(applied.sort()).toEqual([0, 1]);
      for (const port of ports) expect((await request(`http://127.0.0.1:${port}`).get('/runs').set('X-API-Key', TEST_ADMIN_KEY)).status).toBe(200);
    } finally {
      await Promise.all(servers.map((server) => server.stop()));
      await scratch?.drop();
    }
  });

  it('a port in use: nothing is logged as started and no admin key is written; the next start on a free port makes the first one', async () => {
    const scratch = currentDriver() === 'postgres' ? await createScratchDatabase() : undefined;
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', () => resolve()));
    const busy = (blocker.address() as net.AddressInfo).port;
    const env = { DATABASE_URL: scratch?.url ?? '', DATA_DIR: dataDir, ADMIN_API_KEY: '', SCHEDULER_ENABLED: 'false' };
    const countKeys = async (): Promise<number> => {
      if (scratch) {
        const client = new Client({ connectionString: scratch.url });
        await client.connect();
        try {
          return Number((await client.query('SELECT count(*) AS n FROM api_keys')).rows[0].n);
        } finally {
          await client.end();
        }
      }
      const db = new Sqlite(path.join(dataDir, 'neuralops.db'), { readonly: true });
      try {
        return Number((db.prepare('SELECT count(*) AS n FROM api_keys').get() as { n: number }).n);
      } finally {
        db.close();
      }
    };
    try {
      const failed = new ServerProcess({ ...env, PORT: String(busy) });
      expect(await failed.exit()).toBe(1);
      expect(failed.output).not.toMatch(/successfully started|listening on/i);
      expect(failed.stderr).not.toContain('admin API key');
      const lines = expectJsonOnly(failed);
      expect(lines[lines.length - 1]).toMatchObject({ level: 'fatal', msg: `NeuralOps failed to start: port ${busy} on 127.0.0.1 is already in use` });
      expect(await countKeys()).toBe(0);

      const port = await freePort();
      const started = new ServerProcess({ ...env, PORT: String(port) });
      try {
        await started.ready(`http://127.0.0.1:${port}`);
        // the server answers before its piped stderr has always reached this process: wait for the line
        const keyLine = () => /NeuralOps created an admin API key .*: (nops_\S+)/.exec(started.stderr)?.[1];
        for (let i = 0; i < 50 && !keyLine(); i++) await new Promise((r) => setTimeout(r, 100));
        const key = keyLine();
        expect(key).toBeDefined();
        expect((await request(`http://127.0.0.1:${port}`).get('/api-keys').set('X-API-Key', key!)).status).toBe(200);
        const messages = started.jsonLines().map((l) => String(l.msg));
        const listening = messages.findIndex((m) => m.startsWith('NeuralOps listening on'));
        expect(listening).toBeGreaterThan(messages.findIndex((m) => m.includes('successfully started')));
        expect(messages.findIndex((m) => m.includes('successfully started'))).toBeGreaterThanOrEqual(0);
      } finally {
        await started.stop();
      }
      expect(await countKeys()).toBe(1);
    } finally {
      await new Promise<void>((resolve) => blocker.close(() => resolve()));
      await scratch?.drop();
    }
  });
});

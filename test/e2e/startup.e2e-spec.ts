import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { freePort } from '../support/free-port';
import { testDatabaseUrl } from '../support/pg';
import { ServerProcess } from '../support/server-process';
import { currentDriver, describeDb } from '../support/test-app';

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
});

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ServerProcess } from '../support/server-process';
import { describeDb } from '../support/test-app';

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
});

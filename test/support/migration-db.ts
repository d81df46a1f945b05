import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DataSource } from 'typeorm';
import { createScratchDatabase } from './pg';
import { currentDriver } from './test-app';

/** An empty database of the current driver for migration tests: a scratch PostgreSQL database or a temporary SQLite file. */
export async function emptyDatabase(): Promise<{ options: ConstructorParameters<typeof DataSource>[0]; cleanup: () => Promise<void> }> {
  if (currentDriver() === 'postgres') {
    const scratch = await createScratchDatabase();
    return { options: { type: 'postgres', url: scratch.url }, cleanup: scratch.drop };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'neuralops-migration-'));
  return { options: { type: 'better-sqlite3', database: path.join(dir, 'm.db') }, cleanup: async () => fs.rmSync(dir, { recursive: true, force: true }) };
}

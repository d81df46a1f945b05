import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { DataSource } from 'typeorm';
import { createScratchDatabase } from './pg';
import { currentDriver } from './test-app';

/** Data source options for an empty database on the project's driver, to run migrations against; `cleanup` removes it. */
export async function emptyMigrationDatabase(): Promise<{ options: ConstructorParameters<typeof DataSource>[0]; cleanup: () => Promise<void> }> {
  if (currentDriver() === 'postgres') {
    const scratch = await createScratchDatabase();
    return { options: { type: 'postgres', url: scratch.url }, cleanup: scratch.drop };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'neuralops-migration-'));
  return { options: { type: 'better-sqlite3', database: path.join(dir, 'm.db') }, cleanup: async () => fs.rmSync(dir, { recursive: true, force: true }) };
}

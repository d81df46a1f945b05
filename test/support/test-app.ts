import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { createApp } from '../../src/bootstrap';
import { AppConfig } from '../../src/config/config';
import { configFromProcessEnv } from '../../src/config/env';
import { createScratchDatabase } from './pg';

export const TEST_ADMIN_KEY = 'test-admin-key-0123456789abcdef';

export type Driver = 'sqlite' | 'postgres';

export function currentDriver(): Driver {
  return process.env.NEURALOPS_TEST_DRIVER === 'postgres' ? 'postgres' : 'sqlite';
}

/** `describe` on the project's driver; on PostgreSQL when it is unreachable outside CI, a loud skip. */
export function describeDb(name: string, fn: () => void): void {
  const driver = currentDriver();
  if (driver === 'postgres' && process.env.NEURALOPS_PG_AVAILABLE !== '1') {
    // eslint-disable-next-line no-console
    console.warn(`SKIPPED on postgres (unreachable): ${name}`);
    describe.skip(`[postgres] ${name}`, fn);
    return;
  }
  describe(`[${driver}] ${name}`, fn);
}

export interface TestApp {
  app: NestExpressApplication;
  config: AppConfig;
  http: () => ReturnType<typeof request>;
  /** an agent-less helper: request with the admin key */
  admin: { key: string; header: Record<string, string> };
  dataDir: string;
  close: () => Promise<void>;
  /** removes this app's scratch database and data dir, for an app that was closed by hand */
  release: () => Promise<void>;
}

export interface TestAppOptions {
  env?: Record<string, string | undefined>;
  /**
   * reuse the database of an earlier app (e.g. to restart over the same data); with `release`
   * (the earlier app's), this app's close() also removes that data
   */
  reuse?: { dataDir: string; databaseUrl?: string; release?: () => Promise<void> };
}

/** Boots the whole app in process on a fresh database (a temp SQLite file, or a scratch PostgreSQL database). */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp & { databaseUrl?: string; dropDatabase?: () => Promise<void> }> {
  const dataDir = options.reuse?.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'neuralops-test-'));
  let databaseUrl = options.reuse?.databaseUrl;
  let dropDatabase: (() => Promise<void>) | undefined;
  if (currentDriver() === 'postgres' && !databaseUrl) {
    const scratch = await createScratchDatabase();
    databaseUrl = scratch.url;
    dropDatabase = scratch.drop;
  }
  const config = configFromProcessEnv({
    DATA_DIR: dataDir,
    DATABASE_URL: databaseUrl,
    ADMIN_API_KEY: TEST_ADMIN_KEY,
    ...options.env,
  });
  const release = async (): Promise<void> => {
    if (options.reuse) return options.reuse.release?.();
    await dropDatabase?.();
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  const app = await createApp(config);
  await app.init();
  const server = app.getHttpServer();
  return {
    app,
    config,
    dataDir,
    databaseUrl,
    dropDatabase,
    http: () => request(server),
    admin: { key: TEST_ADMIN_KEY, header: { Authorization: `Bearer ${TEST_ADMIN_KEY}` } },
    close: async () => {
      await app.close();
      await release();
    },
    release,
  };
}

import { buildWasm } from '../../scripts/build-wasm';
import { postgresReachable, testDatabaseUrl } from './pg';

/** Decides once whether the PostgreSQL project runs: loud skip locally, hard failure under CI=true. */
export default async function globalSetup(): Promise<void> {
  await buildWasm();
  const problem = await postgresReachable();
  if (!problem) {
    process.env.NEURALOPS_PG_AVAILABLE = '1';
    return;
  }
  if (process.env.CI === 'true') {
    throw new Error(`PostgreSQL at ${testDatabaseUrl()} is unreachable under CI=true: ${problem}`);
  }
  process.env.NEURALOPS_PG_AVAILABLE = '0';
  process.stderr.write(
    `\n!!! PostgreSQL at ${testDatabaseUrl()} is unreachable (${problem}): the postgres project's tests are SKIPPED.\n` +
      '!!! Set TEST_DATABASE_URL or start PostgreSQL to run them.\n\n',
  );
}

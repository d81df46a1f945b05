import { setHotPathOff } from '../common/perf/hot-path';
import { redactCredentials } from '../common/security/url-credentials';
import { configFromProcessEnv } from '../config/env';
import { createDataSource } from './data-source';
import { runMigrations } from './migrations-runner';

/** `npm run migration:run`: applies pending migrations and exits. */
async function main(): Promise<void> {
  const config = configFromProcessEnv();
  setHotPathOff(config.hotPathOff);
  const dataSource = createDataSource(config);
  await dataSource.initialize();
  try {
    const applied = await runMigrations(dataSource);
    process.stdout.write(
      applied.length ? `applied: ${applied.join(', ')}\n` : 'the schema is up to date\n',
    );
  } finally {
    await dataSource.destroy();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`migration failed: ${redactCredentials(err instanceof Error ? err.message : String(err))}\n`);
  process.exit(1);
});

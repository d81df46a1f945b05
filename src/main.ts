import 'reflect-metadata';
import { createApp } from './bootstrap';
import { installGracefulShutdown } from './common/http/graceful-shutdown';
import { AppLogger } from './common/logging/app-logger';
import { ConfigError } from './config/config';
import { configFromProcessEnv } from './config/env';

async function main(): Promise<void> {
  let config;
  try {
    config = configFromProcessEnv();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`invalid configuration: ${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
  const app = await createApp(config);
  await app.listen(config.port, config.host);
  installGracefulShutdown(app, app.get(AppLogger));
  app.get(AppLogger).log(`NeuralOps listening on http://${config.host}:${config.port} (docs at /docs, database: ${config.database.kind})`, 'Bootstrap');
}

main().catch((err: unknown) => {
  process.stderr.write(`NeuralOps failed to start: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
  process.exit(1);
});

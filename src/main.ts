import 'reflect-metadata';
import { StartupError } from './common/errors/startup-error';
import { hotPath, setHotPathOff } from './common/perf/hot-path';
import { installResolveCache } from './common/perf/resolve-cache';
import { redactCredentials } from './common/security/url-credentials';
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
  setHotPathOff(config.hotPathOff);
  // before the app's modules are loaded, which is what it serves
  const resolveCache = hotPath('resolve-cache') ? installResolveCache(__dirname) : undefined;
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { createApp, startServer } = require('./bootstrap') as typeof import('./bootstrap');
  const { installGracefulShutdown } = require('./common/http/graceful-shutdown') as typeof import('./common/http/graceful-shutdown');
  const { createLogging } = require('./common/logging/logging.module') as typeof import('./common/logging/logging.module');
  /* eslint-enable @typescript-eslint/no-require-imports */
  const logging = createLogging(config);
  try {
    const app = await createApp(config, logging);
    await startServer(app, config);
    installGracefulShutdown(app, logging.app);
    resolveCache?.save();
  } catch (err) {
    // one line: what failed and why; a stack only for what nobody foresaw
    const reason = redactCredentials(err instanceof Error ? err.message : String(err));
    if (err instanceof StartupError) logging.app.fatal(`NeuralOps failed to start: ${reason}`, 'Bootstrap');
    else logging.app.fatal({ err }, `NeuralOps failed to start: ${reason}`, 'Bootstrap');
    logging.app.pino.flush(() => process.exit(1));
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`NeuralOps failed to start: ${redactCredentials(err instanceof Error ? err.message : String(err))}\n`);
  process.exit(1);
});

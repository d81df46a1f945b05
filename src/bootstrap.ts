import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import { json, raw, Request, RequestHandler, Response } from 'express';
import { AppModule } from './app.module';
import { expressErrorHandler, sendError } from './common/errors/all-exceptions.filter';
import { StartupError } from './common/errors/startup-error';
import { setHotPathOff } from './common/perf/hot-path';
import { consoleHandler } from './common/http/console';
import { buildOpenApiDocument } from './common/openapi/openapi-document';
import { NeuralOpsExpressAdapter } from './common/http/express-adapter';
import { DrainState } from './common/http/drain';
import { applyCors, securityHeaders } from './common/security/http-security';
import { requestIdMiddleware } from './common/http/request-id.middleware';
import { AppLogger } from './common/logging/app-logger';
import { ACCESS_LOG, createLogging, Logging } from './common/logging/logging.module';
import { httpMetricsMiddleware } from './common/metrics/http-metrics.middleware';
import { MetricsService } from './common/metrics/metrics.service';
import { AppConfig } from './config/config';
import { OtlpExceptionFilter } from './modules/otlp/otlp-exception.filter';
import { connectDatabase } from './database/connect';

/**
 * Builds the whole app, configured exactly as in production, without starting it: the database is
 * opened and migrated first (a StartupError when it cannot be), then Nest builds the modules,
 * logging JSON through `logging` from its first line. `startServer` (or `init()` in tests) starts it.
 */
export async function createApp(config: AppConfig, logging: Logging = createLogging(config)): Promise<NestExpressApplication> {
  setHotPathOff(config.hotPathOff);
  const dataSource = await connectDatabase(config, {
    warn: (message) => logging.app.warn(message, 'Database'),
    info: (message) => logging.app.log(message, 'Database'),
  });
  let app: NestExpressApplication;
  try {
    app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, logging, dataSource), new NeuralOpsExpressAdapter(), {
      bodyParser: false,
      logger: logging.app,
      abortOnError: false,
    });
  } catch (err) {
    await dataSource.destroy().catch(() => undefined);
    throw err;
  }
  app.set('trust proxy', config.trustProxy);
  app.disable('x-powered-by');
  // every answer is computed fresh: hashing each body for an ETag nobody revalidates against is waste
  app.set('etag', false);
  // what every request passes through; the access line comes before body parsing, so a request
  // refused there is logged too
  // (OTLP exporters get the refusals of a starting or draining server in OTLP's own form)
  const otlpErrors = app.get(OtlpExceptionFilter);
  const refuse = (err: unknown, req: Request, res: Response) => (req.path === '/v1/traces' ? otlpErrors.bodyErrors()(err, req, res, () => undefined) : sendError(err, req, res));
  app.use(securityHeaders(), requestIdMiddleware, app.get<RequestHandler>(ACCESS_LOG), app.get(DrainState).middleware(refuse), httpMetricsMiddleware(app.get(MetricsService)));
  applyCors(app, config);
  app.use(consoleHandler(config.consoleDir));
  // every body is read as JSON whatever its Content-Type; GET, HEAD and DELETE take none, so a
  // body sent with them is not read (and cannot fail them)
  const takesBody = (req: { method?: string }) => req.method !== 'GET' && req.method !== 'HEAD' && req.method !== 'DELETE';
  // OTLP/HTTP bodies are protobuf or JSON, maybe gzip-compressed: read as bytes (decompressed, the
  // limit counting decompressed bytes) and decoded by the endpoint; failures answered in OTLP's form
  app.use('/v1/traces', raw({ limit: config.maxBatchBodyBytes, type: takesBody }), otlpErrors.bodyErrors());
  app.use('/runs/batch', json({ limit: config.maxBatchBodyBytes, type: takesBody }));
  app.use(json({ limit: config.maxBodyBytes, type: takesBody }));
  app.use(expressErrorHandler);

  // built on the first request for /docs or /docs-json, not on every start (about a tenth of it)
  SwaggerModule.setup('docs', app, () => buildOpenApiDocument(app, config), {
    jsonDocumentUrl: 'docs-json',
    swaggerOptions: { persistAuthorization: true },
  });

  const logger = app.get(AppLogger);
  for (const warning of config.warnings) logger.warn(warning, 'Config');
  return app;
}

/**
 * Binds the port, then starts the app (its lifecycle hooks write to the database: the first admin
 * key, PROBES_FILE): a start that cannot listen leaves nothing behind and never says it started.
 * Requests that arrive before the app has started are answered 503 STARTING.
 */
export async function startServer(app: NestExpressApplication, config: AppConfig): Promise<void> {
  const server = app.getHttpServer() as Server;
  await new Promise<void>((resolve, reject) => {
    const failed = (err: NodeJS.ErrnoException) => {
      if (err.code === 'EADDRINUSE') reject(new StartupError(`port ${config.port} on ${config.host} is already in use`));
      else if (err.code === 'EACCES') reject(new StartupError(`port ${config.port} on ${config.host} needs privileges this process does not have`));
      else if (err.code === 'EADDRNOTAVAIL') reject(new StartupError(`HOST ${config.host} is not an address of this machine`));
      else reject(err);
    };
    server.once('error', failed);
    server.listen(config.port, config.host, () => {
      server.off('error', failed);
      resolve();
    });
  });
  try {
    await app.init();
  } catch (err) {
    server.close();
    throw err;
  }
  const { port } = server.address() as AddressInfo;
  app.get(AppLogger).log(`NeuralOps listening on http://${config.host}:${port} (docs at /docs, database: ${config.database.kind})`, 'Bootstrap');
}

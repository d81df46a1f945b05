import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import { json, RequestHandler } from 'express';
import { AppModule } from './app.module';
import { expressErrorHandler } from './common/errors/all-exceptions.filter';
import { chain } from './common/http/chain';
import { consoleHandler } from './common/http/console';
import { buildOpenApiDocument } from './common/openapi/openapi-document';
import { NeuralOpsExpressAdapter } from './common/http/express-adapter';
import { DrainState } from './common/http/drain';
import { applyCors, securityHeaders } from './common/security/http-security';
import { requestIdMiddleware } from './common/http/request-id.middleware';
import { AppLogger } from './common/logging/app-logger';
import { ACCESS_LOG } from './common/logging/logging.module';
import { httpMetricsMiddleware } from './common/metrics/http-metrics.middleware';
import { MetricsService } from './common/metrics/metrics.service';
import { AppConfig } from './config/config';

/** Builds the whole app, configured exactly as in production; `main.ts` only adds `listen`. */
export async function createApp(config: AppConfig): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), new NeuralOpsExpressAdapter(), {
    bodyParser: false,
    bufferLogs: true,
  });
  app.useLogger(app.get(AppLogger));
  app.flushLogs();
  app.set('trust proxy', false);
  app.disable('x-powered-by');
  // every answer is computed fresh: hashing each body for an ETag nobody revalidates against is waste
  app.set('etag', false);
  // what every request passes through, as one router layer; the access line comes before body
  // parsing, so a request refused there is logged too
  app.use(chain(securityHeaders(), requestIdMiddleware, app.get<RequestHandler>(ACCESS_LOG), app.get(DrainState).middleware(), httpMetricsMiddleware(app.get(MetricsService))));
  applyCors(app, config);
  app.use(consoleHandler(config.consoleDir));
  // every body is read as JSON whatever its Content-Type; GET, HEAD and DELETE take none, so a
  // body sent with them is not read (and cannot fail them)
  const takesBody = (req: { method?: string }) => req.method !== 'GET' && req.method !== 'HEAD' && req.method !== 'DELETE';
  app.use('/runs/batch', json({ limit: config.maxBatchBodyBytes, type: takesBody }));
  app.use(json({ limit: config.maxBodyBytes, type: takesBody }));
  app.use(expressErrorHandler);

  const document = buildOpenApiDocument(app, config);
  SwaggerModule.setup('docs', app, document, {
    jsonDocumentUrl: 'docs-json',
    swaggerOptions: { persistAuthorization: true },
  });

  const logger = app.get(AppLogger);
  for (const warning of config.warnings) logger.warn(warning, 'Config');
  return app;
}

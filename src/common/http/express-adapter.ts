import * as http from 'node:http';
import type { NestApplicationOptions } from '@nestjs/common';
import { ExpressAdapter } from '@nestjs/platform-express';
import type { Express, RequestHandler } from 'express';
import { hotPath } from '../perf/hot-path';
import { expressServerClasses } from './express-server-classes';
import { methodNotAllowed } from './method-not-allowed';

/** Nest's Express adapter, whose HTTP server builds requests and responses with `expressServerClasses`. */
export class NeuralOpsExpressAdapter extends ExpressAdapter {
  override initHttpServer(options: NestApplicationOptions): void {
    // TLS and forced connection closing are Nest's own set-ups, kept as they are
    if (options?.httpsOptions || options?.forceCloseConnections || !hotPath('server-classes')) return super.initHttpServer(options);
    const app = this.getInstance<Express>();
    this.httpServer = http.createServer(expressServerClasses(app), app);
  }

  /** A path served for other methods answers 405 with Allow, not 404. */
  override setNotFoundHandler(handler: RequestHandler, prefix?: string) {
    const app = this.getInstance<Express & { router?: { stack: never[] }; _router?: { stack: never[] } }>();
    return super.setNotFoundHandler(methodNotAllowed(() => app.router ?? app._router, handler), prefix);
  }
}

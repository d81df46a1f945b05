import * as http from 'node:http';
import type { NestApplicationOptions } from '@nestjs/common';
import { ExpressAdapter } from '@nestjs/platform-express';
import type { Express } from 'express';
import { expressServerClasses } from './express-server-classes';

/** Nest's Express adapter, whose HTTP server builds requests and responses with `expressServerClasses`. */
export class NeuralOpsExpressAdapter extends ExpressAdapter {
  override initHttpServer(options: NestApplicationOptions): void {
    // TLS and forced connection closing are Nest's own set-ups, kept as they are
    if (options?.httpsOptions || options?.forceCloseConnections) return super.initHttpServer(options);
    const app = this.getInstance<Express>();
    this.httpServer = http.createServer(expressServerClasses(app), app);
  }
}

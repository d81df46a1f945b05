import { DynamicModule, Global, Module } from '@nestjs/common';
import { pinoHttp } from 'pino-http';
import type { HttpLogger } from 'pino-http';
import { AppConfig } from '../../config/config';
import { AppLogger } from './app-logger';
import { logDestination, pinoHttpOptions } from './logging';

/** The access-log middleware (one line per request); `bootstrap` mounts it. */
export const HTTP_LOGGER = Symbol('HTTP_LOGGER');

/** One pino logger, one destination: the access log and every `Logger` call write through it. */
@Global()
@Module({})
export class LoggingModule {
  static forRoot(config: AppConfig): DynamicModule {
    const http: HttpLogger = pinoHttp(pinoHttpOptions(config), logDestination());
    return {
      module: LoggingModule,
      providers: [
        { provide: HTTP_LOGGER, useValue: http },
        { provide: AppLogger, useValue: new AppLogger(http.logger) },
      ],
      exports: [HTTP_LOGGER, AppLogger],
    };
  }
}

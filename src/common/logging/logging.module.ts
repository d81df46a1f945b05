import { DynamicModule, Global, Module } from '@nestjs/common';
import type { RequestHandler } from 'express';
import pino from 'pino';
import { AppConfig } from '../../config/config';
import { accessLog } from './access-log';
import { AppLogger } from './app-logger';
import { accessLoggerOptions, appLoggerOptions, logDestination } from './logging';

/** The access-log middleware (one line per request); `bootstrap` mounts it. */
export const ACCESS_LOG = Symbol('ACCESS_LOG');

/** The process's loggers: made before anything else, so every line of a start, even a failed one, is JSON. */
export interface Logging {
  app: AppLogger;
  access: RequestHandler;
}

/** One destination: the access lines and every `Logger` call write through it. */
export function createLogging(config: AppConfig): Logging {
  const destination = logDestination();
  return {
    app: new AppLogger(pino(appLoggerOptions(config), destination)),
    access: accessLog(pino(accessLoggerOptions(config), destination)),
  };
}

@Global()
@Module({})
export class LoggingModule {
  static forRoot(logging: Logging): DynamicModule {
    return {
      module: LoggingModule,
      providers: [
        { provide: ACCESS_LOG, useValue: logging.access },
        { provide: AppLogger, useValue: logging.app },
      ],
      exports: [ACCESS_LOG, AppLogger],
    };
  }
}

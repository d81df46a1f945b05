import { DynamicModule, Global, Module } from '@nestjs/common';
import pino from 'pino';
import { AppConfig } from '../../config/config';
import { accessLog } from './access-log';
import { AppLogger } from './app-logger';
import { accessLoggerOptions, appLoggerOptions, logDestination } from './logging';

/** The access-log middleware (one line per request); `bootstrap` mounts it. */
export const ACCESS_LOG = Symbol('ACCESS_LOG');

/** One destination: the access lines and every `Logger` call write through it. */
@Global()
@Module({})
export class LoggingModule {
  static forRoot(config: AppConfig): DynamicModule {
    const destination = logDestination();
    return {
      module: LoggingModule,
      providers: [
        { provide: ACCESS_LOG, useValue: accessLog(pino(accessLoggerOptions(config), destination)) },
        { provide: AppLogger, useValue: new AppLogger(pino(appLoggerOptions(config), destination)) },
      ],
      exports: [ACCESS_LOG, AppLogger],
    };
  }
}

import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { ScheduleModule } from '@nestjs/schedule';
import { DataSource } from 'typeorm';
import { AllExceptionsFilter } from './common/errors/all-exceptions.filter';
import { HealthModule } from './common/health/health.module';
import { Logging, LoggingModule } from './common/logging/logging.module';
import { MetricsModule } from './common/metrics/metrics.module';
import { SecurityModule } from './common/security/security.module';
import { AppValidationPipe } from './common/validation/validation.pipe';
import { AppConfig } from './config/config';
import { ConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { AuthModule } from './modules/auth/auth.module';
import { InsightModule } from './modules/insight/insight.module';
import { OtlpModule } from './modules/otlp/otlp.module';
import { RegistryModule } from './modules/registry/registry.module';
import { RunInsightsModule } from './modules/run-insights/run-insights.module';
import { RunsModule } from './modules/runs/runs.module';
import { SimilarityModule } from './modules/similarity/similarity.module';

@Module({})
export class AppModule {
  /** `logging` and `dataSource` are made before the app: see `createApp`. */
  static forRoot(config: AppConfig, logging: Logging, dataSource: DataSource): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggingModule.forRoot(logging),
        ScheduleModule.forRoot(),
        DatabaseModule.forRoot(dataSource),
        MetricsModule,
        HealthModule,
        AuthModule,
        SecurityModule.forRoot(config),
        RunsModule,
        SimilarityModule.register(config),
        RegistryModule,
        RunInsightsModule.register(config),
        InsightModule,
        OtlpModule,
      ],
      providers: [
        { provide: APP_PIPE, useClass: AppValidationPipe },
        { provide: APP_FILTER, useClass: AllExceptionsFilter },
      ],
    };
  }
}

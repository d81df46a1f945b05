import { DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { AppConfig } from '../../config/config';
import { PerKeyThrottlerGuard } from './rate-limit.guard';

/** Per-key rate limiting, only when RATE_LIMIT_PER_KEY_PER_S is set (it never shapes benchmarks otherwise). */
@Module({})
export class SecurityModule {
  static forRoot(config: AppConfig): DynamicModule {
    if (!config.rateLimitPerKeyPerS) return { module: SecurityModule };
    return {
      module: SecurityModule,
      imports: [ThrottlerModule.forRoot({ throttlers: [{ name: 'default', ttl: 1000, limit: config.rateLimitPerKeyPerS }] })],
      providers: [{ provide: APP_GUARD, useClass: PerKeyThrottlerGuard }],
    };
  }
}

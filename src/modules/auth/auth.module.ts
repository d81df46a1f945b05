import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ApiKeyGuard } from './api-key.guard';
import { ApiKeysController } from './api-keys.controller';
import { AuthController } from './auth.controller';
import { ApiKeysRepository } from './api-keys.repository';
import { ApiKeysService, KeyAnnouncer } from './api-keys.service';

@Module({
  controllers: [ApiKeysController, AuthController],
  providers: [ApiKeysRepository, ApiKeysService, KeyAnnouncer, { provide: APP_GUARD, useClass: ApiKeyGuard }],
  exports: [ApiKeysService],
})
export class AuthModule {}

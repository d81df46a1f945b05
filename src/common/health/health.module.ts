import { Global, Module } from '@nestjs/common';
import { HealthController } from './health.controller';
import { HealthContributors } from './health-indicators';
import { HealthService } from './health.service';

@Global()
@Module({ controllers: [HealthController], providers: [HealthService, HealthContributors], exports: [HealthContributors] })
export class HealthModule {}

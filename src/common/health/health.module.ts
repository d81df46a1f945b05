import { Global, Module } from '@nestjs/common';
import { DrainState } from '../http/drain';
import { HealthController } from './health.controller';
import { HealthContributors } from './health-indicators';
import { HealthService } from './health.service';

@Global()
@Module({
  controllers: [HealthController],
  providers: [HealthService, HealthContributors, DrainState],
  exports: [HealthContributors, DrainState],
})
export class HealthModule {}

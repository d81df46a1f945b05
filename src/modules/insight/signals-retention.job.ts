import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Cron, CronExpression } from '@nestjs/schedule';
import { SingleFlight } from '../../common/scheduling/single-flight';
import { SignalsService } from './signals.service';

/** Signal retention at boot (in the background) and daily; the work is SignalsService.purgeExpired. */
@Injectable()
export class SignalsRetentionJob implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly sweeps = new SingleFlight(new Logger(SignalsRetentionJob.name), 'signal retention sweep');

  constructor(private readonly signals: SignalsService) {}

  onApplicationBootstrap(): void {
    void this.sweep();
  }

  @Cron(CronExpression.EVERY_DAY_AT_3AM, { name: 'signals-retention' })
  sweep(): Promise<void> {
    return this.sweeps.run(() => this.signals.purgeExpired());
  }

  onApplicationShutdown(): Promise<void> {
    return this.sweeps.settled();
  }
}

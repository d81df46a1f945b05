import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Cron, CronExpression } from '@nestjs/schedule';
import { SingleFlight } from '../../common/scheduling/single-flight';
import { RunsService } from './runs.service';

/**
 * Retention sweep at boot (in the background: the server does not wait on a long first purge) and
 * daily; the work is RunsService.purgeExpired, which tests call directly.
 */
@Injectable()
export class RunsRetentionJob implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly sweeps = new SingleFlight(new Logger(RunsRetentionJob.name), 'retention sweep');

  constructor(private readonly runs: RunsService) {}

  onApplicationBootstrap(): void {
    void this.sweep();
  }

  @Cron(CronExpression.EVERY_DAY_AT_3AM, { name: 'runs-retention' })
  sweep(): Promise<void> {
    return this.sweeps.run(() => this.runs.purgeExpired());
  }

  onApplicationShutdown(): Promise<void> {
    return this.sweeps.settled();
  }
}

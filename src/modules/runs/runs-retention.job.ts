import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Cron, CronExpression } from '@nestjs/schedule';
import { RunsService } from './runs.service';

/**
 * Retention sweep at boot (in the background: the server does not wait on a long first purge) and
 * daily; the work is RunsService.purgeExpired, which tests call directly.
 */
@Injectable()
export class RunsRetentionJob implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(RunsRetentionJob.name);
  private running: Promise<void> | undefined;

  constructor(private readonly runs: RunsService) {}

  onApplicationBootstrap(): void {
    void this.sweep();
  }

  @Cron(CronExpression.EVERY_DAY_AT_3AM, { name: 'runs-retention' })
  sweep(): Promise<void> {
    this.running ??= this.runs
      .purgeExpired()
      .then(() => undefined)
      .catch((err: unknown) => this.logger.error(`retention sweep failed: ${err instanceof Error ? err.message : String(err)}`))
      .finally(() => {
        this.running = undefined;
      });
    return this.running;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.running;
  }
}

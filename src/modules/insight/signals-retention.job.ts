import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Cron, CronExpression } from '@nestjs/schedule';
import { SignalsService } from './signals.service';

/** Signal retention at boot (in the background) and daily; the work is SignalsService.purgeExpired. */
@Injectable()
export class SignalsRetentionJob implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(SignalsRetentionJob.name);
  private running: Promise<void> | undefined;

  constructor(private readonly signals: SignalsService) {}

  onApplicationBootstrap(): void {
    void this.sweep();
  }

  @Cron(CronExpression.EVERY_DAY_AT_3AM, { name: 'signals-retention' })
  sweep(): Promise<void> {
    this.running ??= this.signals
      .purgeExpired()
      .then(() => undefined)
      .catch((err: unknown) => this.logger.error(`signal retention sweep failed: ${err instanceof Error ? err.message : String(err)}`))
      .finally(() => {
        this.running = undefined;
      });
    return this.running;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.running;
  }
}

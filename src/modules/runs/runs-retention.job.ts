import { Injectable, Logger } from '@nestjs/common';
import { Cron, CronExpression } from '@nestjs/schedule';
import { RunsService } from './runs.service';

/** Daily retention sweep; the work is RunsService.purgeExpired, which tests call directly. */
@Injectable()
export class RunsRetentionJob {
  private readonly logger = new Logger(RunsRetentionJob.name);
  constructor(private readonly runs: RunsService) {}

  @Cron(CronExpression.EVERY_DAY_AT_3AM, { name: 'runs-retention' })
  async sweep(): Promise<void> {
    try {
      await this.runs.purgeExpired();
    } catch (err) {
      this.logger.error(`retention sweep failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
}

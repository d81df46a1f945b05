import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { AppConfig } from '../../../config/config';
import { ProbeScheduler } from './probe-scheduler';

const JOB = 'insight-probe-scheduler';

/** The thin timer: every second, `ProbeScheduler.tick()` (not awaited; the scheduler bounds itself). */
@Injectable()
export class ProbeSchedulerJob implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ProbeSchedulerJob.name);
  private stopped = false;

  constructor(
    private readonly scheduler: ProbeScheduler,
    private readonly registry: SchedulerRegistry,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.insight.schedulerEnabled) return;
    const timer = setInterval(() => {
      if (this.stopped) return;
      this.scheduler.tick().catch((err: unknown) => this.logger.error(`scheduler tick failed: ${err instanceof Error ? err.message : String(err)}`));
    }, 1000);
    timer.unref();
    this.registry.addInterval(JOB, timer);
  }

  onApplicationShutdown(): void {
    this.stopped = true;
    if (this.registry.doesExist('interval', JOB)) this.registry.deleteInterval(JOB);
  }
}

import { Logger } from '@nestjs/common';

/**
 * One run at a time of a background task (a sweep at boot and on a timer): a call while it runs
 * joins that run; a failure is logged, never thrown, so a timer or a boot hook can fire and forget.
 */
export class SingleFlight {
  private running: Promise<void> | undefined;

  constructor(
    private readonly logger: Logger,
    private readonly what: string,
  ) {}

  run(task: () => Promise<unknown>): Promise<void> {
    this.running ??= task()
      .then(() => undefined)
      .catch((err: unknown) => this.logger.error(`${this.what} failed: ${err instanceof Error ? err.message : String(err)}`))
      .finally(() => {
        this.running = undefined;
      });
    return this.running;
  }

  /** Resolves once no run is in flight (for shutdown). */
  async settled(): Promise<void> {
    await this.running;
  }
}

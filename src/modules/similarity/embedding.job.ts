import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { AppConfig } from '../../config/config';
import { EmbeddingWorker } from './embedding.worker';
import { VectorStore } from './stores/vector-store';

const JOB = 'embedding-worker';

/** Batches per tick at most, so a burst of runs drains quickly without one tick running unbounded. */
const PASSES_PER_TICK = 20;

/** The timer only: every EMBEDDING_WORKER_INTERVAL_MS the worker drains what is due, never two ticks at a time. */
@Injectable()
export class EmbeddingJob implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(EmbeddingJob.name);
  private running: Promise<unknown> | undefined;

  constructor(
    private readonly worker: EmbeddingWorker,
    private readonly store: VectorStore,
    private readonly registry: SchedulerRegistry,
    private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    // Milvus: a dimension conflict with an existing collection stops the boot here. The embedded
    // store has nothing to check, so the boot never waits on the embedder.
    if (this.store.name === 'milvus') await this.worker.prepare();
    else void this.worker.prepare().catch(() => undefined);
    this.registry.addInterval(JOB, setInterval(() => this.tick(), this.config.similarity.workerIntervalMs));
  }

  tick(): void {
    if (this.running) return;
    this.running = this.worker
      .drainAll(undefined, PASSES_PER_TICK)
      .catch((err) => this.logger.error(`embedding worker pass failed: ${err instanceof Error ? err.message : String(err)}`))
      .finally(() => {
        this.running = undefined;
      });
  }

  async onModuleDestroy(): Promise<void> {
    if (this.registry.doesExist('interval', JOB)) this.registry.deleteInterval(JOB);
    await this.running;
    await this.store.close();
  }
}

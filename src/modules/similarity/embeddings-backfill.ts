import { DynamicModule, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ScheduleModule } from '@nestjs/schedule';
import { DataSource } from 'typeorm';
import { HealthModule } from '../../common/health/health.module';
import { MetricsModule } from '../../common/metrics/metrics.module';
import { AppConfig } from '../../config/config';
import { ConfigModule } from '../../config/config.module';
import { connectDatabase } from '../../database/connect';
import { DatabaseModule } from '../../database/database.module';
import { RunEmbeddingStateRepository } from './run-embedding-state.repository';
import { EmbeddingWorker } from './embedding.worker';
import { SimilarityModule } from './similarity.module';

/** Just what embedding needs: no HTTP, no other module's schedulers. */
@Module({})
class EmbeddingsBackfillModule {
  static forRoot(config: AppConfig, dataSource: DataSource): DynamicModule {
    return {
      module: EmbeddingsBackfillModule,
      imports: [ConfigModule.forRoot(config), ScheduleModule.forRoot(), DatabaseModule.forRoot(dataSource), MetricsModule, HealthModule, SimilarityModule.register(config)],
    };
  }
}

export interface BackfillReport {
  visited: number;
  embedded: number;
  failed: number;
  remaining: number;
}

/**
 * `npm run embeddings:backfill`: queues every stored run whose document is not embedded yet (and
 * retries failed ones), then drains the queue in batches until nothing is due.
 */
export async function runBackfill(config: AppConfig, log: (line: string) => void = () => undefined): Promise<BackfillReport> {
  if (!config.similarity.enabled) throw new Error('EMBEDDINGS_ENABLED=false: similar-run search is switched off, nothing to backfill');
  const dataSource = await connectDatabase(config);
  const ctx = await NestFactory.createApplicationContext(EmbeddingsBackfillModule.forRoot(config, dataSource), { logger: ['error', 'warn'] });
  try {
    const worker = ctx.get(EmbeddingWorker);
    const states = ctx.get(RunEmbeddingStateRepository);
    const visited = await worker.backfill();
    log(`queued: ${visited} runs checked`);
    let embedded = 0;
    let failed = 0;
    for (;;) {
      const pass = await worker.drainOnce();
      embedded += pass.embedded;
      failed += pass.failed;
      if (pass.claimed > 0 && embedded % 500 < pass.embedded) log(`embedded ${embedded} runs so far`);
      if (pass.claimed === 0 || pass.embedded + pass.failed + pass.purged === 0) break;
    }
    const counts = await states.countByState();
    return { visited, embedded, failed, remaining: counts.pending + counts.purge };
  } finally {
    await ctx.close();
  }
}

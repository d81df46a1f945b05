import { Injectable } from '@nestjs/common';
import { Counter, Gauge } from 'prom-client';
import { MetricsService } from '../../common/metrics/metrics.service';
import { RunEmbeddingStateRepository } from './run-embedding-state.repository';

/** The embedding pipeline's series on the app's registry. The backlog is read from the outbox at scrape time. */
@Injectable()
export class SimilarityMetrics {
  readonly attempts: Counter<'result'>;
  readonly backlog: Gauge;
  readonly failedRuns: Gauge;

  constructor(metrics: MetricsService, states: RunEmbeddingStateRepository) {
    let counting: Promise<void> | undefined;
    let counts = { pending: 0, failed: 0, purge: 0 };
    // One outbox query per scrape serves both gauges; a database outage keeps the last values.
    const refresh = () =>
      (counting ??= states
        .countByState()
        .then((c) => {
          counts = c;
        })
        .catch(() => undefined)
        .finally(() => {
          counting = undefined;
        }));
    this.attempts = new Counter({
      name: 'neuralops_embedding_runs_total',
      help: 'Runs the embedding worker handled, by result (embedded, retried, failed for good)',
      labelNames: ['result'] as const,
      registers: [metrics.registry],
    });
    this.backlog = new Gauge({
      name: 'neuralops_embedding_backlog',
      help: 'Runs waiting to be embedded (or to have their vector removed)',
      registers: [metrics.registry],
      async collect() {
        await refresh();
        this.set(counts.pending + counts.purge);
      },
    });
    this.failedRuns = new Gauge({
      name: 'neuralops_embedding_failed_runs',
      help: 'Runs whose embedding failed for good (see GET /runs/:id/similar for the error)',
      registers: [metrics.registry],
      async collect() {
        await refresh();
        this.set(counts.failed);
      },
    });
  }
}

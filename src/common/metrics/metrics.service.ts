import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

/**
 * One Prometheus registry per app instance (tests boot several apps in one process, so the
 * global default registry is not used). Label sets are bounded: route patterns, never raw paths.
 */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();

  readonly httpRequests = new Counter({
    name: 'neuralops_http_requests_total',
    help: 'HTTP requests served, by method, route pattern and status code',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [this.registry],
  });

  readonly httpDuration = new Histogram({
    name: 'neuralops_http_request_duration_seconds',
    help: 'HTTP request latency, by method and route pattern',
    labelNames: ['method', 'route'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  readonly runsIngested = new Counter({
    name: 'neuralops_runs_ingested_total',
    help: 'Run writes accepted, by run status and whether the write created or updated the run',
    labelNames: ['status', 'result'] as const,
    registers: [this.registry],
  });

  readonly runWriteGroupSize = new Histogram({
    name: 'neuralops_run_write_group_size',
    help: 'New runs of concurrent POST /runs calls written together in one statement (PostgreSQL group commit)',
    buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256],
    registers: [this.registry],
  });

  readonly otlpSpans = new Counter({
    name: 'neuralops_otlp_spans_total',
    help: 'OTLP spans received: accepted (stored, or merged as seen before), ignored (a trace with no agent, graph, node or model span), rejected (partial_success)',
    labelNames: ['result'] as const,
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'neuralops_process_' });
  }

  async render(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}

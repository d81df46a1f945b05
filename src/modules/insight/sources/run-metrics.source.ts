import { Injectable } from '@nestjs/common';
import { AppError } from '../../../common/errors/app-error';
import { RUN_METRICS, RunMetric } from '../domain/probe';
import { QueryRange } from '../domain/range';
import { Series } from '../domain/series';
import { RunMetricsRepository } from '../run-metrics.repository';

export function isRunMetric(query: string): query is RunMetric {
  return (RUN_METRICS as readonly string[]).includes(query);
}

/**
 * Run metrics from `workflow_runs`, one point per complete bucket of `step` (the bucket starting
 * at `range.endMs` is still filling and is left out), one series per workflow unless `wpkId`
 * names one. Empty buckets count 0 runs; the other metrics have no point there.
 */
@Injectable()
export class RunMetricsSource {
  constructor(private readonly repository: RunMetricsRepository) {}

  validate(query: string): void {
    if (!isRunMetric(query)) {
      throw new AppError('PROBE_QUERY_INVALID', `the runs source knows ${RUN_METRICS.join(', ')}; got "${query}"`);
    }
  }

  async query(query: string, range: QueryRange, wpkId: string | null): Promise<Series[]> {
    this.validate(query);
    const metric = query as RunMetric;
    const stepS = range.stepMs / 1000;
    const rows = await this.repository.buckets(metric, range.startMs, range.endMs, stepS, wpkId);
    const byWorkflow = new Map<string, Map<number, number>>();
    if (wpkId !== null) byWorkflow.set(wpkId, new Map());
    for (const r of rows) {
      if (!byWorkflow.has(r.wpk_id)) byWorkflow.set(r.wpk_id, new Map());
      byWorkflow.get(r.wpk_id)!.set(r.bucket_s * 1000, r.value);
    }
    const out: Series[] = [];
    for (const [wpk, buckets] of [...byWorkflow].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      const points: Array<[number, number]> = [];
      for (let t = range.startMs; t < range.endMs; t += range.stepMs) {
        const v = buckets.get(t);
        if (v !== undefined) points.push([t, v]);
        else if (metric === 'runs_count') points.push([t, 0]);
      }
      if (points.length) out.push({ metric, labels: { wpk_id: wpk }, points });
    }
    return out;
  }
}

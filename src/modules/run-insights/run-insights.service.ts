import { Injectable, Logger, Optional } from '@nestjs/common';
import { AppError } from '../../common/errors/app-error';
import { STATS_WINDOWS, StatsWindow } from '../registry/domain/stats-window';
import { WorkflowsService } from '../registry/workflows.service';
import { RunsService } from '../runs/runs.service';
import { SimilarityService } from '../similarity/similarity.service';
import { clusterFailures, FailureCluster } from './domain/clusters';
import { FailingNode, failingNodes, Regression, regressions, SlowNode, slowestNodes, TOP_ERRORS } from './domain/node-insights';
import { RunNodesRepository } from './run-nodes.repository';

/** Failed runs grouped per request: the window's latest. */
export const MAX_CLUSTERED_RUNS = 1000;

export interface FailureClustering {
  failed_runs: number;
  embedded: number;
  reason: string | null;
}

export interface WorkflowInsights {
  workflow_id: string;
  window: StatsWindow;
  from: Date;
  to: Date;
  previous_from: Date;
  slowest_nodes: SlowNode[];
  failing_nodes: FailingNode[];
  failure_clusters: FailureCluster[] | null;
  failure_clustering: FailureClustering;
  regressions: Regression[];
}

/**
 * Insights from a workflow's run history: per-node durations and failures aggregated in the
 * database over the node rows, the tests and the wording in the domain, and failed runs grouped
 * by their embeddings when similar-run search is on.
 */
@Injectable()
export class RunInsightsService {
  private readonly logger = new Logger(RunInsightsService.name);

  constructor(
    private readonly nodes: RunNodesRepository,
    private readonly runs: RunsService,
    private readonly workflows: WorkflowsService,
    @Optional() private readonly similarity?: SimilarityService,
  ) {}

  async insights(wpkId: string, window: StatsWindow, now = new Date()): Promise<WorkflowInsights> {
    await this.workflows.get(wpkId);
    const length = STATS_WINDOWS[window];
    const to = now;
    const from = new Date(now.getTime() - length);
    const previousFrom = new Date(from.getTime() - length);
    const [figures, errors, clusters] = await Promise.all([
      this.nodes.windowFigures(wpkId, previousFrom, from, to),
      this.nodes.topErrors(wpkId, from, to, TOP_ERRORS),
      this.failureClusters(wpkId, from, to),
    ]);
    return {
      workflow_id: wpkId,
      window,
      from,
      to,
      previous_from: previousFrom,
      slowest_nodes: slowestNodes(figures.nodes, figures.run_duration_sum_ms),
      failing_nodes: failingNodes(figures.nodes, errors),
      failure_clusters: clusters.clusters,
      failure_clustering: clusters.clustering,
      regressions: regressions(figures.nodes, from, length),
    };
  }

  private async failureClusters(wpkId: string, from: Date, to: Date): Promise<{ clusters: FailureCluster[] | null; clustering: FailureClustering }> {
    if (!this.similarity) {
      return { clusters: null, clustering: { failed_runs: 0, embedded: 0, reason: 'similar-run search is off (EMBEDDINGS_ENABLED=false): failed runs have no embeddings to group by' } };
    }
    const failed = await this.runs.latestFailed(wpkId, from, to, MAX_CLUSTERED_RUNS);
    if (!failed.length) return { clusters: [], clustering: { failed_runs: 0, embedded: 0, reason: null } };
    let vectors: Map<string, Float32Array>;
    try {
      vectors = await this.similarity.vectorsOf(failed.map((r) => r.id));
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      this.logger.warn(`insights for ${wpkId}: failure clusters left out: ${err.message}`);
      return { clusters: null, clustering: { failed_runs: failed.length, embedded: 0, reason: err.message } };
    }
    const clustering = { failed_runs: failed.length, embedded: vectors.size, reason: null as string | null };
    if (vectors.size * 2 < failed.length) {
      clustering.reason = `${failed.length - vectors.size} of the window's latest ${failed.length} failed runs are not embedded yet; clusters appear once most of them are (runs stored before similar-run search was on need \`npm run embeddings:backfill\`)`;
      return { clusters: null, clustering };
    }
    const members = failed.flatMap((r) => {
      const vector = vectors.get(r.id);
      return vector ? [{ id: r.id, at: r.happened_at, error: r.error, vector }] : [];
    });
    return { clusters: clusterFailures(members), clustering };
  }
}

import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { int, TIMESTAMP } from '../../../common/openapi/schemas';
import { DEFAULT_STATS_WINDOW, STATS_WINDOW_NAMES, type StatsWindow } from '../../registry/domain/stats-window';
import type { WorkflowInsights } from '../run-insights.service';

export class WorkflowInsightsQueryDto {
  @ApiPropertyOptional({ enum: STATS_WINDOW_NAMES, default: DEFAULT_STATS_WINDOW, description: 'the window the insights cover, ending now; each is compared with the window of the same length before it' })
  @IsOptional()
  @IsIn(STATS_WINDOW_NAMES)
  window?: StatsWindow;
}

const MS = { ...int(0), nullable: true } as const;
const RATIO_CHANGE = { type: Number, nullable: true, description: 'against the previous window, as a ratio minus one (0.25: a quarter more); null when either side has no figure' } as const;

export class PreviousNodeDurationsDto {
  @ApiProperty({ ...int(0), example: 980 }) executions!: number;
  @ApiProperty({ ...MS, example: 300 }) p50_ms!: number | null;
  @ApiProperty({ ...MS, example: 310 }) p95_ms!: number | null;
}

export class SlowNodeDto {
  @ApiProperty({ type: String, example: 'enrich' }) node!: string;
  @ApiProperty({ ...int(0), example: 1012, description: "the node's executions in the window (a node run twice in one run counts twice)" }) executions!: number;
  @ApiProperty({ ...MS, example: 420, description: 'nearest-rank median of its durations' }) p50_ms!: number | null;
  @ApiProperty({ ...MS, example: 1200, description: 'nearest-rank 95th percentile' }) p95_ms!: number | null;
  @ApiProperty({
    type: Number, minimum: 0, nullable: true, example: 0.41,
    description: "the node's time over the time of the window's runs (each run's duration_ms, runs with node logs); parallel nodes can add up past 1; null when no run reported a duration",
  })
  share_of_run_time!: number | null;
  @ApiProperty({ type: PreviousNodeDurationsDto, description: 'the same node in the window before' }) previous!: PreviousNodeDurationsDto;
  @ApiProperty({ ...RATIO_CHANGE, example: 2.87 }) p95_change!: number | null;
  @ApiProperty({ ...RATIO_CHANGE, example: 0.4 }) p50_change!: number | null;
}

export class NodeErrorDto {
  @ApiProperty({ type: String, nullable: true, example: 'RateLimitError: 429 Too Many Requests', description: 'the error text (first 500 characters); null for failures logged without one' })
  error!: string | null;
  @ApiProperty({ ...int(1), example: 31 }) count!: number;
}

export class FailingNodeDto {
  @ApiProperty({ type: String, example: 'ocr' }) node!: string;
  @ApiProperty({ ...int(0), example: 1012 }) executions!: number;
  @ApiProperty({ ...int(1), example: 44, description: "executions whose node log has status `failed` or `error`, or an error text" }) failures!: number;
  @ApiProperty({ type: Number, minimum: 0, maximum: 1, example: 0.0435 }) failure_ratio!: number;
  @ApiProperty({ type: Number, minimum: 0, maximum: 1, nullable: true, example: 0.004, description: 'in the window before; null when the node did not run then' })
  previous_failure_ratio!: number | null;
  @ApiProperty({ type: [NodeErrorDto], description: 'its commonest error texts in the window, at most 3, most frequent first' }) top_errors!: NodeErrorDto[];
}

export class FailureClusterDto {
  @ApiProperty({ ...int(1), example: 57 }) size!: number;
  @ApiProperty({ ...TIMESTAMP, description: 'when its first run happened' }) first_seen!: string;
  @ApiProperty({ ...TIMESTAMP, description: 'when its latest run happened' }) last_seen!: string;
  @ApiProperty({ type: String, nullable: true, example: 'TimeoutError: OCR service did not answer within 30000 ms', description: "the error of the run nearest the cluster's centre" })
  representative_error!: string | null;
  @ApiProperty({ type: [String], format: 'uuid', maxItems: 5, description: 'ids of its latest runs (GET /runs/:id), newest first, at most 5' }) run_ids!: string[];
}

export class FailureClusteringDto {
  @ApiProperty({ ...int(0, 1000), example: 1000, description: "the window's latest failed runs considered (at most 1,000)" }) failed_runs!: number;
  @ApiProperty({ ...int(0, 1000), example: 996, description: 'of them, runs with an embedding under the current model' }) embedded!: number;
  @ApiProperty({
    type: String, nullable: true, example: null,
    description: 'why failure_clusters is null: similar-run search is off, the vector store did not answer, or most of the failed runs are not embedded yet',
  })
  reason!: string | null;
}

export class RegressionSamplesDto {
  @ApiProperty({ ...int(0), example: 1012 }) current!: number;
  @ApiProperty({ ...int(0), example: 980 }) previous!: number;
}

export class RegressionDto {
  @ApiProperty({ type: String, example: 'enrich' }) node!: string;
  @ApiProperty({ enum: ['duration', 'failure_ratio'], example: 'duration' }) kind!: 'duration' | 'failure_ratio';
  @ApiProperty({ type: String, example: 'node `enrich` p95 rose from 310 ms to 1.2 s since 2026-12-01' }) message!: string;
  @ApiProperty({ enum: ['p50_ms', 'p95_ms', 'failure_ratio'], example: 'p95_ms', description: 'the figure `from` and `to` are' }) metric!: 'p50_ms' | 'p95_ms' | 'failure_ratio';
  @ApiProperty({ type: Number, example: 310, description: 'in the window before' }) from!: number;
  @ApiProperty({ type: Number, example: 1200, description: 'in the window' }) to!: number;
  @ApiProperty({ type: Number, minimum: 0, maximum: 0.01, example: 0.00001, description: "two-sided p-value of Mann-Whitney U (duration) or the two-proportion z-test (failure ratio)" })
  p_value!: number;
  @ApiProperty({ type: Number, example: 6.2, description: "the test's standard normal statistic (positive: the window is worse)" }) z!: number;
  @ApiProperty({ type: RegressionSamplesDto, description: 'executions compared (timed ones for duration)' }) samples!: RegressionSamplesDto;
  @ApiProperty({ ...TIMESTAMP, description: "the window's start" }) since!: string;
}

@ApiSchema({ description: "What a workflow's run history says about its nodes over a window, against the window of the same length before it" })
export class WorkflowInsightsDto {
  @ApiProperty({ type: String, example: 'invoice-agent' }) workflow_id!: string;
  @ApiProperty({ enum: STATS_WINDOW_NAMES, example: '7d' }) window!: StatsWindow;
  @ApiProperty({ ...TIMESTAMP, description: 'the window is [from, to)' }) from!: string;
  @ApiProperty({ ...TIMESTAMP }) to!: string;
  @ApiProperty({ ...TIMESTAMP, description: 'the window compared with is [previous_from, from)' }) previous_from!: string;
  @ApiProperty({ type: [SlowNodeDto], maxItems: 50, description: 'nodes with durations, slowest p95 first, at most 50' }) slowest_nodes!: SlowNodeDto[];
  @ApiProperty({ type: [FailingNodeDto], maxItems: 50, description: 'nodes that failed in the window, most failures first, at most 50' }) failing_nodes!: FailingNodeDto[];
  @ApiProperty({ type: [FailureClusterDto], nullable: true, description: "the window's latest failed runs grouped by embedding similarity, largest first; null when failure_clustering.reason says why" })
  failure_clusters!: FailureClusterDto[] | null;
  @ApiProperty({ type: FailureClusteringDto }) failure_clustering!: FailureClusteringDto;
  @ApiProperty({ type: [RegressionDto], description: 'nodes that got slower or fail more than in the window before (p < 0.01, at least 30 samples a side), strongest evidence first' })
  regressions!: RegressionDto[];
}

export function toWorkflowInsightsDto(i: WorkflowInsights): WorkflowInsightsDto {
  return {
    workflow_id: i.workflow_id,
    window: i.window,
    from: i.from.toISOString(),
    to: i.to.toISOString(),
    previous_from: i.previous_from.toISOString(),
    slowest_nodes: i.slowest_nodes.map((n) => ({ ...n, previous: { ...n.previous } })),
    failing_nodes: i.failing_nodes.map((n) => ({ ...n, top_errors: n.top_errors.map((e) => ({ error: e.error, count: e.count })) })),
    failure_clusters: i.failure_clusters?.map((c) => ({
      size: c.size,
      first_seen: c.first_seen.toISOString(),
      last_seen: c.last_seen.toISOString(),
      representative_error: c.representative_error,
      run_ids: c.run_ids,
    })) ?? null,
    failure_clustering: { ...i.failure_clustering },
    regressions: i.regressions.map((r) => ({
      node: r.node,
      kind: r.kind,
      message: r.message,
      metric: r.metric,
      from: r.from,
      to: r.to,
      p_value: r.p_value,
      z: r.z,
      samples: { ...r.samples },
      since: r.since.toISOString(),
    })),
  };
}

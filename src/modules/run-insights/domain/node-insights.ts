import { mannWhitneyFromRankSums, RankSums, twoProportionZTest } from './statistics';

/** Below this many samples on either side a node is not tested for a regression. */
export const MIN_SAMPLES = 30;
/** A test's two-sided p-value must be below this for a regression. */
export const SIGNIFICANCE = 0.01;
/** Error texts listed per failing node. */
export const TOP_ERRORS = 3;
/** Nodes listed as slowest and as failing: a workflow whose node names vary per run can have thousands. */
export const MAX_LISTED_NODES = 50;

/** One node's figures over one window, as the database aggregates them. */
export interface NodeWindowFigures {
  executions: number;
  /** executions with a duration */
  timed: number;
  failures: number;
  p50_ms: number | null;
  p95_ms: number | null;
  duration_sum_ms: number;
}

/** One node over the window and the one before it; `ranks` has the window as its first sample. */
export interface NodeFigures {
  node: string;
  current: NodeWindowFigures;
  previous: NodeWindowFigures;
  ranks: RankSums;
}

export interface NodeError {
  error: string | null;
  count: number;
}

export interface SlowNode {
  node: string;
  executions: number;
  p50_ms: number | null;
  p95_ms: number | null;
  /** the node's time over the runs' time in the window (parallel nodes can add up past 1); null when no run reported a duration */
  share_of_run_time: number | null;
  previous: { executions: number; p50_ms: number | null; p95_ms: number | null };
  /** p95 against the previous window's, as a ratio minus one (0.25: a quarter slower); null when either is missing */
  p95_change: number | null;
  p50_change: number | null;
}

export interface FailingNode {
  node: string;
  executions: number;
  failures: number;
  failure_ratio: number;
  previous_failure_ratio: number | null;
  top_errors: NodeError[];
}

export type RegressionKind = 'duration' | 'failure_ratio';

export interface Regression {
  node: string;
  kind: RegressionKind;
  /** e.g. "node `enrich` p95 rose from 310 ms to 1.2 s since 2026-12-01" */
  message: string;
  /** the figure compared: p95 (or p50) in ms for duration, the ratio for failures */
  metric: 'p50_ms' | 'p95_ms' | 'failure_ratio';
  from: number;
  to: number;
  p_value: number;
  /** Mann-Whitney's standardised U, or the z of the proportions */
  z: number;
  samples: { current: number; previous: number };
  since: Date;
}

const change = (now: number | null, before: number | null) => (now === null || before === null || before === 0 ? null : round(now / before - 1, 4));
const round = (v: number, digits: number) => Math.round(v * 10 ** digits) / 10 ** digits;

/** Nodes by p95 duration, slowest first (then by name), at most MAX_LISTED_NODES. */
export function slowestNodes(nodes: readonly NodeFigures[], runDurationSumMs: number): SlowNode[] {
  return nodes
    .filter((n) => n.current.timed > 0)
    .map((n) => ({
      node: n.node,
      executions: n.current.executions,
      p50_ms: n.current.p50_ms,
      p95_ms: n.current.p95_ms,
      share_of_run_time: runDurationSumMs > 0 ? round(n.current.duration_sum_ms / runDurationSumMs, 4) : null,
      previous: { executions: n.previous.executions, p50_ms: n.previous.p50_ms, p95_ms: n.previous.p95_ms },
      p95_change: change(n.current.p95_ms, n.previous.p95_ms),
      p50_change: change(n.current.p50_ms, n.previous.p50_ms),
    }))
    .sort((a, b) => (b.p95_ms ?? 0) - (a.p95_ms ?? 0) || (a.node < b.node ? -1 : 1))
    .slice(0, MAX_LISTED_NODES);
}

/** Nodes that failed in the window, most failures first (then by ratio, then name), at most MAX_LISTED_NODES. */
export function failingNodes(nodes: readonly NodeFigures[], errors: ReadonlyMap<string, NodeError[]>): FailingNode[] {
  return nodes
    .filter((n) => n.current.failures > 0)
    .map((n) => ({
      node: n.node,
      executions: n.current.executions,
      failures: n.current.failures,
      failure_ratio: round(n.current.failures / n.current.executions, 4),
      previous_failure_ratio: n.previous.executions ? round(n.previous.failures / n.previous.executions, 4) : null,
      top_errors: (errors.get(n.node) ?? []).slice(0, TOP_ERRORS),
    }))
    .sort((a, b) => b.failures - a.failures || b.failure_ratio - a.failure_ratio || (a.node < b.node ? -1 : 1))
    .slice(0, MAX_LISTED_NODES);
}

/** "310 ms", "1.2 s", "4.5 min", "2.1 h". */
export function formatDuration(ms: number): string {
  const trim = (v: number) => (Math.abs(v) >= 100 ? Math.round(v).toString() : Number(v.toPrecision(2)).toString());
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${trim(ms / 1000)} s`;
  if (ms < 3_600_000) return `${trim(ms / 60_000)} min`;
  return `${trim(ms / 3_600_000)} h`;
}

/** "12.5%", "0.4%". */
export function formatRatio(ratio: number): string {
  return `${Number((ratio * 100).toFixed(1))}%`;
}

/** A UTC date, with the time when the window is shorter than a week: "2026-12-01", "2026-12-02 13:00 UTC". */
export function formatSince(since: Date, windowMs: number): string {
  const iso = since.toISOString();
  return windowMs >= 7 * 86_400_000 ? iso.slice(0, 10) : `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

/**
 * Nodes whose duration rose (Mann-Whitney U) or whose failure ratio rose (two-proportion z-test)
 * against the previous window, each with at least MIN_SAMPLES on both sides and p < SIGNIFICANCE;
 * the strongest evidence first.
 */
export function regressions(nodes: readonly NodeFigures[], since: Date, windowMs: number): Regression[] {
  const when = formatSince(since, windowMs);
  const out: Regression[] = [];
  for (const n of nodes) {
    const { current: cur, previous: prev } = n;
    if (cur.timed >= MIN_SAMPLES && prev.timed >= MIN_SAMPLES) {
      const test = mannWhitneyFromRankSums(n.ranks);
      if (test && test.z > 0 && test.p < SIGNIFICANCE) {
        const p95Rose = cur.p95_ms !== null && prev.p95_ms !== null && cur.p95_ms > prev.p95_ms;
        const metric = p95Rose ? 'p95_ms' : 'p50_ms';
        const from = (p95Rose ? prev.p95_ms : prev.p50_ms) ?? 0;
        const to = (p95Rose ? cur.p95_ms : cur.p50_ms) ?? 0;
        // the ranks moved up although neither percentile did: say what the test saw
        const what = p95Rose ? 'p95 rose' : to > from ? 'median rose' : 'durations rose (ranked), median';
        out.push({
          node: n.node,
          kind: 'duration',
          message: `node \`${n.node}\` ${what} from ${formatDuration(from)} to ${formatDuration(to)} since ${when}`,
          metric,
          from,
          to,
          p_value: test.p,
          z: round(test.z, 4),
          samples: { current: cur.timed, previous: prev.timed },
          since,
        });
      }
    }
    if (cur.executions >= MIN_SAMPLES && prev.executions >= MIN_SAMPLES) {
      const test = twoProportionZTest(cur.failures, cur.executions, prev.failures, prev.executions);
      if (test && test.z > 0 && test.p < SIGNIFICANCE) {
        out.push({
          node: n.node,
          kind: 'failure_ratio',
          message: `node \`${n.node}\` failure ratio rose from ${formatRatio(test.p2)} to ${formatRatio(test.p1)} since ${when}`,
          metric: 'failure_ratio',
          from: round(test.p2, 4),
          to: round(test.p1, 4),
          p_value: test.p,
          z: round(test.z, 4),
          samples: { current: cur.executions, previous: prev.executions },
          since,
        });
      }
    }
  }
  return out.sort((a, b) => a.p_value - b.p_value || (a.node < b.node ? -1 : 1));
}

/**
 * A run's node logs as the rows insights read (`workflow_run_nodes`): one per log that names its
 * node, kept at its position in the run's `node_logs`. The migration that fills the table for runs
 * stored before it applies these same rules in SQL; keep the two in step.
 */

/** Longest error text kept per node row (in characters): enough to tell errors apart, not a copy of each. */
export const MAX_NODE_ROW_ERROR = 500;
/** Node-log statuses that count as a failure, besides a non-empty `error`. */
export const FAILED_NODE_STATUSES: readonly string[] = ['failed', 'error'];

export interface NodeRow {
  position: number;
  node: string;
  duration_ms: number | null;
  failed: boolean;
  error: string | null;
  /** the run's duration, on the run's first node row only, so that sums count each run once */
  run_duration_ms: number | null;
}

function clipChars(text: string, max: number): string {
  if (text.length <= max) return text;
  const chars = Array.from(text);
  return chars.length <= max ? text : chars.slice(0, max).join('');
}

/** The node rows of a run. */
export function nodeRows(nodeLogs: unknown[] | null, runDurationMs: number | null): NodeRow[] {
  if (!Array.isArray(nodeLogs)) return [];
  const rows: NodeRow[] = [];
  nodeLogs.forEach((item, position) => {
    if (item === null || typeof item !== 'object' || Array.isArray(item)) return;
    const log = item as Record<string, unknown>;
    if (typeof log.node !== 'string') return;
    const error = typeof log.error === 'string' && log.error !== '' ? clipChars(log.error, MAX_NODE_ROW_ERROR) : null;
    const failed = error !== null || (typeof log.status === 'string' && FAILED_NODE_STATUSES.includes(log.status));
    rows.push({
      position,
      node: log.node,
      duration_ms: typeof log.duration_ms === 'number' && Number.isInteger(log.duration_ms) ? log.duration_ms : null,
      failed,
      error,
      run_duration_ms: position === 0 ? runDurationMs : null,
    });
  });
  return rows;
}

const FIVE_MINUTES_MS = 300_000;

/** When a run happened: RUN_HAPPENED_AT_SQL in TypeScript (started_at, unless absent or over 5 min after created_at). */
export function happenedAt(run: { started_at: Date | null; created_at: Date }): Date {
  return run.started_at && run.started_at.getTime() - run.created_at.getTime() <= FIVE_MINUTES_MS ? run.started_at : run.created_at;
}

/**
 * When a run happened, for anything bucketed by time: its started_at, unless it has none or it is
 * more than HAPPENED_AT_SKEW_MS after created_at (a clock the server cannot trust), then created_at.
 * A started_at earlier than created_at is kept: runs recorded after the fact happened when they started.
 */
export const HAPPENED_AT_SKEW_MS = 5 * 60_000;

export function happenedAt(run: { started_at: Date | null; created_at: Date }): Date {
  if (run.started_at && run.started_at.getTime() <= run.created_at.getTime() + HAPPENED_AT_SKEW_MS) return run.started_at;
  return run.created_at;
}

/**
 * A run can only have happened at most HAPPENED_AT_SKEW_MS after it was created, so runs that
 * happened at or after `t` were created at or after this: a bound an index on created_at can use.
 */
export function createdAtLowerBound(happenedFrom: Date): Date {
  return new Date(happenedFrom.getTime() - HAPPENED_AT_SKEW_MS);
}

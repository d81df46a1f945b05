/** Prometheus refuses a query_range that would return more than this many points per series. */
export const PROMETHEUS_MAX_POINTS = 11_000;

export interface QueryRange {
  /** ms since the epoch, multiples of stepMs */
  startMs: number;
  endMs: number;
  stepMs: number;
  /** points per series: (end - start) / step + 1 */
  points: number;
}

/**
 * The evaluation range of a probe: `step` widened (to whole seconds) until the lookback fits in
 * PROMETHEUS_MAX_POINTS, then start and end aligned down to multiples of it, so two probes a few
 * seconds apart ask for identical sample timestamps.
 */
export function planRange(nowMs: number, lookbackMs: number, requestedStepMs: number): QueryRange {
  const minStep = Math.ceil(lookbackMs / (PROMETHEUS_MAX_POINTS - 1) / 1000) * 1000;
  const stepMs = Math.max(requestedStepMs, minStep, 1000);
  const endMs = Math.floor(nowMs / stepMs) * stepMs;
  const intervals = Math.ceil(lookbackMs / stepMs);
  const startMs = endMs - intervals * stepMs;
  return { startMs, endMs, stepMs, points: intervals + 1 };
}

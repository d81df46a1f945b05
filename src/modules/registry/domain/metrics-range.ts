import type { FieldError } from '../../../common/errors/app-error';

/** A metrics answer never has more buckets than this. */
export const MAX_METRIC_BUCKETS = 2000;
export const DEFAULT_METRICS_SPAN_MS = 86_400_000;
/** What `step` accepts: a whole number of seconds, minutes, hours or days. */
export const METRICS_STEP_PATTERN = '^[1-9][0-9]{0,6}(s|m|h|d)$';

const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
/** Steps picked when none is asked for: the finest that keeps a range within AUTO_BUCKETS buckets. */
const AUTO_STEPS = ['1m', '5m', '15m', '1h', '3h', '6h', '1d', '7d'];
const AUTO_BUCKETS = 200;

export function parseMetricsStep(step: string): number | undefined {
  const m = new RegExp(METRICS_STEP_PATTERN).exec(step);
  return m ? Number(step.slice(0, -1)) * UNIT_MS[m[1]] : undefined;
}

export interface MetricsRange {
  /** the first bucket's start: `from` aligned down to a multiple of the step (UTC) */
  startMs: number;
  /** the range's end (exclusive); the last bucket may reach past it and is still filling */
  endMs: number;
  stepMs: number;
  step: string;
  buckets: number;
}

/**
 * The buckets of a metrics request: `to` defaults to now and `from` to a day before it; without a
 * step, the finest of 1m, 5m, 15m, 1h, 3h, 6h, 1d and 7d giving at most 200 buckets. Answers the
 * field errors instead when the range is empty or needs more than MAX_METRIC_BUCKETS buckets.
 */
export function planMetricsRange(input: { from?: Date; to?: Date; step?: string }, now: Date): MetricsRange | FieldError[] {
  const endMs = (input.to ?? now).getTime();
  const fromMs = input.from ? input.from.getTime() : endMs - DEFAULT_METRICS_SPAN_MS;
  if (fromMs >= endMs) return [{ field: input.from ? 'from' : 'to', message: input.from ? 'must be before to' : 'must be after from' }];
  const plan = (step: string): MetricsRange => {
    const stepMs = parseMetricsStep(step)!;
    const startMs = Math.floor(fromMs / stepMs) * stepMs;
    return { startMs, endMs, stepMs, step, buckets: Math.ceil((endMs - startMs) / stepMs) };
  };
  if (input.step !== undefined) {
    if (parseMetricsStep(input.step) === undefined) return [{ field: 'step', message: 'must be a whole number of s, m, h or d, such as 5m or 1h' }];
    const range = plan(input.step);
    if (range.buckets > MAX_METRIC_BUCKETS) {
      return [{ field: 'step', message: `gives ${range.buckets} buckets over the range; at most ${MAX_METRIC_BUCKETS} (take a larger step or a shorter range)` }];
    }
    return range;
  }
  for (const step of AUTO_STEPS) {
    const range = plan(step);
    if (range.buckets <= AUTO_BUCKETS) return range;
  }
  const range = plan(AUTO_STEPS[AUTO_STEPS.length - 1]);
  if (range.buckets > MAX_METRIC_BUCKETS) return [{ field: 'from', message: `the range needs more than ${MAX_METRIC_BUCKETS} buckets of 7d` }];
  return range;
}

/** The share of finished runs (not running) that failed; null when none finished. */
export function failureRatio(failed: number, runs: number, running: number): number | null {
  const finished = runs - running;
  return finished > 0 ? failed / finished : null;
}

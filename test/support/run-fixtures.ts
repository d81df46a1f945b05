const MIN = 60_000;

/**
 * `minutes` runs of one workflow, one a minute ending just before now, whose last `jump` runs take
 * 9 s instead of about 1 s: a clear step a run-metric probe must flag.
 */
export function runsWithJump(wpk: string, now: number, minutes: number, jump: number): Array<Record<string, unknown>> {
  const end = Math.floor(now / MIN) * MIN - MIN;
  return Array.from({ length: minutes }, (_, i) => ({
    wpk_id: wpk,
    run_id: `${wpk}-${i}`,
    status: 'completed',
    duration_ms: i >= minutes - jump ? 9000 : 1000 + ((i * 37) % 100),
    created_at: new Date(end - (minutes - 1 - i) * MIN + 5_000).toISOString(),
  }));
}

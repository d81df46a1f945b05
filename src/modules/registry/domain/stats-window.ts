/** The windows GET /workflows/:id/stats accepts, as lengths in milliseconds. */
export const STATS_WINDOWS = {
  '1h': 3_600_000,
  '24h': 86_400_000,
  '7d': 7 * 86_400_000,
  '30d': 30 * 86_400_000,
} as const;

export type StatsWindow = keyof typeof STATS_WINDOWS;
export const STATS_WINDOW_NAMES = Object.keys(STATS_WINDOWS) as StatsWindow[];
export const DEFAULT_STATS_WINDOW: StatsWindow = '24h';

export function isStatsWindow(value: unknown): value is StatsWindow {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(STATS_WINDOWS, value);
}

/** The start of the window that ends at `now`. */
export function windowStart(window: StatsWindow, now: Date): Date {
  return new Date(now.getTime() - STATS_WINDOWS[window]);
}

/** completed / runs, or null when there were no runs. */
export function successRate(completed: number, runs: number): number | null {
  return runs === 0 ? null : completed / runs;
}

import { isStatsWindow, STATS_WINDOW_NAMES, successRate, windowStart } from './stats-window';

describe('stats windows', () => {
  it('accepts exactly 1h, 24h, 7d and 30d', () => {
    expect(STATS_WINDOW_NAMES).toEqual(['1h', '24h', '7d', '30d']);
    for (const w of STATS_WINDOW_NAMES) expect(isStatsWindow(w)).toBe(true);
    for (const w of ['2h', '1d', '', '24H', 'constructor', '__proto__', 24, null]) expect(isStatsWindow(w)).toBe(false);
  });

  it('starts the window its length before now', () => {
    const now = new Date('2026-01-31T12:00:00Z');
    expect(windowStart('1h', now).toISOString()).toBe('2026-01-31T11:00:00.000Z');
    expect(windowStart('24h', now).toISOString()).toBe('2026-01-30T12:00:00.000Z');
    expect(windowStart('7d', now).toISOString()).toBe('2026-01-24T12:00:00.000Z');
    expect(windowStart('30d', now).toISOString()).toBe('2026-01-01T12:00:00.000Z');
  });

  it('success rate is completed over runs, null without runs', () => {
    expect(successRate(3, 4)).toBe(0.75);
    expect(successRate(0, 4)).toBe(0);
    expect(successRate(0, 0)).toBeNull();
  });
});

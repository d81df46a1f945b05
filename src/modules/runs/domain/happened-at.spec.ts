import { createdAtLowerBound, happenedAt, HAPPENED_AT_SKEW_MS } from './happened-at';

describe('happenedAt', () => {
  const created = new Date('2026-01-15T10:00:00.000Z');
  it('is started_at when the run has one within the skew of created_at', () => {
    const started = new Date('2026-01-15T09:00:00.000Z');
    expect(happenedAt({ started_at: started, created_at: created })).toBe(started);
    const late = new Date(created.getTime() + HAPPENED_AT_SKEW_MS);
    expect(happenedAt({ started_at: late, created_at: created })).toBe(late);
  });
  it('is created_at without started_at, or when started_at is more than 5 min after it', () => {
    expect(happenedAt({ started_at: null, created_at: created })).toBe(created);
    expect(happenedAt({ started_at: new Date(created.getTime() + HAPPENED_AT_SKEW_MS + 1), created_at: created })).toBe(created);
  });
  it('bounds created_at from below for runs that happened from a time on', () => {
    const from = new Date('2026-01-15T10:00:00.000Z');
    expect(createdAtLowerBound(from).toISOString()).toBe('2026-01-15T09:55:00.000Z');
  });
});

import { compareCodePoints, compareRunKeys, decideLatest, runKey, RunKey } from './latest-run';

const key = (iso: string, run_id: string): RunKey => ({ at: new Date(iso), run_id });
type R = { run_id: string; at: string };
const keyOf = (r: R) => key(r.at, r.run_id);
const written = (...runs: R[]) => new Map(runs.map((r) => [r.run_id, r]));

describe('latest-run key', () => {
  it('uses started_at, falling back to created_at', () => {
    const created_at = new Date('2026-01-01T00:00:00Z');
    expect(runKey({ run_id: 'a', started_at: null, created_at })).toEqual({ at: created_at, run_id: 'a' });
    const started_at = new Date('2025-01-01T00:00:00Z');
    expect(runKey({ run_id: 'a', started_at, created_at }).at).toBe(started_at);
  });

  it('orders by time, then run_id in code-point order', () => {
    expect(compareRunKeys(key('2026-01-01T00:00:00Z', 'z'), key('2026-01-01T00:00:01Z', 'a'))).toBe(-1);
    expect(compareRunKeys(key('2026-01-01T00:00:00Z', 'b'), key('2026-01-01T00:00:00Z', 'a'))).toBe(1);
    expect(compareRunKeys(key('2026-01-01T00:00:00Z', 'a'), key('2026-01-01T00:00:00Z', 'a'))).toBe(0);
    // UTF-16 puts U+1F600 (a surrogate pair) before U+FFFD; code points, UTF-8 bytes and the databases do not
    expect('\u{1F600}' < '\uFFFD').toBe(true);
    expect(compareCodePoints('\u{1F600}', '\uFFFD')).toBeGreaterThan(0);
    expect(compareCodePoints('B', 'a')).toBeLessThan(0);
  });
});

describe('decideLatest', () => {
  const stored = key('2026-01-01T10:00:00Z', 'm');
  const decide = (input: { stored?: RunKey; written?: Map<string, R>; deleted?: Set<string> }) =>
    decideLatest({ stored: input.stored, written: input.written ?? new Map(), deleted: input.deleted ?? new Set(), keyOf });

  it('takes the greatest written run when there is no stored latest', () => {
    expect(decide({ written: written({ run_id: 'a', at: '2026-01-01T00:00:00Z' }, { run_id: 'b', at: '2026-01-02T00:00:00Z' }) })).toEqual({
      kind: 'set',
      run: { run_id: 'b', at: '2026-01-02T00:00:00Z' },
    });
    expect(decide({})).toEqual({ kind: 'keep' });
  });

  it('keeps the stored latest against older runs, and replaces it with newer or equal ones', () => {
    expect(decide({ stored, written: written({ run_id: 'x', at: '2026-01-01T09:00:00Z' }) })).toEqual({ kind: 'keep' });
    expect(decide({ stored, written: written({ run_id: 'l', at: '2026-01-01T10:00:00Z' }) })).toEqual({ kind: 'keep' });
    expect(decide({ stored, written: written({ run_id: 'n', at: '2026-01-01T10:00:00Z' }) }).kind).toBe('set');
  });

  it('refreshes the stored latest when it is rewritten in place or moves forward', () => {
    expect(decide({ stored, written: written({ run_id: 'm', at: '2026-01-01T10:00:00Z' }) })).toEqual({ kind: 'set', run: { run_id: 'm', at: '2026-01-01T10:00:00Z' } });
    expect(decide({ stored, written: written({ run_id: 'm', at: '2026-02-01T00:00:00Z' }) }).kind).toBe('set');
  });

  it('asks the database when the stored latest moves back in time or is deleted', () => {
    expect(decide({ stored, written: written({ run_id: 'm', at: '2025-01-01T00:00:00Z' }) })).toEqual({ kind: 'recompute' });
    expect(decide({ stored, written: written({ run_id: 'm', at: '2025-01-01T00:00:00Z' }, { run_id: 'z', at: '2027-01-01T00:00:00Z' }) })).toEqual({ kind: 'recompute' });
    expect(decide({ stored, deleted: new Set(['m']) })).toEqual({ kind: 'recompute' });
    expect(decide({ stored, deleted: new Set(['other']) })).toEqual({ kind: 'keep' });
  });
});

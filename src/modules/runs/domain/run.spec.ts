import { CreatingPatch, mergeRun, mergeStatus, newRun, Run } from './run';

const t0 = new Date('2026-01-01T00:00:00Z');
const t1 = new Date('2026-01-01T00:01:00Z');

describe('mergeStatus', () => {
  it.each([
    ['running', 'completed', 'completed'],
    ['running', 'failed', 'failed'],
    ['completed', 'running', 'completed'],
    ['failed', 'running', 'failed'],
    ['cancelled', 'running', 'cancelled'],
    ['failed', 'completed', 'completed'],
    ['completed', 'failed', 'failed'],
    ['running', 'running', 'running'],
    ['failed', undefined, 'failed'],
    ['running', undefined, 'running'],
  ] as const)('%s + %s -> %s', (stored, incoming, expected) => {
    expect(mergeStatus(stored, incoming)).toBe(expected);
  });
});

describe('mergeRun', () => {
  const base: CreatingPatch = { wpk_id: 'w', run_id: 'r', status: 'running', inputs: { a: 1 }, tags: ['x'], node_logs: [{ node: 'a' }] };
  const stored: Run = newRun('id-1', { ...base, created_at: t0 }, t0);

  it('creates with nulls for absent fields and the given created_at', () => {
    expect(stored).toEqual({
      id: 'id-1', wpk_id: 'w', run_id: 'r', status: 'running', inputs: { a: 1 }, outputs: null, duration_ms: null,
      node_logs: [{ node: 'a' }], error: null, tags: ['x'], metadata: null, usage: null, models: null, started_at: null, ended_at: null,
      created_at: t0, updated_at: t0,
    });
    expect(newRun('id-2', base, t1).created_at).toBe(t1);
  });

  it('replaces present fields, keeps absent ones, never moves created_at', () => {
    const merged = mergeRun(stored, { wpk_id: 'w', run_id: 'r', status: 'failed', error: 'boom', node_logs: [{ node: 'b' }], created_at: t1 }, t1);
    expect(merged).toEqual({ ...stored, status: 'failed', error: 'boom', node_logs: [{ node: 'b' }], updated_at: t1 });
  });

  it('treats null as present (clears) and undefined as absent', () => {
    const merged = mergeRun(stored, { wpk_id: 'w', run_id: 'r', status: 'running', inputs: null, tags: undefined }, t1);
    expect(merged.inputs).toBeNull();
    expect(merged.tags).toEqual(['x']);
  });

  it('clears the error when the merged status is completed, unless the write gives one', () => {
    const failed = mergeRun(stored, { wpk_id: 'w', run_id: 'r', status: 'failed', error: 'boom' }, t1);
    expect(mergeRun(failed, { wpk_id: 'w', run_id: 'r', status: 'completed' }, t1)).toMatchObject({ status: 'completed', error: null });
    expect(mergeRun(failed, { wpk_id: 'w', run_id: 'r', status: 'completed', error: 'warn' }, t1)).toMatchObject({ error: 'warn' });
    expect(mergeRun(failed, { wpk_id: 'w', run_id: 'r', status: 'cancelled' }, t1)).toMatchObject({ status: 'cancelled', error: 'boom' });
    expect(mergeRun(failed, { wpk_id: 'w', run_id: 'r', status: 'running' }, t1)).toMatchObject({ status: 'failed', error: 'boom' });
    expect(mergeRun(failed, { wpk_id: 'w', run_id: 'r', outputs: 1 }, t1)).toMatchObject({ status: 'failed', error: 'boom' });
  });

  it('keeps the stored status when the patch has none', () => {
    const failed = mergeRun(stored, { wpk_id: 'w', run_id: 'r', status: 'failed' }, t1);
    expect(mergeRun(failed, { wpk_id: 'w', run_id: 'r', outputs: { x: 2 } }, t1)).toMatchObject({ status: 'failed', outputs: { x: 2 } });
  });

  it('keeps a terminal status against a stale running', () => {
    const done = mergeRun(stored, { wpk_id: 'w', run_id: 'r', status: 'completed' }, t1);
    expect(mergeRun(done, { wpk_id: 'w', run_id: 'r', status: 'running', duration_ms: 3 }, t1)).toMatchObject({ status: 'completed', duration_ms: 3 });
  });
});

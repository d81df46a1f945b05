import { validateNodeLogs } from './node-logs';

describe('validateNodeLogs', () => {
  it('accepts absent, null and well-formed logs with extra keys', () => {
    expect(validateNodeLogs(undefined)).toEqual([]);
    expect(validateNodeLogs(null)).toEqual([]);
    expect(
      validateNodeLogs([
        { node: 'a', step: 0, status: 'ok', started_at: '2026-01-01T00:00:00Z', ended_at: '2026-01-01T00:00:01.5+01:00', duration_ms: 1, error: null, path: ['sub'], checkpoint_ns: 'x', thread_id: 't', metadata: {}, anything: [1] },
      ]),
    ).toEqual([]);
  });

  it('names the item and key of each problem', () => {
    expect(validateNodeLogs({})).toEqual([{ field: 'node_logs', message: 'must be an array of node logs' }]);
    expect(validateNodeLogs([1, { node: '' }, { node: 'x', step: -1, path: [1], metadata: [], started_at: '2026-13-01T00:00:00Z' }]).map((e) => e.field)).toEqual([
      'node_logs[0]',
      'node_logs[1].node',
      'node_logs[2].step',
      'node_logs[2].started_at',
      'node_logs[2].path',
      'node_logs[2].metadata',
    ]);
  });
});

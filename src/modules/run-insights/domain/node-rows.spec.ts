import { happenedAt, MAX_NODE_ROW_ERROR, nodeRows } from './node-rows';

describe('nodeRows', () => {
  it('keeps each log that names a node at its position; the run duration goes on position 0 only', () => {
    const rows = nodeRows(
      [
        { node: 'fetch', status: 'completed', duration_ms: 310 },
        { node: 'parse', status: 'failed', duration_ms: 12 },
        { node: 'enrich', status: 'completed', error: 'retried: 429', duration_ms: 40 },
        { node: 'save', status: 'error' },
        { node: 'noop', duration_ms: 1.5, error: '' },
      ],
      1200,
    );
    expect(rows).toEqual([
      { position: 0, node: 'fetch', duration_ms: 310, failed: false, error: null, run_duration_ms: 1200 },
      { position: 1, node: 'parse', duration_ms: 12, failed: true, error: null, run_duration_ms: null },
      { position: 2, node: 'enrich', duration_ms: 40, failed: true, error: 'retried: 429', run_duration_ms: null },
      { position: 3, node: 'save', duration_ms: null, failed: true, error: null, run_duration_ms: null },
      { position: 4, node: 'noop', duration_ms: null, failed: false, error: null, run_duration_ms: null },
    ]);
  });

  it('skips items without a node and answers nothing for no logs', () => {
    expect(nodeRows(null, 5)).toEqual([]);
    expect(nodeRows([{ step: 1 }, null, 'x', { node: 'b' }], 5).map((r) => r.position)).toEqual([3]);
  });

  it('clips error texts to MAX_NODE_ROW_ERROR characters, counting an astral character once', () => {
    const [row] = nodeRows([{ node: 'a', error: '😀'.repeat(MAX_NODE_ROW_ERROR + 10) }], null);
    expect(Array.from(row.error!)).toHaveLength(MAX_NODE_ROW_ERROR);
  });
});

describe('happenedAt', () => {
  const created = new Date('2026-12-01T10:05:00Z');
  it('is started_at when it lies at most 5 minutes after created_at, else created_at', () => {
    expect(happenedAt({ started_at: new Date('2026-12-01T10:00:00Z'), created_at: created })).toEqual(new Date('2026-12-01T10:00:00Z'));
    expect(happenedAt({ started_at: new Date('2026-12-01T10:10:00Z'), created_at: created })).toEqual(new Date('2026-12-01T10:10:00Z'));
    expect(happenedAt({ started_at: new Date('2026-12-01T10:10:00.001Z'), created_at: created })).toEqual(created);
    expect(happenedAt({ started_at: null, created_at: created })).toEqual(created);
  });
});

import { embeddingKey, retryDelayMs } from './embedding-state';
import { buildRunDocument, documentHash, MAX_IO_CHARS, renderNodePath, stableJson } from './run-document';

const run = {
  wpk_id: 'invoice-agent',
  status: 'failed',
  error: 'TimeoutError:\n  OCR did not answer',
  node_logs: [{ node: 'fetch', status: 'completed' }, { node: 'parse', status: 'failed', error: 'timeout' }, { node: 'notify' }, 'junk'],
  inputs: { z: 1, a: { y: [2, { d: 1, c: 2 }], b: null } },
  outputs: null,
};

describe('run document', () => {
  it('renders key-sorted JSON at every level', () => {
    expect(stableJson({ z: 1, a: { y: [2, { d: 1, c: 2 }], b: null }, u: undefined })).toBe('{"a":{"b":null,"y":[2,{"c":2,"d":1}]},"z":1}');
    expect(stableJson('x')).toBe('"x"');
    expect(stableJson(undefined)).toBe('null');
  });

  it('renders the node path with each node’s status and error', () => {
    expect(renderNodePath(run.node_logs)).toBe('fetch(completed) > parse(failed: timeout) > notify');
    expect(renderNodePath(null)).toBe('');
  });

  it('builds the exact document, weighted sections first', () => {
    const doc = buildRunDocument(run, { includeInputsOutputs: true });
    expect(doc.text).toBe(
      [
        'workflow: invoice-agent',
        'status: failed',
        'error: TimeoutError: OCR did not answer',
        'path: fetch(completed) > parse(failed: timeout) > notify',
        'inputs: {"a":{"b":null,"y":[2,{"c":2,"d":1}]},"z":1}',
      ].join('\n'),
    );
    expect(doc.sections.map((s) => [s.name, s.weight])).toEqual([
      ['workflow', 1], ['status', 2], ['error', 3], ['path', 3], ['inputs', 1],
    ]);
  });

  it('leaves inputs and outputs out with EMBED_INPUTS_OUTPUTS=false, and bounds them otherwise', () => {
    const doc = buildRunDocument({ ...run, outputs: { secret: 's3cr3t' } }, { includeInputsOutputs: false });
    expect(doc.text).not.toMatch(/inputs|outputs|s3cr3t/);
    const big = buildRunDocument({ ...run, inputs: { text: 'x'.repeat(5000) } }, { includeInputsOutputs: true });
    const inputs = big.sections.find((s) => s.name === 'inputs')!.text;
    expect(inputs.length).toBe(MAX_IO_CHARS + 1);
    expect(inputs.endsWith('…')).toBe(true);
  });

  it('hashes the same run to the same value, and a change to another', () => {
    const a = documentHash(buildRunDocument(run, { includeInputsOutputs: true }));
    expect(documentHash(buildRunDocument({ ...run, inputs: { a: { b: null, y: [2, { c: 2, d: 1 }] }, z: 1 } }, { includeInputsOutputs: true }))).toBe(a);
    expect(documentHash(buildRunDocument({ ...run, status: 'completed' }, { includeInputsOutputs: true }))).not.toBe(a);
    expect(a).toMatch(/^[0-9a-f]{32}$/);
  });

  it('backs off exponentially with a cap, and names the vector space', () => {
    expect([1, 2, 3, 4, 10].map((n) => retryDelayMs(n))).toEqual([1000, 2000, 4000, 8000, 300_000]);
    expect(retryDelayMs(7, 1000, 60_000)).toBe(60_000);
    expect(() => retryDelayMs(0)).toThrow(RangeError);
    expect(embeddingKey('local', 'hash-ngram-v1', 256)).toBe('local:hash-ngram-v1:256');
  });
});

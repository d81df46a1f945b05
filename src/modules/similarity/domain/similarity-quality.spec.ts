import { topK } from './cosine';
import { HASH_DIMENSIONS, hashEmbed } from './hash-embedding';
import { buildRunDocument } from './run-document';

/**
 * Known families share workflow, failing node, status and error text; their inputs and outputs
 * vary a lot (and overlap across families). With the local embedder, every run's 3 nearest
 * neighbours must come from its own family.
 */
const FAMILIES = [
  { wpk: 'invoice-agent', node: 'parse_invoice', error: 'TimeoutError: upstream OCR service did not answer within 30s' },
  { wpk: 'invoice-agent', node: 'fetch_document', error: 'HTTP 401 Unauthorized from https://storage.example.com/bucket: token expired' },
  { wpk: 'invoice-agent', node: 'validate_totals', error: 'AssertionError: line items sum 1280.50 differs from total 1208.50' },
  { wpk: 'support-bot', node: 'extract_fields', error: 'ValidationError: field "total" expected number, got string' },
  { wpk: 'support-bot', node: 'call_llm', error: 'RateLimitError: 429 Too Many Requests, quota exceeded for model gpt-4o' },
  { wpk: 'support-bot', node: 'retrieve_docs', error: 'ConnectionRefusedError: connect ECONNREFUSED 10.0.0.7:6333 (vector db)' },
];
const WORDS = ['acme', 'globex', 'invoice', 'refund', 'shipping', 'total', 'customer', 'order', 'priority', 'euro', 'dollar', 'pdf', 'scan', 'ticket', 'email'];

function pseudoRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

describe('local embedder quality on failure families', () => {
  const rand = pseudoRandom(42);
  const pick = () => WORDS[Math.floor(rand() * WORDS.length)];
  const runs = FAMILIES.flatMap((f, family) =>
    Array.from({ length: 8 }, (_, i) => ({
      family,
      doc: buildRunDocument(
        {
          wpk_id: f.wpk,
          status: 'failed',
          error: f.error,
          node_logs: [{ node: 'start', status: 'completed' }, { node: f.node, status: 'failed', error: f.error }],
          inputs: { customer: pick(), note: Array.from({ length: 12 }, pick).join(' '), id: `${family}-${i}-${Math.floor(rand() * 1e6)}` },
          outputs: rand() < 0.5 ? null : { partial: Array.from({ length: 6 }, pick) },
        },
        { includeInputsOutputs: true },
      ),
    })),
  );
  const matrix = new Float32Array(runs.length * HASH_DIMENSIONS);
  runs.forEach((r, i) => matrix.set(hashEmbed(r.doc), i * HASH_DIMENSIONS));

  it('puts every run’s top 3 in its own family', () => {
    const misses: string[] = [];
    runs.forEach((r, i) => {
      const query = matrix.slice(i * HASH_DIMENSIONS, (i + 1) * HASH_DIMENSIONS);
      const top = topK(query, matrix, runs.length, 3, (row) => row !== i);
      const families = top.map((t) => runs[t.index].family);
      if (families.some((f) => f !== r.family)) misses.push(`run ${i} (family ${r.family}) → ${families.join(',')}`);
    });
    expect(misses).toEqual([]);
  });
});

import { charGrams, fnv1a, HASH_DIMENSIONS, hashEmbed, l2Normalize, tokenize } from './hash-embedding';
import { queryDocument } from './run-document';

describe('local hashing embedder', () => {
  it('tokenises CamelCase, acronyms, URLs and paths into lower-case words', () => {
    expect(tokenize('HTTPServerError at https://api.example.com/v1/parse_invoice?id=42')).toEqual([
      'http', 'server', 'error', 'at', 'https', 'api', 'example', 'com', 'v1', 'parse', 'invoice', 'id', '42',
    ]);
    expect(tokenize('parseInvoice /var/log/app.log TimeoutError')).toEqual(['parse', 'invoice', 'var', 'log', 'app', 'log', 'timeout', 'error']);
    expect(tokenize('  --  ')).toEqual([]);
    expect(tokenize('Größe ÜBER')).toEqual(['größe', 'über']);
  });

  it('makes character 3–5-grams of the framed word', () => {
    expect(charGrams('ok')).toEqual(['<ok', 'ok>', '<ok>']);
    expect(charGrams('abc')).toEqual(['<ab', 'abc', 'bc>', '<abc', 'abc>', '<abc>']);
    expect(charGrams('a')).toEqual(['<a>']);
  });

  it('hashes with 32-bit FNV-1a', () => {
    expect(fnv1a('')).toBe(0x811c9dc5);
    expect(fnv1a('a')).toBe(0xe40c292c);
    expect(fnv1a('foobar')).toBe(0xbf9cf968);
  });

  it('L2-normalises, leaving a zero vector alone', () => {
    expect(Array.from(l2Normalize(Float32Array.from([3, 4])))).toEqual([Math.fround(0.6), Math.fround(0.8)]);
    expect(Array.from(l2Normalize(new Float32Array(3)))).toEqual([0, 0, 0]);
  });

  it('adds each feature at its hashed slot with its sign and section weight', () => {
    const v = hashEmbed({ text: '', sections: [{ name: 'status', text: 'ok', weight: 2 }] });
    const expected = new Float64Array(HASH_DIMENSIONS);
    for (const [feature, weight] of [['w:ok', 2], ['c:<ok', 0.5], ['c:ok>', 0.5], ['c:<ok>', 0.5]] as const) {
      const h = fnv1a(feature);
      expected[h % HASH_DIMENSIONS] += h & 0x80000000 ? -weight : weight;
    }
    const norm = Math.sqrt(expected.reduce((s, x) => s + x * x, 0));
    expect(Array.from(v)).toEqual(Array.from(expected, (x) => Math.fround(x / norm)));
  });

  it('is deterministic, unit length, and closer for shared words', () => {
    const a = hashEmbed(queryDocument('TimeoutError in parse_invoice'));
    expect(Array.from(hashEmbed(queryDocument('TimeoutError in parse_invoice')))).toEqual(Array.from(a));
    expect(a.reduce((s, x) => s + x * x, 0)).toBeCloseTo(1, 6);
    const dot = (x: Float32Array, y: Float32Array) => x.reduce((s, xi, i) => s + xi * y[i], 0);
    const near = hashEmbed(queryDocument('timeout error parse invoice node'));
    const far = hashEmbed(queryDocument('quota exceeded for model gpt-4o'));
    expect(dot(a, near)).toBeGreaterThan(0.5);
    expect(dot(a, near)).toBeGreaterThan(dot(a, far) + 0.3);
  });
});

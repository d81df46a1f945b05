import { cosine, topK, vectorFromBytes, vectorToBytes } from './cosine';

describe('cosine top-k', () => {
  const rows = [
    [1, 0, 0],
    [0.6, 0.8, 0],
    [0, 1, 0],
    [0.8, 0.6, 0],
    [-1, 0, 0],
  ];
  const matrix = Float32Array.from(rows.flat());
  const q = Float32Array.from([1, 0, 0]);

  it('computes cosine similarity exactly', () => {
    expect(cosine(Float32Array.from([1, 2]), Float32Array.from([2, 4]))).toBeCloseTo(1, 12);
    expect(cosine(Float32Array.from([1, 0]), Float32Array.from([0, 3]))).toBe(0);
    expect(cosine(Float32Array.from([0, 0]), Float32Array.from([1, 1]))).toBe(0);
  });

  it('ranks best first with exact scores', () => {
    expect(topK(q, matrix, 5, 3)).toEqual([
      { index: 0, score: 1 },
      { index: 3, score: Math.fround(0.8) },
      { index: 1, score: Math.fround(0.6) },
    ]);
    expect(topK(q, matrix, 5, 10).map((r) => r.index)).toEqual([0, 3, 1, 2, 4]);
    expect(topK(q, matrix, 5, 0)).toEqual([]);
  });

  it('applies the filter before ranking, and keeps the earlier row on ties', () => {
    expect(topK(q, matrix, 5, 2, (row) => row !== 0).map((r) => r.index)).toEqual([3, 1]);
    const ties = Float32Array.from([0, 1, 1, 0, 1, 0]);
    expect(topK(Float32Array.from([1, 0]), ties, 3, 2).map((r) => r.index)).toEqual([1, 2]);
  });

  it('round-trips float32 little-endian bytes', () => {
    const v = Float32Array.from([1.5, -2.25, 0]);
    const bytes = vectorToBytes(v);
    expect(bytes.toString('hex')).toBe('0000c03f000010c000000000');
    expect(Array.from(vectorFromBytes(bytes))).toEqual([1.5, -2.25, 0]);
  });
});

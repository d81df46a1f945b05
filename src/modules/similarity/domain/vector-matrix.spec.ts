import { topK } from './cosine';
import { VectorMatrix } from './vector-matrix';

function pseudoRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

function unitVector(rand: () => number, dim: number): Float32Array {
  const v = new Float32Array(dim);
  let norm = 0;
  for (let i = 0; i < dim; i++) {
    v[i] = rand() * 2 - 1;
    norm += v[i] * v[i];
  }
  norm = Math.sqrt(norm);
  for (let i = 0; i < dim; i++) v[i] /= norm;
  return v;
}

/** The same rows in a VectorMatrix and back to back in a plain array, for the reference `topK`. */
function fill(rand: () => number, rows: number, dim: number, simd: boolean) {
  const matrix = new VectorMatrix(dim, { simd });
  const plain = new Float32Array(rows * dim);
  for (let r = 0; r < rows; r++) {
    const v = unitVector(rand, dim);
    matrix.set(r, v);
    plain.set(v, r * dim);
  }
  return { matrix, plain };
}

const filters: Array<[string, ((row: number) => boolean) | undefined]> = [
  ['no filter', undefined],
  ['even rows', (row) => row % 2 === 0],
  ['every third row', (row) => row % 3 === 1],
  ['nothing', () => false],
];

describe('VectorMatrix', () => {
  it('uses the WebAssembly SIMD kernel on this runtime, and the scalar one when asked', () => {
    expect(new VectorMatrix(4).kernel).toBe('wasm-simd');
    expect(new VectorMatrix(4, { simd: false }).kernel).toBe('scalar');
  });

  describe.each([
    ['wasm-simd', true],
    ['scalar', false],
  ])('%s kernel', (_name, simd) => {
    it('gives exactly the reference scan’s neighbours and scores on random data', () => {
      const rand = pseudoRandom(7);
      for (const dim of [1, 3, 4, 5, 7, 8, 31, 256, 257]) {
        for (const rows of [1, 7, 8, 9, 63, 64, 65, 300]) {
          const { matrix, plain } = fill(rand, rows, dim, simd);
          const queries = [unitVector(rand, dim), plain.slice((rows - 1) * dim, rows * dim)];
          for (const query of queries) {
            for (const k of [1, 3, 10, rows + 5]) {
              for (const [name, accept] of filters) {
                const got = matrix.topK(query, rows, k, accept);
                expect({ dim, rows, k, name, got }).toEqual({ dim, rows, k, name, got: topK(query, plain, rows, k, accept) });
              }
            }
          }
        }
      }
    });

    it('sums in f64 one dimension after another, like the scalar loop', () => {
      // in float32 arithmetic 1 + 2^-30 rounds to 1; the reference keeps it
      const matrix = new VectorMatrix(2, { simd });
      matrix.set(0, Float32Array.from([1, 1]));
      expect(matrix.topK(Float32Array.from([1, 2 ** -30]), 1, 1)).toEqual([{ index: 0, score: 1 + 2 ** -30 }]);
      // left to right in f64, (1e8 + 1) - 1e8 is 1; float32 accumulation would give 0
      const three = new VectorMatrix(3, { simd });
      three.set(0, Float32Array.from([1e8, 1, -1e8]));
      expect(three.topK(Float32Array.from([1, 1, 1]), 1, 1)).toEqual([{ index: 0, score: 1 }]);
    });

    it('keeps the earlier row first on ties, and asks the filter only about rows that could enter the list, in order', () => {
      const dim = 6;
      const rand = pseudoRandom(3);
      const a = unitVector(rand, dim);
      const b = unitVector(rand, dim);
      const rows = [b, a, b, a, a, unitVector(rand, dim), a, b, a, a, b];
      const matrix = new VectorMatrix(dim, { simd });
      const plain = new Float32Array(rows.length * dim);
      rows.forEach((v, r) => {
        matrix.set(r, v);
        plain.set(v, r * dim);
      });
      const seen: number[] = [];
      const got = matrix.topK(a, rows.length, 4, (row) => (seen.push(row), row !== 3));
      expect(got.map((r) => r.index)).toEqual([1, 4, 6, 8]);
      expect(seen).toEqual([...new Set(seen)].sort((x, y) => x - y));
      expect(seen).toEqual(expect.arrayContaining([1, 3, 4, 6, 8]));
      expect(got).toEqual(topK(a, plain, rows.length, 4, (row) => row !== 3));
    });

    it('grows past its capacity keeping every row, and searches the grown rows', () => {
      const rand = pseudoRandom(11);
      const dim = 13;
      const matrix = new VectorMatrix(dim, { simd });
      const first = matrix.rowCapacity;
      const plain: Float32Array[] = [];
      for (let r = 0; r < first * 5 + 3; r++) {
        plain.push(unitVector(rand, dim));
        matrix.set(r, plain[r]);
        if (r === first || r === first * 4) {
          // right after a growth: old rows intact, search sees the new row
          for (let s = 0; s <= r; s++) expect(matrix.row(s)).toEqual(plain[s]);
          expect(matrix.topK(plain[r], r + 1, 1)).toEqual([{ index: r, score: topK(plain[r], plain[r], 1, 1)[0].score }]);
        }
      }
      expect(matrix.rowCapacity).toBeGreaterThanOrEqual(plain.length);
      const flat = new Float32Array(plain.length * dim);
      plain.forEach((v, r) => flat.set(v, r * dim));
      const query = unitVector(rand, dim);
      expect(matrix.topK(query, plain.length, 20)).toEqual(topK(query, flat, plain.length, 20));
    });

    it('follows swap-removes and overwrites', () => {
      const rand = pseudoRandom(5);
      const dim = 10;
      const { matrix, plain } = fill(rand, 40, dim, simd);
      const rows: Float32Array[] = Array.from({ length: 40 }, (_, r) => plain.slice(r * dim, (r + 1) * dim));
      for (const hole of [0, 17, 3, 30]) {
        const last = rows.length - 1;
        matrix.copy(last, hole);
        rows[hole] = rows[last];
        rows.pop();
      }
      rows[5] = unitVector(rand, dim);
      matrix.set(5, rows[5]);
      const flat = new Float32Array(rows.length * dim);
      rows.forEach((v, r) => flat.set(v, r * dim));
      rows.forEach((v, r) => expect(matrix.row(r)).toEqual(v));
      for (const query of [unitVector(rand, dim), rows[5], rows[0]]) {
        expect(matrix.topK(query, rows.length, 7)).toEqual(topK(query, flat, rows.length, 7));
      }
    });
  });

  it('refuses vectors and queries of another dimension, and rows it does not hold', () => {
    const matrix = new VectorMatrix(4);
    expect(() => matrix.set(0, new Float32Array(3))).toThrow(RangeError);
    expect(() => matrix.topK(new Float32Array(5), 1, 1)).toThrow(RangeError);
    expect(() => matrix.topK(new Float32Array(4), matrix.rowCapacity + 1, 1)).toThrow(RangeError);
    expect(() => new VectorMatrix(0)).toThrow(RangeError);
    expect(matrix.topK(new Float32Array(4), 0, 3)).toEqual([]);
    expect(matrix.topK(new Float32Array(4), 1, 0)).toEqual([]);
  });

  it('is sized once for the rows it is told to expect, and grows by a quarter past them', () => {
    for (const simd of [true, false]) {
      const matrix = new VectorMatrix(4, { simd, rows: 1000 });
      expect(matrix.rowCapacity).toBeGreaterThanOrEqual(1000);
      expect(matrix.rowCapacity).toBeLessThan(1008);
      const before = matrix.rowCapacity;
      matrix.set(before, new Float32Array(4));
      expect(matrix.rowCapacity).toBeGreaterThan(before);
      expect(matrix.rowCapacity).toBeLessThanOrEqual(Math.ceil(before * 1.25) + 8);
    }
  });
});

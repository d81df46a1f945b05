import { topK } from './cosine';
import { setHotPathOff } from '../../../common/perf/hot-path';
import { PARALLEL_MIN_ROWS, QuantisedMatrix, rankExact } from './quantised-matrix';

function pseudoRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

function normalise(v: Float32Array): Float32Array {
  let norm = 0;
  for (const x of v) norm += x * x;
  norm = Math.sqrt(norm);
  if (norm > 0) for (let i = 0; i < v.length; i++) v[i] /= norm;
  return v;
}

function unitVector(rand: () => number, dim: number): Float32Array {
  return normalise(Float32Array.from({ length: dim }, () => rand() * 2 - 1));
}

/** `base` moved a little: near-duplicates whose scores differ by less than the int8 step */
function nudged(rand: () => number, base: Float32Array, by: number): Float32Array {
  return normalise(base.map((x) => x + (rand() * 2 - 1) * by));
}

const filters: Array<[string, ((row: number) => boolean) | undefined]> = [
  ['no filter', undefined],
  ['even rows', (row) => row % 2 === 0],
  ['every seventh row', (row) => row % 7 === 3],
  ['nothing', () => false],
];

/** The exact answer through the quantised path: candidates, then the float vectors re-ranked. */
function quantisedTopK(matrix: QuantisedMatrix, plain: Float32Array, dim: number, query: Float32Array, rows: number, k: number, accept?: (row: number) => boolean) {
  const candidates = matrix.candidates(query, rows, k, accept);
  return { candidates, ranked: rankExact(query, candidates.map((row) => ({ row, vector: plain.subarray(row * dim, (row + 1) * dim) })), k) };
}

describe('QuantisedMatrix', () => {
  it('uses the WebAssembly SIMD kernel on this runtime, and the scalar loop when asked', () => {
    expect(new QuantisedMatrix(4).kernel).toBe('wasm-simd');
    expect(new QuantisedMatrix(4, { simd: false }).kernel).toBe('scalar');
  });

  describe.each([
    ['wasm-simd', true],
    ['scalar', false],
  ])('%s kernel', (_name, simd) => {
    it('re-ranked, gives exactly the exact scan’s neighbours and scores: random rows, near-duplicates, exact duplicates', () => {
      const rand = pseudoRandom(11);
      for (const dim of [1, 3, 16, 17, 256, 300]) {
        for (const rows of [1, 9, 64, 65, 400]) {
          const matrix = new QuantisedMatrix(dim, { simd });
          const plain = new Float32Array(rows * dim);
          const seeds = [unitVector(rand, dim), unitVector(rand, dim)];
          for (let r = 0; r < rows; r++) {
            // a third random, a third near one of two seeds, a third exact copies of a seed
            const v = r % 3 === 0 ? unitVector(rand, dim) : r % 3 === 1 ? nudged(rand, seeds[r % 2], 0.002) : seeds[r % 2].slice();
            matrix.set(r, v);
            plain.set(v, r * dim);
          }
          for (const query of [unitVector(rand, dim), seeds[0], nudged(rand, seeds[1], 0.001)]) {
            for (const k of [1, 3, 10, rows + 5]) {
              for (const [name, accept] of filters) {
                const { ranked } = quantisedTopK(matrix, plain, dim, query, rows, k, accept);
                expect({ dim, rows, k, name, ranked }).toEqual({ dim, rows, k, name, ranked: topK(query, plain, rows, k, accept) });
              }
            }
          }
        }
      }
    });
  });

  it('names few candidates on spread-out data, so re-ranking reads few vectors', () => {
    const rand = pseudoRandom(5);
    const dim = 256;
    const rows = 5000;
    const matrix = new QuantisedMatrix(dim);
    const plain = new Float32Array(rows * dim);
    for (let r = 0; r < rows; r++) {
      const v = unitVector(rand, dim);
      matrix.set(r, v);
      plain.set(v, r * dim);
    }
    const query = plain.slice(0, dim);
    const { candidates, ranked } = quantisedTopK(matrix, plain, dim, query, rows, 10);
    expect(ranked).toEqual(topK(query, plain, rows, 10));
    expect(candidates.length).toBeLessThan(100);
  });

  it('keeps the integer dot from overflowing at high dimensions (the query is scaled down to fit)', () => {
    const dim = 4096;
    const matrix = new QuantisedMatrix(dim);
    const ones = new Float32Array(dim).fill(1);
    const plain = new Float32Array(2 * dim);
    plain.set(ones, 0);
    plain.set(ones.map((x) => -x), dim);
    matrix.set(0, ones);
    matrix.set(1, plain.subarray(dim));
    // an overflowed sum would turn row 0's large positive dot negative and drop it
    expect(matrix.candidates(ones, 2, 1)).toEqual([0]);
  });

  it('copies a row over another with its codes and bounds, and grows past its first capacity', () => {
    const rand = pseudoRandom(3);
    const matrix = new QuantisedMatrix(32, { rows: 1 });
    const vectors = Array.from({ length: 200 }, () => unitVector(rand, 32));
    vectors.forEach((v, r) => matrix.set(r, v));
    expect(matrix.rowCapacity).toBeGreaterThanOrEqual(200);
    matrix.copy(150, 7);
    expect(matrix.candidates(vectors[150], 200, 1, (row) => row !== 150)).toEqual([7]);
  });

  it('rankExact breaks ties by the lower row and keeps the best k', () => {
    const v = new Float32Array([1, 0]);
    const w = new Float32Array([0, 1]);
    expect(rankExact(v, [{ row: 5, vector: v }, { row: 2, vector: v }, { row: 1, vector: w }], 2)).toEqual([
      { index: 2, score: 1 },
      { index: 5, score: 1 },
    ]);
  });

  describe('on the scan pool (parallel-scan)', () => {
    const dim = 40;
    const rand = pseudoRandom(2024);
    // an odd count above the pool's threshold: every thread's share but the last is even
    const rows = PARALLEL_MIN_ROWS + 2_001;
    const vectors = Array.from({ length: rows }, (_, i) => (i % 97 === 5 ? nudged(rand, unitVector(pseudoRandom(i), dim), 1e-4) : unitVector(rand, dim)));
    const fill = (m: QuantisedMatrix) => vectors.forEach((v, row) => m.set(row, v));
    const pooled = new QuantisedMatrix(dim, { rows, threads: 2 });
    const inline = new QuantisedMatrix(dim, { rows, threads: 0 });
    fill(pooled);
    fill(inline);
    afterAll(() => pooled.close());

    it('names the same candidates as the scan on this thread, under every filter', async () => {
      for (let q = 0; q < 6; q++) {
        const query = q % 2 ? nudged(rand, vectors[q * 1_000 + 5], 1e-3) : unitVector(rand, dim);
        for (const [, accept] of filters) {
          const expected = inline.candidates(query, rows, 10, accept);
          expect(await pooled.candidatesAsync(query, rows, 10, accept)).toEqual(expected);
          expect(await inline.candidatesAsync(query, rows, 10, accept)).toEqual(expected);
        }
      }
    });

    it("writes each row's first-stage score from its threads exactly as this thread does", async () => {
      const query = unitVector(rand, dim);
      const scores = (m: QuantisedMatrix) => new Float64Array((m as unknown as { memory: { buffer: SharedArrayBuffer } }).memory.buffer, (m as unknown as { scoresAt: number }).scoresAt, rows).slice();
      inline.candidates(query, rows, 10);
      await pooled.candidatesAsync(query, rows, 10);
      // with the pool's threads gone (say a runtime without shared WebAssembly memory) both would still agree, but slowly: the pool must have run
      expect((pooled as unknown as { pool: { threads: number; healthy: boolean } }).pool).toMatchObject({ threads: 2, healthy: true });
      expect(Buffer.from(scores(pooled).buffer).equals(Buffer.from(scores(inline).buffer))).toBe(true);
    });

    it('scans on this thread once a thread of the pool has died, with the same answer', async () => {
      const failing = new QuantisedMatrix(dim, { rows, threads: 2 });
      fill(failing);
      const query = vectors[11];
      await failing.candidatesAsync(query, rows, 10);
      expect(failing.scanThreads).toBe(2);
      // a scan the pool gives up on (a thread dying under it)
      const pool = (failing as unknown as { pool: { scan: () => Promise<void> } }).pool;
      const scan = pool.scan;
      pool.scan = () => Promise.reject(new Error('scan thread exited with code 1'));
      expect(await failing.candidatesAsync(query, rows, 10)).toEqual(inline.candidates(query, rows, 10));
      pool.scan = scan;
      const workers = (failing as unknown as { pool: { workers: Array<{ terminate(): Promise<number> }> } }).pool.workers;
      await workers[1].terminate();
      expect(await failing.candidatesAsync(query, rows, 10)).toEqual(inline.candidates(query, rows, 10));
      expect(failing.scanThreads).toBe(0);
      await failing.close();
    });

    it('keeps the scan on this thread below the threshold and with parallel-scan off', async () => {
      const small = new QuantisedMatrix(dim, { rows: 100, threads: 2 });
      vectors.slice(0, 100).forEach((v, row) => small.set(row, v));
      await small.candidatesAsync(vectors[3], 100, 5);
      expect((small as unknown as { pool: unknown }).pool).toBeUndefined();
      setHotPathOff(['parallel-scan']);
      try {
        const off = new QuantisedMatrix(dim, { rows, threads: 2 });
        fill(off);
        expect(await off.candidatesAsync(vectors[7], rows, 5)).toEqual(inline.candidates(vectors[7], rows, 5));
        expect((off as unknown as { pool: unknown }).pool).toBeNull();
      } finally {
        setHotPathOff([]);
      }
    });
  });
});

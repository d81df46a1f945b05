import { Ranked, topKOfScores } from './cosine';
import { BLOCK_ROWS, blockedIndex, DotsFn, kernelFor, WASM_PAGE_BYTES, WasmMemory } from './dot-kernel';

const MIN_CAPACITY = 64;

/**
 * Rows of `dim` float32 values, searched by exact dot product. With WebAssembly SIMD the rows live in
 * the kernel's own memory, so a search copies only the query in and reads the scores out; without it
 * the same blocked layout sits in a plain array and a scalar loop scores it. Either way the scores
 * and the ranking are bit-identical to `topK` over the same rows laid out back to back.
 *
 * Memory: [rows: capacity × dim f32, blocked (see `blockedIndex`)][query: dim × f64x2][scores: capacity × f64].
 * Growing keeps the rows where they are (memory.grow preserves contents) and only moves the scratch
 * regions behind them; every typed view is re-taken afterwards because growth detaches the buffer.
 * A 32-bit wasm memory holds at most 4 GiB: about 4 million rows at 256 dimensions.
 */
export class VectorMatrix {
  readonly kernel: 'wasm-simd' | 'scalar';
  private capacity = 0;
  private memory: WasmMemory | undefined;
  private dots: DotsFn | undefined;
  private values: Float32Array<ArrayBufferLike> = new Float32Array(0);
  private queryAt = 0;
  private scoresAt = 0;

  constructor(
    readonly dim: number,
    options: { simd?: boolean; rows?: number } = {},
  ) {
    if (!Number.isInteger(dim) || dim <= 0) throw new RangeError(`dimension must be a positive integer: ${dim}`);
    const wasm = kernelFor(options.simd);
    if (wasm) {
      this.memory = wasm.memory;
      this.dots = wasm.dots;
    }
    this.kernel = wasm ? 'wasm-simd' : 'scalar';
    this.reserve(Math.max(MIN_CAPACITY, options.rows ?? 0));
  }

  /** Rows that fit without growing. */
  get rowCapacity(): number {
    return this.capacity;
  }

  /** Writes `vector` (of length `dim`) as row `row`, growing when the row is past the end. */
  set(row: number, vector: Float32Array): void {
    if (vector.length !== this.dim) throw new RangeError(`vector has ${vector.length} dimensions, expected ${this.dim}`);
    // a quarter more at a time: a WebAssembly memory never shrinks, so doubling would leave up to half of it unused
    if (row >= this.capacity) this.reserve(Math.max(row + 1, Math.ceil(this.capacity * 1.25)));
    const values = this.values;
    const base = blockedIndex(row, 0, this.dim);
    for (let i = 0; i < this.dim; i++) values[base + i * BLOCK_ROWS] = vector[i];
  }

  /** Copies row `from` over row `to` (both below the capacity). */
  copy(from: number, to: number): void {
    const values = this.values;
    const a = blockedIndex(from, 0, this.dim);
    const b = blockedIndex(to, 0, this.dim);
    for (let i = 0; i < this.dim; i++) values[b + i * BLOCK_ROWS] = values[a + i * BLOCK_ROWS];
  }

  /** A copy of row `row`. */
  row(row: number): Float32Array {
    const out = new Float32Array(this.dim);
    const base = blockedIndex(row, 0, this.dim);
    for (let i = 0; i < this.dim; i++) out[i] = this.values[base + i * BLOCK_ROWS];
    return out;
  }

  /**
   * Exact top-k of rows 0..rows-1 against a unit `query`, with `topK`'s contract: `accept` is asked
   * about every row in order and refused rows are never ranked; ties keep the lower row; best first.
   */
  topK(query: Float32Array, rows: number, k: number, accept?: (row: number) => boolean): Ranked[] {
    if (query.length !== this.dim) throw new RangeError(`query has ${query.length} dimensions, expected ${this.dim}`);
    if (rows > this.capacity) throw new RangeError(`${rows} rows requested, only ${this.capacity} stored`);
    if (k <= 0 || rows <= 0) return [];
    return topKOfScores(this.score(query, rows), rows, k, accept);
  }

  /** Dot products of the first `rows` rows with the query (a view, valid until the next call). */
  private score(query: Float32Array, rows: number): Float64Array {
    const blocks = Math.ceil(rows / BLOCK_ROWS);
    const dim = this.dim;
    if (this.dots) {
      const widened = new Float64Array(this.memory!.buffer, this.queryAt, dim * 2);
      for (let i = 0; i < dim; i++) widened[2 * i] = widened[2 * i + 1] = query[i];
      this.dots(this.queryAt, 0, blocks, dim, this.scoresAt);
      return new Float64Array(this.memory!.buffer, this.scoresAt, rows);
    }
    // the kernel's order in plain JS: a block's 8 rows side by side, each summed dimension by dimension
    const scores = new Float64Array(blocks * BLOCK_ROWS);
    const values = this.values;
    for (let block = 0, at = 0; block < blocks; block++) {
      let d0 = 0, d1 = 0, d2 = 0, d3 = 0, d4 = 0, d5 = 0, d6 = 0, d7 = 0;
      for (let i = 0; i < dim; i++, at += BLOCK_ROWS) {
        const q = query[i];
        d0 += q * values[at];
        d1 += q * values[at + 1];
        d2 += q * values[at + 2];
        d3 += q * values[at + 3];
        d4 += q * values[at + 4];
        d5 += q * values[at + 5];
        d6 += q * values[at + 6];
        d7 += q * values[at + 7];
      }
      const out = block * BLOCK_ROWS;
      scores[out] = d0;
      scores[out + 1] = d1;
      scores[out + 2] = d2;
      scores[out + 3] = d3;
      scores[out + 4] = d4;
      scores[out + 5] = d5;
      scores[out + 6] = d6;
      scores[out + 7] = d7;
    }
    return scores;
  }

  private reserve(rows: number): void {
    const capacity = Math.ceil(rows / BLOCK_ROWS) * BLOCK_ROWS;
    if (capacity <= this.capacity) return;
    const floats = capacity * this.dim;
    if (!this.memory) {
      const grown = new Float32Array(floats);
      grown.set(this.values);
      this.values = grown;
      this.capacity = capacity;
      return;
    }
    const queryAt = floats * 4;
    const scoresAt = queryAt + this.dim * 16;
    const bytes = scoresAt + capacity * 8;
    const pages = Math.ceil(bytes / WASM_PAGE_BYTES);
    const have = this.memory.buffer.byteLength / WASM_PAGE_BYTES;
    if (pages > have) this.memory.grow(pages - have);
    this.values = new Float32Array(this.memory.buffer, 0, floats);
    this.queryAt = queryAt;
    this.scoresAt = scoresAt;
    this.capacity = capacity;
  }
}

import { Ranked } from './cosine';
import { hotPath } from '../../../common/perf/hot-path';
import { kernelFor, ScoresI8Fn, WASM_PAGE_BYTES, WasmMemory } from './dot-kernel';
import { ScanPool } from './scan-pool';

const CHUNK = 16;
const MIN_CAPACITY = 64;
const CODE_MAX = 127;
const INT32_MAX = 2 ** 31 - 1;
/** Room left in every bound for the rounding of the float arithmetic around the exact integer dot. */
const ROUNDING_MARGIN = 1e-9;
/** Rows from which the first stage runs on the scan pool's threads (below, a thread's round trip costs more than it saves). */
export const PARALLEL_MIN_ROWS = 20_000;

/**
 * Rows held as int8 codes (scalar quantisation, one scale per row: the row's largest magnitude maps
 * to ±127) plus a second int8 code of what the first one missed (residual quantisation). The first
 * codes are scanned by an exact integer dot product against the query quantised to int16; the few
 * rows that survive are scored again with both codes. `candidates` returns every row that can be
 * among the exact top k, so a caller re-ranking them with the float vectors gets the exact search's
 * answer (`rankExact`), not an approximation.
 *
 * Why that holds: with x̂ the dequantised row and q̂ the dequantised query,
 * |q·x − q̂·x̂| ≤ ‖q‖·‖x − x̂‖ + ‖q − q̂‖·‖x̂‖ (Cauchy–Schwarz, twice). Each row keeps ‖x − x̂‖ and
 * ‖x̂‖ (for one code and for both), so each row's score lies within a known interval around its
 * quantised score. Let T be the k-th largest lower end among accepted rows: k rows score at least T,
 * so every row of the exact top k (ties included) has an upper end ≥ T; only rows with an upper end
 * ≥ T go on. The second stage repeats this over the first stage's rows with the tighter intervals
 * of both codes (about 1/127 as wide), which leaves little more than k rows to re-rank.
 *
 * A speed and memory change (`quantised-scan`, src/common/perf/hot-path.ts): half the float
 * matrix's memory, and a scan reads a quarter of its bytes. Measured in reports/performance.md
 * part 5b (fresh servers on 100,000 vectors, with and without it in the same run, 5 alternating
 * repeats: p95 at 4 connections and RSS above idle, and 200 sampled answers compared byte for
 * byte). quantised-matrix.spec.ts holds the re-ranked candidates to the exact scan's answer on
 * random rows, near-duplicates and exact copies, and similar-stores.int-spec.ts the store's answers
 * to the float matrix's, on both drivers.
 *
 * Memory (with WebAssembly SIMD): [codes: capacity × stride int8][query: stride int16][scales: capacity f64][scores: capacity f64];
 * the second codes, scales and norms in plain typed arrays (2 × stride + 40 bytes a row in all).
 */
export class QuantisedMatrix {
  readonly kernel: 'wasm-simd' | 'scalar';
  /** bytes of one row: the dimension rounded up to the kernel's 16 */
  private readonly stride: number;
  private capacity = 0;
  private memory: WasmMemory | undefined;
  private scoresI8: ScoresI8Fn | undefined;
  private codes: Int8Array<ArrayBufferLike> = new Int8Array(0);
  /** per row: the value of one code step */
  private scale: Float64Array<ArrayBufferLike> = new Float64Array(0);
  /** per row: ‖x − x̂‖ */
  private error = new Float64Array(0);
  /** per row: ‖x̂‖ */
  private norm = new Float64Array(0);
  /** the largest ‖x − x̂‖ and ‖x̂‖ of any row ever set (an upper bound on every row's) */
  private maxError = 0;
  private maxNorm = 0;
  /** the residual's codes, and per row: its step, ‖x − x̂ − r̂‖ */
  private codes2 = new Int8Array(0);
  private scale2 = new Float64Array(0);
  private error2 = new Float64Array(0);
  private queryAt = 0;
  private scalesAt = 0;
  private scoresAt = 0;
  /** the query's int16 values and the first stage's scores, for the scalar loop */
  private scalarQuery: Int16Array;
  private scalarScores = new Float64Array(0);
  private readonly kernelModule: object | undefined;
  /** Threads for the scan pool (0: none). */
  private readonly threads: number;
  /** The scan pool: undefined until first needed, null when there is none. */
  private pool: ScanPool | null | undefined;

  /** `threads`: the scan pool's size (default ScanPool.defaultThreads(); 0 keeps every scan on this thread). */
  constructor(
    readonly dim: number,
    options: { simd?: boolean; rows?: number; threads?: number } = {},
  ) {
    if (!Number.isInteger(dim) || dim <= 0) throw new RangeError(`dimension must be a positive integer: ${dim}`);
    this.stride = Math.ceil(dim / CHUNK) * CHUNK;
    this.scalarQuery = new Int16Array(this.stride);
    const wasm = kernelFor(options.simd);
    if (wasm) {
      this.memory = wasm.memory;
      this.scoresI8 = wasm.scoresI8;
      this.kernelModule = wasm.module;
    }
    this.threads = options.threads ?? ScanPool.defaultThreads();
    this.kernel = wasm ? 'wasm-simd' : 'scalar';
    this.reserve(Math.max(MIN_CAPACITY, options.rows ?? 0));
  }

  get rowCapacity(): number {
    return this.capacity;
  }

  /** Quantises `vector` (of length `dim`) into row `row`, growing when the row is past the end. */
  set(row: number, vector: Float32Array): void {
    if (vector.length !== this.dim) throw new RangeError(`vector has ${vector.length} dimensions, expected ${this.dim}`);
    if (row >= this.capacity) this.reserve(Math.max(row + 1, Math.ceil(this.capacity * 1.25)));
    // written out without closures or result objects: loading 100k rows allocates nothing per row
    const base = row * this.stride;
    const dim = this.dim;
    const codes = this.codes;
    const codes2 = this.codes2;
    let max = 0;
    for (let i = 0; i < dim; i++) max = Math.max(max, Math.abs(vector[i]));
    const step = max > 0 && Number.isFinite(max) ? max / CODE_MAX : 0;
    let error = 0;
    let norm = 0;
    let max2 = 0;
    for (let i = 0; i < dim; i++) {
      const code = step === 0 ? 0 : Math.max(-CODE_MAX, Math.min(CODE_MAX, Math.round(vector[i] / step)));
      codes[base + i] = code;
      const d = vector[i] - code * step;
      error += d * d;
      norm += (code * step) ** 2;
      max2 = Math.max(max2, Math.abs(d));
    }
    // the second code: what the first one missed
    const step2 = max2 > 0 && Number.isFinite(max2) ? max2 / CODE_MAX : 0;
    let error2 = 0;
    for (let i = 0; i < dim; i++) {
      const rest = vector[i] - codes[base + i] * step;
      const code = step2 === 0 ? 0 : Math.max(-CODE_MAX, Math.min(CODE_MAX, Math.round(rest / step2)));
      codes2[base + i] = code;
      const d = vector[i] - (codes[base + i] * step + code * step2);
      error2 += d * d;
    }
    this.scale[row] = step;
    this.error[row] = Math.sqrt(error);
    this.norm[row] = Math.sqrt(norm);
    this.maxError = Math.max(this.maxError, this.error[row]);
    this.maxNorm = Math.max(this.maxNorm, this.norm[row]);
    this.scale2[row] = step2;
    this.error2[row] = Math.sqrt(error2);
  }

  /** Copies row `from` over row `to` (both below the capacity). */
  copy(from: number, to: number): void {
    this.codes.copyWithin(to * this.stride, from * this.stride, (from + 1) * this.stride);
    this.codes2.copyWithin(to * this.stride, from * this.stride, (from + 1) * this.stride);
    this.scale2[to] = this.scale2[from];
    this.error2[to] = this.error2[from];
    this.scale[to] = this.scale[from];
    this.error[to] = this.error[from];
    this.norm[to] = this.norm[from];
  }

  /**
   * Rows among 0..rows-1 that `accept` takes and that can be among the exact top k for `query`
   * (every row of the exact top k is; see the class comment), in ascending order. `accept` is asked
   * only about rows whose bound could matter.
   */
  candidates(query: Float32Array, rows: number, k: number, accept: (row: number) => boolean = () => true): number[] {
    if (!this.checkQuery(query, rows, k)) return [];
    const quantised = this.quantiseQuery(query);
    return this.select(query, quantised, this.firstScores(rows, quantised.step), rows, k, accept);
  }

  /**
   * `candidates`, with the first stage's scan on the scan pool's threads when there are at least
   * PARALLEL_MIN_ROWS rows (`parallel-scan`; see scan-pool.ts), else on this thread. Calls must not
   * overlap each other or any change to the matrix (`set`, `copy`): the caller serialises them.
   */
  async candidatesAsync(query: Float32Array, rows: number, k: number, accept: (row: number) => boolean = () => true): Promise<number[]> {
    if (!this.checkQuery(query, rows, k)) return [];
    const pool = rows >= PARALLEL_MIN_ROWS ? this.scanPool() : undefined;
    if (!pool) return this.candidates(query, rows, k, accept);
    const quantised = this.quantiseQuery(query);
    try {
      await pool.scan(this.queryAt, rows, this.stride / CHUNK, this.scalesAt, quantised.step, this.scoresAt);
    } catch {
      // a thread died (the pool is unhealthy from now on, as /health's scan_threads shows): this thread scans
      return this.candidates(query, rows, k, accept);
    }
    return this.select(query, quantised, new Float64Array(this.memory!.buffer, this.scoresAt, rows), rows, k, accept);
  }

  /** Threads the first stage runs on besides this one: the pool's while it is up, else 0. */
  get scanThreads(): number {
    return this.pool?.healthy ? this.pool.threads : 0;
  }

  /** Stops the scan pool's threads, if any. */
  async close(): Promise<void> {
    const pool = this.pool;
    this.pool = null;
    await pool?.close();
  }

  /** The pool, started on first use; none without the WebAssembly kernel, with `parallel-scan` off, or once it failed. */
  private scanPool(): ScanPool | undefined {
    if (this.pool === undefined) {
      this.pool = this.kernelModule && this.threads > 0 && hotPath('parallel-scan') ? new ScanPool(this.kernelModule, this.memory!, this.threads) : null;
    }
    return this.pool?.healthy ? this.pool : undefined;
  }

  private checkQuery(query: Float32Array, rows: number, k: number): boolean {
    if (query.length !== this.dim) throw new RangeError(`query has ${query.length} dimensions, expected ${this.dim}`);
    if (rows > this.capacity) throw new RangeError(`${rows} rows requested, only ${this.capacity} stored`);
    return k > 0 && rows > 0;
  }

  /** Both stages' selection over the first-stage scores `approxOf` (see `candidates`). */
  private select(
    query: Float32Array,
    { error: queryError, norm: queryNorm }: { error: number; norm: number },
    approxOf: Float64Array,
    rows: number,
    k: number,
    accept: (row: number) => boolean,
  ): number[] {
    const scale = this.scale;
    const error = this.error;
    const norm = this.norm;
    // a row's bound, written out in both loops below: queryNorm * error[row] + queryError * norm[row]
    // + ROUNDING_MARGIN * (1 + queryNorm * (norm[row] + error[row]))
    // first stage: the k largest lower ends among accepted rows, largest first. A lower end is at
    // most the quantised score and an upper end at most that plus the widest bound, which spares
    // reading most rows' bounds.
    const widest = queryNorm * this.maxError + queryError * this.maxNorm + ROUNDING_MARGIN * (1 + queryNorm * (this.maxNorm + this.maxError));
    const lows: number[] = [];
    // the k-th lower end so far (−∞ until k rows are in)
    let kth = Number.NEGATIVE_INFINITY;
    for (let row = 0; row < rows; row++) {
      const approx = approxOf[row];
      if (approx <= kth) continue;
      const low = approx - (queryNorm * error[row] + queryError * norm[row] + ROUNDING_MARGIN * (1 + queryNorm * (norm[row] + error[row])));
      if (low <= kth || !accept(row)) continue;
      insertDescending(lows, k, low);
      if (lows.length === k) kth = lows[k - 1];
    }
    const threshold = kth;
    const cut = threshold - widest;
    const first: number[] = [];
    for (let row = 0; row < rows; row++) {
      const approx = approxOf[row];
      if (approx < cut) continue;
      const high = approx + (queryNorm * error[row] + queryError * norm[row] + ROUNDING_MARGIN * (1 + queryNorm * (norm[row] + error[row])));
      if (high >= threshold && accept(row)) first.push(row);
    }
    if (first.length <= k) return first;
    // second stage, over the first stage's rows: both codes against the float query
    const scored = first.map((row) => {
      const base = row * this.stride;
      let one = 0;
      let two = 0;
      for (let i = 0; i < this.dim; i++) {
        one += query[i] * this.codes[base + i];
        two += query[i] * this.codes2[base + i];
      }
      const approx = one * scale[row] + two * this.scale2[row];
      const margin = queryNorm * this.error2[row] + ROUNDING_MARGIN * (1 + queryNorm * (norm[row] + error[row]));
      return { row, low: approx - margin, high: approx + margin };
    });
    const lows2: number[] = [];
    for (const s of scored) if (lows2.length < k || s.low > lows2[k - 1]) insertDescending(lows2, k, s.low);
    const threshold2 = lows2[k - 1];
    return scored.filter((s) => s.high >= threshold2).map((s) => s.row);
  }

  /** Writes the query's int16 values where the kernel reads them; its step, ‖q − q̂‖ and ‖q‖. */
  private quantiseQuery(query: Float32Array): { step: number; error: number; norm: number } {
    // keeps 127 × Σ|q_i| below 2^31, so the integer dot cannot overflow
    const top = Math.min(32767, Math.floor(INT32_MAX / (CODE_MAX * this.stride)));
    let max = 0;
    for (let i = 0; i < this.dim; i++) max = Math.max(max, Math.abs(query[i]));
    const step = max > 0 && Number.isFinite(max) ? max / top : 0;
    const values = this.memory ? new Int16Array(this.memory.buffer, this.queryAt, this.stride) : this.scalarQuery;
    let error = 0;
    let norm = 0;
    for (let i = 0; i < this.dim; i++) {
      const code = step === 0 ? 0 : Math.max(-top, Math.min(top, Math.round(query[i] / step)));
      values[i] = code;
      const d = query[i] - code * step;
      error += d * d;
      norm += query[i] * query[i];
    }
    return { step, error: Math.sqrt(error), norm: Math.sqrt(norm) };
  }

  /**
   * Each row's first-stage score: its integer dot with the quantised query × the query's step × the
   * row's step (a view, valid until the next call).
   */
  private firstScores(rows: number, queryStep: number): Float64Array {
    if (this.scoresI8) {
      this.scoresI8(this.queryAt, 0, rows, this.stride / CHUNK, this.scalesAt, queryStep, this.scoresAt);
      return new Float64Array(this.memory!.buffer, this.scoresAt, rows);
    }
    const out = this.scalarScores;
    const q = this.scalarQuery;
    const codes = this.codes;
    const stride = this.stride;
    for (let row = 0, base = 0; row < rows; row++, base += stride) {
      let sum = 0;
      for (let i = 0; i < stride; i++) sum += q[i] * codes[base + i];
      out[row] = sum * queryStep * this.scale[row];
    }
    return out;
  }

  private reserve(rows: number): void {
    const capacity = Math.ceil(rows / CHUNK) * CHUNK;
    if (capacity <= this.capacity) return;
    const grow = <T extends Float64Array>(old: T, make: (n: number) => T) => {
      const next = make(capacity);
      next.set(old);
      return next;
    };
    this.error = grow(this.error, (n) => new Float64Array(n));
    this.norm = grow(this.norm, (n) => new Float64Array(n));
    this.scale2 = grow(this.scale2, (n) => new Float64Array(n));
    this.error2 = grow(this.error2, (n) => new Float64Array(n));
    const codes2 = new Int8Array(capacity * this.stride);
    codes2.set(this.codes2);
    this.codes2 = codes2;
    const codeBytes = capacity * this.stride;
    if (!this.memory) {
      this.scale = grow(this.scale, (n) => new Float64Array(n));
      const codes = new Int8Array(codeBytes);
      codes.set(this.codes);
      this.codes = codes;
      this.scalarScores = new Float64Array(capacity);
      this.capacity = capacity;
      return;
    }
    // the codes stay where they are (memory.grow keeps contents); the regions behind them move, the
    // scales with their values
    const scales = this.scale.slice();
    const queryAt = codeBytes;
    const scalesAt = queryAt + this.stride * 2;
    const scoresAt = scalesAt + capacity * 8;
    const bytes = scoresAt + capacity * 8;
    const pages = Math.ceil(bytes / WASM_PAGE_BYTES);
    const have = this.memory.buffer.byteLength / WASM_PAGE_BYTES;
    if (pages > have) this.memory.grow(pages - have);
    this.codes = new Int8Array(this.memory.buffer, 0, codeBytes);
    // the query region sits where old rows may have been: cleared, since its padding must read 0
    new Int16Array(this.memory.buffer, queryAt, this.stride).fill(0);
    this.scale = new Float64Array(this.memory.buffer, scalesAt, capacity);
    this.scale.fill(0);
    this.scale.set(scales);
    this.queryAt = queryAt;
    this.scalesAt = scalesAt;
    this.scoresAt = scoresAt;
    this.capacity = capacity;
  }
}

/** Inserts `value` into `list` (largest first, at most k long). */
function insertDescending(list: number[], k: number, value: number): void {
  let at = list.length < k ? list.length : k - 1;
  if (list.length < k) list.push(value);
  while (at > 0 && list[at - 1] < value) {
    list[at] = list[at - 1];
    at--;
  }
  list[at] = value;
}

/**
 * The exact top k among candidate rows, given each one's float vector: the same scores and order as
 * `topK` over all rows (f64 sums taken dimension after dimension; ties keep the lower row; best
 * first), provided the candidates include the exact top k (`QuantisedMatrix.candidates` does).
 */
export function rankExact(query: Float32Array, candidates: ReadonlyArray<{ row: number; vector: Float32Array }>, k: number): Ranked[] {
  const ranked: Ranked[] = [];
  for (const { row, vector } of candidates) {
    if (vector.length !== query.length) continue;
    let dot = 0;
    for (let i = 0; i < query.length; i++) dot += query[i] * vector[i];
    ranked.push({ index: row, score: dot });
  }
  ranked.sort((a, b) => b.score - a.score || a.index - b.index);
  return ranked.slice(0, Math.max(0, k));
}

import * as fs from 'node:fs';
import * as path from 'node:path';
import { hotPath } from '../../../common/perf/hot-path';

/**
 * Rows are stored in blocks of 8 (`BLOCK_ROWS`), each block dimension-major: element `i` of row `r`
 * is float `(r >> 3) * 8 * dim + i * 8 + (r & 7)`. One 8-byte load then holds dimension `i` of two
 * neighbouring rows, which the kernel widens to an f64x2 — a pair of rows per SIMD register, so each
 * row's sum is still accumulated one dimension after another, in f64, exactly like the scalar loop
 * `dot += q[i] * m[i]` (a float32 × float32 product is exact in f64). The scores are therefore
 * bit-identical to the scalar scan, ties and ordering included. Four pairs (one block) run side by
 * side to hide the add latency.
 */
export const BLOCK_ROWS = 8;

/** Float index of element `i` of `row` in the blocked layout. */
export function blockedIndex(row: number, i: number, dim: number): number {
  return (row >> 3) * BLOCK_ROWS * dim + i * BLOCK_ROWS + (row & 7);
}

/**
 * The kernel, `dots(q, m, blocks, dim, out)`: for each of `blocks` blocks at `m`, the 8 rows' dot
 * products with the query as f64 to `out` (64 bytes per block); `q` holds the query widened and
 * doubled, `dim` f64x2 values `[q_i, q_i]`; pointers are byte offsets into the imported memory.
 * Written as WebAssembly text in dot-kernel.wat, compiled to dot-kernel.wasm beside this module at
 * build time (`npm run build:wasm`, also run by `npm run build` and before Jest).
 */
export const DOT_KERNEL_WASM = path.join(__dirname, 'dot-kernel.wasm');

function kernelBytes(): Uint8Array {
  try {
    return fs.readFileSync(DOT_KERNEL_WASM);
  } catch (err) {
    throw new Error(`${DOT_KERNEL_WASM} is missing (${(err as Error).message}): run \`npm run build:wasm\``);
  }
}

/** The slice of the WebAssembly JS API used here; declared locally since the project's libs omit it. */
export interface WasmMemory {
  readonly buffer: ArrayBufferLike;
  grow(deltaPages: number): number;
}
interface WasmApi {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
  Memory: new (descriptor: { initial: number; maximum: number; shared: boolean }) => WasmMemory;
}

export const WASM_PAGE_BYTES = 65536;
/** The kernel's memory is shared (dot-kernel.wat), which needs a maximum: wasm32's whole 4 GiB. */
const MAX_PAGES = 65536;

export type DotsFn = (q: number, m: number, blocks: number, dim: number, out: number) => void;

/**
 * `scoresI8(q, m, rows, chunks, scales, step, out)`: the quantised scan's kernel (see dot-kernel.wat):
 * rows of `chunks` × 16 int8 codes at `m`, the query as `chunks` × 16 int16 values at `q` (16-byte
 * aligned); row r's exact integer dot product × `step` × the f64 at `scales` + 8r, to `out` + 8r as
 * an f64. Scores rows in pairs: an odd `rows` also writes the row after the last.
 */
export type ScoresI8Fn = (q: number, m: number, rows: number, chunks: number, scales: number, step: number, out: number) => void;

let compiled: object | null | undefined;

/** The compiled kernel, or null when this runtime has no WebAssembly or no fixed-width SIMD. */
function kernelModule(): object | null {
  if (compiled !== undefined) return compiled;
  const api = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
  const bytes = kernelBytes();
  compiled = api?.validate(bytes) ? new api.Module(bytes) : null;
  return compiled;
}

export function simdAvailable(): boolean {
  return kernelModule() !== null;
}

export interface DotKernel {
  /** The compiled module (for the scan pool's threads to bind to the same memory). */
  module: object;
  memory: WasmMemory;
  dots: DotsFn;
  scoresI8: ScoresI8Fn;
}

/** A fresh (shared) memory of `pages` pages with the kernel bound to it, or null without SIMD. */
export function instantiateDots(pages: number): DotKernel | null {
  const module = kernelModule();
  if (module === null) return null;
  const api = (globalThis as { WebAssembly?: WasmApi }).WebAssembly!;
  const memory = new api.Memory({ initial: pages, maximum: MAX_PAGES, shared: true });
  const instance = new api.Instance(module, { env: { memory } });
  return { module, memory, dots: instance.exports.dots as DotsFn, scoresI8: instance.exports.scores_i8 as ScoresI8Fn };
}

/**
 * The kernel for a matrix, or null for its scalar loop: `simd` true or false forces the choice
 * (tests), unset follows the `wasm-dot-kernel` switch; null too where WebAssembly SIMD is missing.
 */
export function kernelFor(simd: boolean | undefined): ReturnType<typeof instantiateDots> {
  return simd === false || (simd === undefined && !hotPath('wasm-dot-kernel')) ? null : instantiateDots(1);
}

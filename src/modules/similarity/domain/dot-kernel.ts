import { Code, i32Const, local, memarg, moduleBytes, op, simd, simdOp, v128Zero, valtype } from './wasm-encoder';

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
 * `dots(q, m, blocks, dim, out)`: for each of `blocks` blocks at `m`, writes the 8 rows' dot products
 * with the query as f64 to `out` (64 bytes per block). `q` holds the query widened and doubled:
 * `dim` f64x2 values `[q_i, q_i]`. Pointers are byte offsets into the imported memory.
 */
function dotsFunction() {
  const [q, m, blocks, dim, out] = [0, 1, 2, 3, 4];
  const [qp, p, i, qv] = [5, 6, 7, 8];
  const acc = [9, 10, 11, 12];
  const pairs = [0, 1, 2, 3];

  const body: Code = [
    [op.block, op.void],
    [local.get(blocks), op.i32Eqz, op.brIf, 0],
    [local.get(dim), op.i32Eqz, op.brIf, 0],
    [local.get(m), local.set(p)],
    [op.loop, op.void], // each block
    pairs.map((j) => [v128Zero(), local.set(acc[j])]),
    [local.get(q), local.set(qp)],
    [local.get(dim), local.set(i)],
    [op.loop, op.void], // each dimension
    [local.get(qp), simdOp(simd.v128Load), memarg(4), local.set(qv)],
    // acc[j] += [q_i, q_i] * widen(rows 2j and 2j+1 at dimension i)
    pairs.map((j) => [
      local.get(acc[j]),
      local.get(qv),
      [local.get(p), simdOp(simd.v128Load64Zero), memarg(3, 8 * j), simdOp(simd.f64x2PromoteLowF32x4)],
      simdOp(simd.f64x2Mul),
      simdOp(simd.f64x2Add),
      local.set(acc[j]),
    ]),
    [local.get(p), i32Const(4 * BLOCK_ROWS), op.i32Add, local.set(p)],
    [local.get(qp), i32Const(16), op.i32Add, local.set(qp)],
    [local.get(i), i32Const(1), op.i32Sub, local.tee(i), op.brIf, 0],
    op.end,
    pairs.map((j) => [local.get(out), local.get(acc[j]), simdOp(simd.v128Store), memarg(4, 16 * j)]),
    [local.get(out), i32Const(8 * BLOCK_ROWS), op.i32Add, local.set(out)],
    [local.get(blocks), i32Const(1), op.i32Sub, local.tee(blocks), op.brIf, 0],
    op.end,
    op.end,
  ];
  return {
    name: 'dots',
    params: [valtype.i32, valtype.i32, valtype.i32, valtype.i32, valtype.i32],
    results: [],
    locals: [valtype.i32, valtype.i32, valtype.i32, valtype.v128, valtype.v128, valtype.v128, valtype.v128, valtype.v128],
    body,
  };
}

export const DOT_KERNEL_BYTES: Uint8Array = moduleBytes([dotsFunction()]);

/** The slice of the WebAssembly JS API used here; declared locally since the project's libs omit it. */
export interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(deltaPages: number): number;
}
interface WasmApi {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
  Memory: new (descriptor: { initial: number }) => WasmMemory;
}

export const WASM_PAGE_BYTES = 65536;

export type DotsFn = (q: number, m: number, blocks: number, dim: number, out: number) => void;

let compiled: object | null | undefined;

/** The compiled kernel, or null when this runtime has no WebAssembly or no fixed-width SIMD. */
function kernelModule(): object | null {
  if (compiled !== undefined) return compiled;
  const api = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
  compiled = api?.validate(DOT_KERNEL_BYTES) ? new api.Module(DOT_KERNEL_BYTES) : null;
  return compiled;
}

export function simdAvailable(): boolean {
  return kernelModule() !== null;
}

/** A fresh memory of `pages` pages with the kernel bound to it, or null without SIMD. */
export function instantiateDots(pages: number): { memory: WasmMemory; dots: DotsFn } | null {
  const module = kernelModule();
  if (module === null) return null;
  const api = (globalThis as { WebAssembly?: WasmApi }).WebAssembly!;
  const memory = new api.Memory({ initial: pages });
  const instance = new api.Instance(module, { env: { memory } });
  return { memory, dots: instance.exports.dots as DotsFn };
}

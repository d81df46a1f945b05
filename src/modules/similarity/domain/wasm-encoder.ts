/**
 * Just enough of the WebAssembly binary format (core spec §5 plus the fixed-width SIMD proposal) to
 * emit one small module from TypeScript: LEB128 numbers, sections, and named opcodes. Code is built
 * as nested arrays of bytes, so an instruction reads like its text form: `[op.localGet, ...u32(0)]`.
 */

export type Bytes = number[];
/** Instructions, possibly nested; flattened in order. */
export type Code = Array<number | Code>;

/** Unsigned LEB128, for counts, indices, sizes and SIMD sub-opcodes. */
export function u32(n: number): Bytes {
  if (!Number.isInteger(n) || n < 0 || n > 0xffffffff) throw new RangeError(`u32 out of range: ${n}`);
  const out: Bytes = [];
  do {
    let byte = n & 0x7f;
    n = Math.floor(n / 128);
    if (n !== 0) byte |= 0x80;
    out.push(byte);
  } while (n !== 0);
  return out;
}

/** Signed LEB128, for `i32.const` immediates. */
export function s32(n: number): Bytes {
  if (!Number.isInteger(n) || n < -0x80000000 || n > 0x7fffffff) throw new RangeError(`s32 out of range: ${n}`);
  const out: Bytes = [];
  for (;;) {
    const byte = n & 0x7f;
    n >>= 7;
    const done = (n === 0 && (byte & 0x40) === 0) || (n === -1 && (byte & 0x40) !== 0);
    out.push(done ? byte : byte | 0x80);
    if (done) return out;
  }
}

export function flatten(code: Code): Bytes {
  const out: Bytes = [];
  const walk = (c: Code) => {
    for (const x of c) {
      if (typeof x === 'number') out.push(x);
      else walk(x);
    }
  };
  walk(code);
  return out;
}

/** A vector: its element count, then the elements. */
export function vec(items: Bytes[]): Bytes {
  return [...u32(items.length), ...items.flat()];
}

export function utf8(s: string): Bytes {
  const b = Buffer.from(s, 'utf8');
  return [...u32(b.length), ...b];
}

export const valtype = { i32: 0x7f, i64: 0x7e, f32: 0x7d, f64: 0x7c, v128: 0x7b } as const;

/** Core opcodes (those the kernel uses). */
export const op = {
  block: 0x02,
  loop: 0x03,
  brIf: 0x0d,
  end: 0x0b,
  /** Block type of a block that takes and leaves nothing. */
  void: 0x40,
  localGet: 0x20,
  localSet: 0x21,
  localTee: 0x22,
  i32Const: 0x41,
  i32Eqz: 0x45,
  i32Add: 0x6a,
  i32Sub: 0x6b,
  simdPrefix: 0xfd,
} as const;

/** SIMD sub-opcodes (those the kernel uses), written after the 0xFD prefix as a u32 LEB128. */
export const simd = {
  v128Load: 0x00,
  v128Store: 0x0b,
  v128Const: 0x0c,
  /** Loads 8 bytes into the low half of the vector and zeroes the high half. */
  v128Load64Zero: 0x5d,
  /** f32 lanes 0 and 1, widened exactly to two f64 lanes. */
  f64x2PromoteLowF32x4: 0x5f,
  f64x2Add: 0xf0,
  f64x2Mul: 0xf2,
} as const;

export function simdOp(sub: number): Bytes {
  return [op.simdPrefix, ...u32(sub)];
}

/** A memory immediate: alignment hint as log2 of bytes, then a constant byte offset. */
export function memarg(alignLog2: number, offset = 0): Bytes {
  return [...u32(alignLog2), ...u32(offset)];
}

export const local = {
  get: (i: number): Bytes => [op.localGet, ...u32(i)],
  set: (i: number): Bytes => [op.localSet, ...u32(i)],
  tee: (i: number): Bytes => [op.localTee, ...u32(i)],
};

export function i32Const(n: number): Bytes {
  return [op.i32Const, ...s32(n)];
}

export function v128Zero(): Bytes {
  return [...simdOp(simd.v128Const), ...new Array<number>(16).fill(0)];
}

export interface FunctionDef {
  name: string;
  params: number[];
  results: number[];
  /** Locals after the parameters, in declaration order. */
  locals: number[];
  body: Code;
}

/** A module importing one memory (`env.memory`) and exporting the given functions. */
export function moduleBytes(functions: FunctionDef[], memory: { initialPages: number } = { initialPages: 1 }): Uint8Array {
  const section = (id: number, body: Bytes): Bytes => [id, ...u32(body.length), ...body];
  const types = functions.map((f) => [0x60, ...vec(f.params.map((t) => [t])), ...vec(f.results.map((t) => [t]))]);
  const memoryImport = [...utf8('env'), ...utf8('memory'), 0x02, 0x00, ...u32(memory.initialPages)];
  const bodies = functions.map((f) => {
    const runs: Bytes[] = [];
    for (let i = 0; i < f.locals.length; ) {
      let j = i;
      while (j < f.locals.length && f.locals[j] === f.locals[i]) j++;
      runs.push([...u32(j - i), f.locals[i]]);
      i = j;
    }
    const body = [...vec(runs), ...flatten(f.body), op.end];
    return [...u32(body.length), ...body];
  });
  return Uint8Array.from([
    ...[0x00, 0x61, 0x73, 0x6d], // "\0asm"
    ...[0x01, 0x00, 0x00, 0x00], // version 1
    ...section(1, vec(types)),
    ...section(2, vec([memoryImport])),
    ...section(3, vec(functions.map((_, i) => u32(i)))),
    ...section(7, vec(functions.map((f, i) => [...utf8(f.name), 0x00, ...u32(i)]))),
    ...section(10, vec(bodies)),
  ]);
}

import { DOT_KERNEL_BYTES } from './dot-kernel';
import { i32Const, local, moduleBytes, op, s32, u32, valtype } from './wasm-encoder';

const wasm = (
  globalThis as unknown as {
    WebAssembly: {
      validate(bytes: Uint8Array): boolean;
      Module: new (bytes: Uint8Array) => object;
      Instance: new (module: object, imports: object) => { exports: Record<string, (x: number) => number> };
      Memory: new (descriptor: { initial: number }) => object;
    };
  }
).WebAssembly;

describe('wasm encoder', () => {
  it('writes unsigned and signed LEB128 as the spec examples do', () => {
    expect(u32(0)).toEqual([0x00]);
    expect(u32(127)).toEqual([0x7f]);
    expect(u32(128)).toEqual([0x80, 0x01]);
    expect(u32(624485)).toEqual([0xe5, 0x8e, 0x26]);
    expect(u32(0xffffffff)).toEqual([0xff, 0xff, 0xff, 0xff, 0x0f]);
    expect(s32(0)).toEqual([0x00]);
    expect(s32(63)).toEqual([0x3f]);
    expect(s32(64)).toEqual([0xc0, 0x00]);
    expect(s32(-1)).toEqual([0x7f]);
    expect(s32(-64)).toEqual([0x40]);
    expect(s32(-65)).toEqual([0xbf, 0x7f]);
    expect(s32(-123456)).toEqual([0xc0, 0xbb, 0x78]);
    expect(() => u32(-1)).toThrow(RangeError);
    expect(() => s32(2 ** 31)).toThrow(RangeError);
  });

  it('emits a module the runtime accepts and runs', () => {
    const bytes = moduleBytes([
      {
        name: 'addSeven',
        params: [valtype.i32],
        results: [valtype.i32],
        locals: [valtype.i32, valtype.i32],
        body: [local.get(0), i32Const(7), op.i32Add, local.tee(1), local.set(2), local.get(2)],
      },
    ]);
    expect(wasm.validate(bytes)).toBe(true);
    const instance = new wasm.Instance(new wasm.Module(bytes), { env: { memory: new wasm.Memory({ initial: 1 }) } });
    expect(instance.exports.addSeven(-10)).toBe(-3);
  });

  it('emits a valid dot-product kernel', () => {
    expect(wasm.validate(DOT_KERNEL_BYTES)).toBe(true);
    // a broken body (one local.set too few) must be refused, so the check above means something
    expect(wasm.validate(DOT_KERNEL_BYTES.slice(0, -3))).toBe(false);
  });
});

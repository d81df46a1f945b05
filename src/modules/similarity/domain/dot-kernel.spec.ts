import * as fs from 'node:fs';
import * as path from 'node:path';
import { compileWat } from '../../../../scripts/build-wasm';
import { DOT_KERNEL_WASM, simdAvailable } from './dot-kernel';

describe('the dot kernel', () => {
  it('is the current dot-kernel.wat, compiled by wabt', async () => {
    const fresh = await compileWat(path.join(__dirname, 'dot-kernel.wat'));
    expect(Buffer.from(fs.readFileSync(DOT_KERNEL_WASM)).equals(Buffer.from(fresh))).toBe(true);
  });

  it('runs on this runtime: WebAssembly with fixed-width SIMD', () => {
    // without it every search falls back to the scalar loop, several times slower (reports/performance.md, part 10)
    expect(simdAvailable()).toBe(true);
  });
});

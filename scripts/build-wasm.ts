/**
 * `npm run build:wasm`: compiles the project's WebAssembly text (`.wat`) to binaries with wabt,
 * next to the source (for ts-node and Jest, git-ignored) and into dist (for the built server).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import wabt from 'wabt';

const ROOT = path.join(__dirname, '..');
export const WAT_SOURCES = ['src/modules/similarity/domain/dot-kernel.wat'];

/** The WebAssembly features the project's modules use: fixed-width SIMD, and shared memory (threads). */
const FEATURES = { simd: true, threads: true };

/** The binary of one `.wat` file, validated; fixed-width SIMD and shared memory enabled. */
export async function compileWat(file: string): Promise<Uint8Array> {
  const w = await wabt();
  const module = w.parseWat(path.basename(file), fs.readFileSync(file, 'utf8'), FEATURES);
  try {
    // wabt's validate takes the features too (its typings omit the argument); without them it refuses shared memory
    (module as unknown as { validate(features: typeof FEATURES): void }).validate(FEATURES);
    return module.toBinary({ log: false, write_debug_names: false }).buffer;
  } finally {
    module.destroy();
  }
}

/** Writes `<name>.wasm` beside each source and, when dist/ exists, beside its compiled module there. */
export async function buildWasm(root = ROOT): Promise<string[]> {
  const written: string[] = [];
  for (const source of WAT_SOURCES) {
    const bytes = await compileWat(path.join(root, source));
    const targets = [path.join(root, source.replace(/\.wat$/, '.wasm'))];
    const dist = path.join(root, 'dist', source.replace(/\.wat$/, '.wasm'));
    if (fs.existsSync(path.dirname(dist))) targets.push(dist);
    for (const target of targets) {
      fs.writeFileSync(target, bytes);
      written.push(path.relative(root, target));
    }
  }
  return written;
}

if (require.main === module) {
  buildWasm().then(
    (files) => process.stdout.write(`wrote ${files.join(', ')}\n`),
    (err: unknown) => {
      process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
      process.exit(1);
    },
  );
}

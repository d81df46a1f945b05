import { buildWasm } from '../../scripts/build-wasm';

/** The WebAssembly the sources load (dot-kernel.wasm), compiled from its .wat before any test runs. */
export default async function globalSetup(): Promise<void> {
  await buildWasm();
}

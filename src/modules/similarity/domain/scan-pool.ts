import * as os from 'node:os';
import { Worker } from 'node:worker_threads';
import type { WasmMemory } from './dot-kernel';

/**
 * Worker threads that run the int8 scan's kernel (`scores_i8`, dot-kernel.wat) over shares of one
 * matrix's rows, on the matrix's own shared WebAssembly memory: a scan of 100,000 rows reads 25 MB,
 * and while the threads read it the main thread serves other requests instead of waiting.
 *
 * A speed change in the request path (`parallel-scan`, src/common/perf/hot-path.ts), kept because it
 * pays: in reports/performance.md part 5b (fresh servers on 100,000 stored 256-dimension vectors, 10
 * alternating repeats) similar search's p95 at 4 connections was 62.2 % higher without it (95 %
 * interval +54.0 … +64.9 %; 23.17 against 14.39 ms), for about 10 MB more RSS. quantised-matrix.spec.ts
 * holds the threads' scores to the main thread's, byte for byte, and fails if the pool did not run;
 * similar-stores.int-spec.ts holds the store's writes back while a scan is in flight.
 *
 * Each thread instantiates the kernel on the shared memory once; a scan sends each thread its rows
 * (an even count, since the kernel scores rows in pairs, except the last share) and resolves when
 * all have written their scores. Scans must not overlap (the caller serialises them: they share
 * the query and score regions). Threads are unref'd, so an idle pool never keeps the process alive.
 */
export class ScanPool {
  private readonly workers: Worker[];
  private next = 0;
  private readonly waiting = new Map<number, { left: number; resolve: () => void; reject: (e: Error) => void }>();
  private failed: Error | undefined;

  constructor(module: object, memory: WasmMemory, threads: number) {
    this.workers = Array.from({ length: threads }, () => {
      const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { module, memory } });
      worker.unref();
      worker.on('message', (id: number) => this.done(id));
      worker.on('error', (e) => this.fail(e));
      worker.on('exit', (code) => this.fail(new Error(`scan thread exited with code ${code}`)));
      return worker;
    });
  }

  /** Threads a pool gets by default: one per core, at most 2 (the scan is bound by memory bandwidth). */
  static defaultThreads(): number {
    return Math.max(1, Math.min(2, os.availableParallelism()));
  }

  get threads(): number {
    return this.workers.length;
  }

  /** Whether every thread is still there (a failed pool leaves the scan to the main thread). */
  get healthy(): boolean {
    return this.failed === undefined;
  }

  /** `scores_i8` over rows [0, rows), split across the threads; same arguments as the kernel's. */
  scan(q: number, rows: number, chunks: number, scalesAt: number, step: number, scoresAt: number): Promise<void> {
    if (this.failed) return Promise.reject(this.failed);
    const id = this.next++;
    const shares = this.workers.length;
    const rowBytes = chunks * 16;
    return new Promise<void>((resolve, reject) => {
      this.waiting.set(id, { left: shares, resolve, reject });
      let from = 0;
      for (let i = 0; i < shares; i++) {
        const to = i === shares - 1 ? rows : Math.min(rows, from + 2 * Math.ceil((rows - from) / (shares - i) / 2));
        this.workers[i].postMessage([id, q, from * rowBytes, to - from, chunks, scalesAt + from * 8, step, scoresAt + from * 8]);
        from = to;
      }
    });
  }

  close(): Promise<number[]> {
    this.fail(new Error('scan pool closed'));
    return Promise.all(this.workers.map((w) => w.terminate()));
  }

  private done(id: number): void {
    const w = this.waiting.get(id);
    if (!w) return;
    if (--w.left === 0) {
      this.waiting.delete(id);
      w.resolve();
    }
  }

  private fail(e: Error): void {
    this.failed ??= e;
    for (const w of this.waiting.values()) w.reject(this.failed);
    this.waiting.clear();
  }
}

/** A thread: binds the kernel to the shared memory, then scores the rows each message names. */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { exports } = new WebAssembly.Instance(workerData.module, { env: { memory: workerData.memory } });
parentPort.on('message', ([id, q, m, rows, chunks, scales, step, out]) => {
  if (rows > 0) exports.scores_i8(q, m, rows, chunks, scales, step, out);
  parentPort.postMessage(id);
});
`;

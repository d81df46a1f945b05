/**
 * Exact vector scan, old against new, in one process: the plain `topK` loop over a back-to-back
 * Float32Array, `VectorMatrix.topK` (WebAssembly SIMD kernel, plus its scalar fallback for
 * reference) and the int8 scan the embedded store runs (`QuantisedMatrix.candidates`, then the
 * candidates re-ranked with their float vectors, here from memory rather than the table). Reports
 * the median ms per scan and checks the answers agree exactly.
 *
 *   npx ts-node --transpile-only bench/vector-scan.ts [--rows 100000] [--dim 256] [--k 10] [--runs 15]
 */
import { topK, Ranked } from '../src/modules/similarity/domain/cosine';
import { QuantisedMatrix, rankExact } from '../src/modules/similarity/domain/quantised-matrix';
import { VectorMatrix } from '../src/modules/similarity/domain/vector-matrix';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

const ROWS = arg('rows', 100_000);
const DIM = arg('dim', 256);
const K = arg('k', 10);
const RUNS = arg('runs', 15);

function pseudoRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

function unitVector(rand: () => number): Float32Array {
  const v = new Float32Array(DIM);
  let norm = 0;
  for (let i = 0; i < DIM; i++) norm += (v[i] = rand() * 2 - 1) ** 2;
  norm = Math.sqrt(norm);
  for (let i = 0; i < DIM; i++) v[i] /= norm;
  return v;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

const rand = pseudoRandom(2024);
const plain = new Float32Array(ROWS * DIM);
const simd = new VectorMatrix(DIM);
const scalar = new VectorMatrix(DIM, { simd: false });
const quantised = new QuantisedMatrix(DIM, { rows: ROWS });
for (let r = 0; r < ROWS; r++) {
  const v = unitVector(rand);
  plain.set(v, r * DIM);
  simd.set(r, v);
  scalar.set(r, v);
  quantised.set(r, v);
}
const queries = Array.from({ length: RUNS }, () => unitVector(rand));
// the shape of the store's filter: a closure over per-row arrays
const status = Array.from({ length: ROWS }, (_, r) => (r % 3 === 0 ? 'failed' : 'completed'));
const filters: Array<[string, ((row: number) => boolean) | undefined]> = [
  ['no filter', undefined],
  ["status = 'failed' (1/3 of rows)", (row) => status[row] === 'failed'],
];

type Scan = (q: Float32Array, accept?: (row: number) => boolean) => Ranked[];
const scans: Array<[string, Scan]> = [
  ['old: topK, plain JS loop', (q, accept) => topK(q, plain, ROWS, K, accept)],
  [`new: VectorMatrix (${simd.kernel})`, (q, accept) => simd.topK(q, ROWS, K, accept)],
  [`new: VectorMatrix (${scalar.kernel} fallback)`, (q, accept) => scalar.topK(q, ROWS, K, accept)],
  [
    `int8: QuantisedMatrix (${quantised.kernel}) + re-rank`,
    (q, accept) => rankExact(q, quantised.candidates(q, ROWS, K, accept).map((row) => ({ row, vector: plain.subarray(row * DIM, (row + 1) * DIM) })), K),
  ],
];

console.log(`vector scan: ${ROWS} rows × ${DIM} dims, k=${K}, median of ${RUNS} scans (after 3 warm-up), node ${process.version}`);
for (const [filterName, accept] of filters) {
  const times = scans.map(() => [] as number[]);
  for (let w = 0; w < 3; w++) for (const [, scan] of scans) scan(queries[w], accept);
  for (const q of queries) {
    const answers: Ranked[][] = [];
    scans.forEach(([, scan], s) => {
      const started = performance.now();
      answers.push(scan(q, accept));
      times[s].push(performance.now() - started);
    });
    for (const a of answers.slice(1)) {
      if (JSON.stringify(a) !== JSON.stringify(answers[0])) throw new Error(`answers differ (${filterName})`);
    }
  }
  const old = median(times[0]);
  console.log(`\n${filterName} — answers identical (indices and scores)`);
  scans.forEach(([name], s) => {
    const ms = median(times[s]);
    const p95 = [...times[s]].sort((a, b) => a - b)[Math.ceil(0.95 * times[s].length) - 1];
    console.log(`  ${name.padEnd(46)} ${ms.toFixed(2).padStart(8)} ms/scan  (p95 ${p95.toFixed(2)} ms)  ×${(old / ms).toFixed(1)} vs old`);
  });
}

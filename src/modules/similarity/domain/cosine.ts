/** One ranked neighbour: its row in the matrix and its cosine similarity to the query. */
export interface Ranked {
  index: number;
  score: number;
}

/** Cosine similarity of two vectors of equal length (0 when either is zero). */
export function cosine(a: Float32Array, b: Float32Array): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i] * b[i];
    na += a[i] * a[i];
    nb += b[i] * b[i];
  }
  return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb);
}

/**
 * Exact top-k over `rows` unit vectors stored back to back in `matrix`: rows `accept` refuses are
 * skipped before scoring (filters apply before ranking). The query must be unit length too, so the
 * dot product is the cosine. Ties keep the lower row first; the answer is best first.
 *
 * This is the plain reference scan; `VectorMatrix` gives bit-identical answers much faster.
 */
export function topK(
  query: Float32Array,
  matrix: Float32Array,
  rows: number,
  k: number,
  accept: (row: number) => boolean = () => true,
): Ranked[] {
  const dim = query.length;
  const best: Ranked[] = [];
  if (k <= 0) return best;
  for (let row = 0; row < rows; row++) {
    if (!accept(row)) continue;
    let dot = 0;
    const base = row * dim;
    for (let i = 0; i < dim; i++) dot += query[i] * matrix[base + i];
    offer(best, k, row, dot);
  }
  return best;
}

/** The same selection as `topK` over scores already computed for rows 0..rows-1. */
export function topKOfScores(
  scores: ArrayLike<number>,
  rows: number,
  k: number,
  accept: (row: number) => boolean = () => true,
): Ranked[] {
  const best: Ranked[] = [];
  if (k <= 0) return best;
  for (let row = 0; row < rows; row++) {
    const score = scores[row];
    // the filter is a pure predicate: only rows that would enter the list are asked
    if (best.length === k && score <= best[k - 1].score) continue;
    if (accept(row)) offer(best, k, row, score);
  }
  return best;
}

/** Offers rows in ascending order to a best-first list of at most k. */
function offer(best: Ranked[], k: number, row: number, dot: number): void {
  if (best.length === k && dot <= best[k - 1].score) return;
  let at = best.length < k ? best.length : k - 1;
  if (best.length < k) best.push({ index: row, score: dot });
  // insertion into the sorted list; strictly greater moves up, so earlier rows win ties
  while (at > 0 && best[at - 1].score < dot) {
    best[at] = best[at - 1];
    at--;
  }
  best[at] = { index: row, score: dot };
}

/** float32 little-endian bytes, the layout both stores and Milvus use on the wire. */
export function vectorToBytes(v: Float32Array): Buffer {
  const out = Buffer.alloc(v.length * 4);
  for (let i = 0; i < v.length; i++) out.writeFloatLE(v[i], i * 4);
  return out;
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

export function vectorFromBytes(bytes: Uint8Array): Float32Array {
  const v = new Float32Array(Math.floor(bytes.byteLength / 4));
  // on a little-endian host the bytes are the floats already
  if (LITTLE_ENDIAN) {
    new Uint8Array(v.buffer).set(bytes.subarray(0, v.length * 4));
    return v;
  }
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let i = 0; i < v.length; i++) v[i] = buf.readFloatLE(i * 4);
  return v;
}

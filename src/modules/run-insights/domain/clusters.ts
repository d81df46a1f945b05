/**
 * Failed runs grouped by what their embeddings say: one pass, oldest first, each run joining the
 * cluster whose centroid it is most similar to when that cosine reaches the threshold, else
 * opening a new one. The same runs in any input order give the same clusters.
 */

/** Cosine to a cluster's centroid at or above which a failed run joins it. */
export const CLUSTER_SIMILARITY = 0.75;
/** Run ids shown per cluster. */
export const CLUSTER_RUN_IDS = 5;

export interface ClusterMember {
  id: string;
  at: Date;
  error: string | null;
  vector: Float32Array;
}

export interface FailureCluster {
  size: number;
  first_seen: Date;
  last_seen: Date;
  /** the error of the member nearest the cluster's centroid */
  representative_error: string | null;
  /** the latest members' ids, newest first */
  run_ids: string[];
}

function unit(v: Float32Array): Float64Array {
  let norm = 0;
  for (let i = 0; i < v.length; i++) norm += v[i] * v[i];
  const out = new Float64Array(v.length);
  if (norm === 0) return out;
  const s = 1 / Math.sqrt(norm);
  for (let i = 0; i < v.length; i++) out[i] = v[i] * s;
  return out;
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

interface Building {
  sum: Float64Array;
  norm: number;
  members: Array<{ member: ClusterMember; v: Float64Array }>;
}

const byTimeThenId = (a: ClusterMember, b: ClusterMember) => a.at.getTime() - b.at.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Clusters, largest first (then the most recently seen); vectors of another length than the first are left out. */
export function clusterFailures(members: readonly ClusterMember[], threshold = CLUSTER_SIMILARITY, runIds = CLUSTER_RUN_IDS): FailureCluster[] {
  const sorted = [...members].sort(byTimeThenId);
  const dim = sorted[0]?.vector.length;
  const clusters: Building[] = [];
  for (const member of sorted) {
    if (member.vector.length !== dim) continue;
    const v = unit(member.vector);
    let best: Building | undefined;
    let bestScore = -Infinity;
    for (const c of clusters) {
      const score = c.norm === 0 ? 0 : dot(c.sum, v) / c.norm;
      if (score > bestScore) {
        bestScore = score;
        best = c;
      }
    }
    if (!best || bestScore < threshold) {
      best = { sum: new Float64Array(v.length), norm: 0, members: [] };
      clusters.push(best);
    }
    for (let i = 0; i < v.length; i++) best.sum[i] += v[i];
    best.norm = Math.sqrt(dot(best.sum, best.sum));
    best.members.push({ member, v });
  }
  return clusters
    .map((c) => {
      let representative = c.members[0];
      let nearest = -Infinity;
      for (const m of c.members) {
        const score = dot(c.sum, m.v);
        if (score > nearest) {
          nearest = score;
          representative = m;
        }
      }
      const newestFirst = c.members.map((m) => m.member).reverse();
      return {
        size: c.members.length,
        first_seen: c.members[0].member.at,
        last_seen: c.members[c.members.length - 1].member.at,
        representative_error: representative.member.error,
        run_ids: newestFirst.slice(0, runIds).map((m) => m.id),
      };
    })
    .sort((a, b) => b.size - a.size || b.last_seen.getTime() - a.last_seen.getTime());
}

import { clusterFailures, ClusterMember } from './clusters';

const at = (s: number) => new Date(Date.UTC(2026, 11, 1, 0, 0, s));
const member = (id: string, s: number, error: string, v: number[]): ClusterMember => ({ id, at: at(s), error, vector: Float32Array.from(v) });

describe('clusterFailures', () => {
  const members = [
    member('a1', 1, 'timeout A', [1, 0, 0]),
    member('b1', 2, 'quota B', [0, 1, 0]),
    member('a2', 3, 'timeout A again', [0.95, 0.1, 0]),
    member('a3', 4, 'timeout A once more', [0.9, 0, 0.1]),
    member('c1', 5, 'odd C', [0, 0, 1]),
    member('b2', 6, 'quota B again', [0.1, 1, 0]),
  ];

  it('groups by cosine to the centroid, largest first, with first/last seen, a representative and the newest ids', () => {
    expect(clusterFailures(members, 0.8)).toEqual([
      { size: 3, first_seen: at(1), last_seen: at(4), representative_error: 'timeout A', run_ids: ['a3', 'a2', 'a1'] },
      { size: 2, first_seen: at(2), last_seen: at(6), representative_error: 'quota B', run_ids: ['b2', 'b1'] },
      { size: 1, first_seen: at(5), last_seen: at(5), representative_error: 'odd C', run_ids: ['c1'] },
    ]);
  });

  it('answers the same clusters whatever order the runs come in, and caps the ids', () => {
    expect(clusterFailures([...members].reverse(), 0.8)).toEqual(clusterFailures(members, 0.8));
    expect(clusterFailures(members, 0.8, 2)[0].run_ids).toEqual(['a3', 'a2']);
  });

  it('puts everything in one cluster at threshold -1 and nothing together at 1.01', () => {
    expect(clusterFailures(members, -1).map((c) => c.size)).toEqual([6]);
    expect(clusterFailures(members, 1.01)).toHaveLength(6);
    expect(clusterFailures([])).toEqual([]);
  });
});

import { detections, leaveOneGroupOut } from '../../scripts/nab/evaluation';
import { CostMatrix, LabelledSeries } from '../../scripts/nab/nab-scorer';

const times = (n: number) => Array.from({ length: n }, (_, i) => i * 1000);
const standard: CostMatrix = { tpWeight: 1, fpWeight: 0.11, fnWeight: 1 };

describe('NAB report figures', () => {
  it('counts windows hit and runs of detections outside windows, leaving the probation period out', () => {
    const s: LabelledSeries = { name: 'realTweets/x.csv', times: times(40), windows: [[10_000, 12_000], [30_000, 31_000]] };
    const scores = new Array<number>(40).fill(0);
    scores[2] = 1; // probation (first 15%: 6 rows)
    scores[11] = 1; // inside the first window
    scores[15] = scores[16] = 1; // one run
    scores[20] = 1; // another
    expect(detections([s], new Map([[s.name, scores]]), 0.5)).toEqual({ hit: 1, windows: 2, fpRuns: 2 });
  });

  it('leave-one-group-out picks, per held-out group, the candidate that does best on the other three', () => {
    const groups = ['realAWSCloudwatch', 'realAdExchange', 'realTweets', 'artificialWithAnomaly'];
    const corpus: LabelledSeries[] = groups.map((g) => ({ name: `${g}/a.csv`, times: times(100), windows: [[50_000, 60_000]] }));
    const blind = new Map(corpus.map((s) => [s.name, new Array<number>(100).fill(0)]));
    const sharp = new Map(corpus.map((s) => [s.name, Array.from({ length: 100 }, (_, i) => (i === 50 ? 0.9 : 0))]));
    const folds = leaveOneGroupOut(corpus, { standard }, [blind, sharp]);
    expect(folds.map((f) => [f.heldOut, f.chosen])).toEqual([
      ['realAWSCloudwatch', 1],
      ['realAdExchange', 1],
      ['realTweets', 1],
      ['artificial', 1],
    ]);
    for (const f of folds) {
      expect(f.heldOutScore).toBeCloseTo(100, 6); // detected at the window's start
      expect(f.defaultScore).toBe(0); // the blind defaults: the null detector
    }
  });
});

import { alarmFrontier } from '../../scripts/nab/frontier';
import { DataSeries } from '../../scripts/nab/nab-io';
import { CostMatrix, LabelledSeries } from '../../scripts/nab/nab-scorer';
import { DetectorDefinition, ratioNormalize, StreamingDetector } from '../../src/modules/insight/detectors/detector';

/** A value no healthy synthetic series takes. */
const MARK = 123_456.75;
const standard: CostMatrix = { tpWeight: 1, fpWeight: 0.11, fnWeight: 1 };

/**
 * A detector that scores 2 on every point of a series whose value is MARK, else 0 — except
 * that one created for a threshold of 1 scores 1 on every other point too, as a detector
 * anchored at its probe's threshold may report differently there.
 */
function recordingDetector(created: Array<number | undefined>): DetectorDefinition<object> {
  const make = (threshold?: number): StreamingDetector => {
    created.push(threshold);
    let seen = 0;
    return {
      get seen() {
        return seen;
      },
      update: (_t: number, v: number) => {
        seen++;
        if (v === MARK) return 2;
        return threshold === 1 ? 1 : 0;
      },
      snapshot: () => ({ detector: 'rec', version: 1, state: {} }),
    };
  };
  return {
    name: 'rec',
    description: 'test',
    unit: 'u',
    defaultParams: {},
    defaultThreshold: 3,
    sensitivities: { low: 4, medium: 3, high: 2 },
    warmup: () => 0,
    parseParams: () => ({}),
    create: (_p, threshold) => make(threshold),
    restore: (_p, _s, threshold) => make(threshold),
    normalize: (s) => ratioNormalize(s, 3),
  };
}

describe('NAB against false alarms (alarmFrontier)', () => {
  const n = 200;
  const ts = (i: number) => new Date(Date.UTC(2024, 0, 1) + i * 300_000).toISOString().slice(0, 19).replace('T', ' ');
  const values = Array.from({ length: n }, (_, i) => (i >= 120 && i < 125 ? MARK : 10));
  const data: DataSeries[] = [{ name: 'realTweets/a.csv', timestamps: values.map((_, i) => ts(i)), values }];
  const corpus: LabelledSeries[] = [
    { name: 'realTweets/a.csv', times: values.map((_, i) => Date.UTC(2024, 0, 1) * 1000 + i * 300_000_000), windows: [[(Date.UTC(2024, 0, 1) + 115 * 300_000) * 1000, (Date.UTC(2024, 0, 1) + 135 * 300_000) * 1000]] },
  ];

  it('creates the detectors of each row for its threshold and scores NAB and the healthy suite there', () => {
    const created: Array<number | undefined> = [];
    const rows = alarmFrontier(recordingDetector(created), {}, corpus, data, standard, [1], [1, 1.5, 3]);
    expect(new Set(created)).toEqual(new Set([1, 1.5, 3]));
    const [one, middle, three] = rows;
    expect(one.normalized).toBeCloseTo(0.25, 12);
    // at 1 the detector made for it alerts on every point: the window is hit and the rest are false positives
    expect(one.windowsHit).toBe(1);
    expect(one.fpRuns).toBe(2);
    expect(one.alerts).toBeGreaterThanOrEqual(one.series);
    expect(one.series).toBe(12);
    // at 1.5 only the marked values: the window, once, and no healthy series alerts
    expect([middle.windowsHit, middle.fpRuns, middle.alerts]).toEqual([1, 0, 0]);
    expect(middle.nab).toBeGreaterThan(one.nab!);
    expect(middle.perThirtyDaysUpper95).toBeCloseTo((-Math.log(0.05) * 8640) / middle.points, 6);
    // at 3 nothing reaches the threshold
    expect([three.windowsHit, three.fpRuns, three.alerts, three.perThirtyDays]).toEqual([0, 0, 0, 0]);
    expect(three.nabReal).toBe(three.nab);
  });

  it('runs nothing for what the caller has measured at a threshold already', () => {
    const created: Array<number | undefined> = [];
    const silent = new Map([[data[0].name, new Array<number>(n).fill(0)]]);
    const [row] = alarmFrontier(recordingDetector(created), {}, corpus, data, standard, [1], [1], () => ({ scores: silent, healthy: { series: 7, points: 8640, alerts: 3 } }));
    expect(created).toEqual([]);
    expect([row.windowsHit, row.fpRuns, row.series, row.alerts, row.perThirtyDays]).toEqual([0, 0, 7, 3, 3]);
  });
});

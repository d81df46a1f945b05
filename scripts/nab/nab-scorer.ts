/**
 * NAB scoring (Numenta Anomaly Benchmark): scaled-sigmoid sweep scores per row, the best single
 * threshold over the corpus, cost profiles, and normalisation against the null detector.
 * Same algorithm as NAB's sweeper/optimizer/scorer; see ../shared/nab/nab_score.py.
 */

export interface CostMatrix {
  tpWeight: number;
  fpWeight: number;
  fnWeight: number;
}

export interface LabelledSeries {
  /** Relative data path, e.g. realTweets/Twitter_volume_FB.csv */
  name: string;
  /** Timestamps as comparable keys (microseconds since the epoch). */
  times: number[];
  /** Anomaly windows as [start, end] keys, inclusive, each matching a row's timestamp. */
  windows: Array<[number, number]>;
}

export const PROBATION_PERCENT = 0.15;
export const PROFILE_NAMES = ['standard', 'reward_low_FP_rate', 'reward_low_FN_rate'] as const;
export type ProfileName = (typeof PROFILE_NAMES)[number];

const PROBATIONARY = '\u0000probationary';

interface SweepRow {
  anomalyScore: number;
  sweepScore: number;
  /** null outside every window, PROBATIONARY inside the probation period. */
  window: string | null;
}

export interface ThresholdScore {
  threshold: number;
  score: number;
  tp: number;
  tn: number;
  fp: number;
  fn: number;
  total: number;
}

export function probationaryLength(rows: number): number {
  return Math.min(Math.floor(PROBATION_PERCENT * rows), PROBATION_PERCENT * 5000);
}

/** 2*sigmoid(-5x) - 1, and -1 beyond three window widths past a window. */
export function scaledSigmoid(relativePosition: number): number {
  if (relativePosition > 3) return -1;
  return 2 / (1 + Math.exp(5 * relativePosition)) - 1;
}

const MAX_TP = scaledSigmoid(-1);

function sweepRows(series: LabelledSeries, scores: readonly number[], cost: CostMatrix): SweepRow[] {
  const { times, name } = series;
  const pending = series.windows.slice();
  const probation = probationaryLength(times.length);
  const rows: SweepRow[] = [];
  let window: { name: string; end: number; right: number; width: number } | null = null;
  let prevRight: number | null = null;
  let prevWidth = 0;

  for (let i = 0; i < times.length; i++) {
    const t = times[i];
    if (pending.length > 0 && t === pending[0][0]) {
      const [start, end] = pending.shift()!;
      const right = times.indexOf(end);
      window = { name: `${name}|${start}`, end, right, width: right - times.indexOf(start) + 1 };
    }
    let sweepScore: number;
    if (window) {
      sweepScore = (scaledSigmoid(-(window.right - i + 1) / window.width) * cost.tpWeight) / MAX_TP;
    } else {
      const unweighted = prevRight === null ? -1 : scaledSigmoid(Math.abs(prevRight - i) / (prevWidth - 1));
      sweepScore = unweighted * cost.fpWeight;
    }
    rows.push({ anomalyScore: scores[i], sweepScore, window: i >= probation ? (window?.name ?? null) : PROBATIONARY });
    if (window && t === window.end) {
      prevRight = i;
      prevWidth = window.width;
      window = null;
    }
  }
  return rows;
}

/** Score at every distinct threshold, highest threshold (fewest detections) first. */
function scoresByThreshold(rows: readonly SweepRow[], cost: CostMatrix): ThresholdScore[] {
  const scorable = rows.filter((r) => r.window !== PROBATIONARY).sort((a, b) => b.anomalyScore - a.anomalyScore);
  const windowBest = new Map<string, number>();
  for (const r of scorable) if (r.window !== null) windowBest.set(r.window, -cost.fnWeight);
  let fpSum = 0;
  const total = () => {
    let s = fpSum;
    for (const v of windowBest.values()) s += v;
    return s;
  };
  let tn = scorable.filter((r) => r.window === null).length;
  let fn = scorable.length - tn;
  let tp = 0;
  let fp = 0;
  let threshold = 1.1;
  const out: ThresholdScore[] = [];
  for (const r of scorable) {
    if (r.anomalyScore !== threshold) {
      out.push({ threshold, score: total(), tp, tn, fp, fn, total: tp + tn + fp + fn });
      threshold = r.anomalyScore;
    }
    if (r.window === null) {
      fp++;
      tn--;
      fpSum += r.sweepScore;
    } else {
      tp++;
      fn--;
      windowBest.set(r.window, Math.max(windowBest.get(r.window)!, r.sweepScore));
    }
  }
  out.push({ threshold, score: total(), tp, tn, fp, fn, total: tp + tn + fp + fn });
  return out;
}

/** The corpus-wide threshold with the highest score (ties go to the higher threshold). */
export function optimizeThreshold(
  corpus: readonly LabelledSeries[],
  scores: ReadonlyMap<string, readonly number[]>,
  cost: CostMatrix,
): { threshold: number; score: number } {
  const rows: SweepRow[] = [];
  for (const s of corpus) for (const r of sweepRows(s, scoresOf(scores, s), cost)) rows.push(r);
  const byThreshold = scoresByThreshold(rows, cost);
  let best = byThreshold[0];
  for (const t of byThreshold) if (t.score > best.score) best = t;
  return { threshold: best.threshold, score: best.score };
}

/** One file's score when rows with anomaly_score >= threshold are detections. */
export function scoreSeries(series: LabelledSeries, scores: readonly number[], cost: CostMatrix, threshold: number): ThresholdScore {
  const byThreshold = scoresByThreshold(sweepRows(series, scores, cost), cost);
  let prev: ThresholdScore | null = null;
  for (const t of byThreshold) {
    if (t.threshold === threshold) return t;
    // NAB quirk kept for agreement: a threshold above 1.1 falls through to "everything detected".
    if (t.threshold < threshold) return prev ?? byThreshold[byThreshold.length - 1];
    prev = t;
  }
  return byThreshold[byThreshold.length - 1];
}

export interface FileScore extends ThresholdScore {
  file: string;
}

export interface ProfileResult {
  profile: string;
  normalized: number | null;
  threshold: number;
  raw_score: number;
  optimizer_score: number | null;
  tp: number;
  tn: number;
  fp: number;
  fn: number;
  total: number;
  null_score: number;
  perfect: number;
  n_files: number;
  n_windows: number;
  per_file: FileScore[];
}

function scoreCorpus(
  corpus: readonly LabelledSeries[],
  scores: ReadonlyMap<string, readonly number[]>,
  cost: CostMatrix,
  threshold: number,
): { totals: Omit<ThresholdScore, 'threshold'>; perFile: FileScore[] } {
  const totals = { score: 0, tp: 0, tn: 0, fp: 0, fn: 0, total: 0 };
  const perFile: FileScore[] = [];
  for (const s of corpus) {
    const r = scoreSeries(s, scoresOf(scores, s), cost, threshold);
    perFile.push({ file: s.name, ...r });
    totals.score += r.score;
    totals.tp += r.tp;
    totals.tn += r.tn;
    totals.fp += r.fp;
    totals.fn += r.fn;
    totals.total += r.total;
  }
  return { totals, perFile };
}

/** Scores a detector's results under one profile; sweeps the threshold unless one is given. */
export function evaluateProfile(
  corpus: readonly LabelledSeries[],
  scores: ReadonlyMap<string, readonly number[]>,
  profile: string,
  cost: CostMatrix,
  fixedThreshold?: number,
): ProfileResult {
  let threshold = fixedThreshold;
  let optimizerScore: number | null = null;
  if (threshold === undefined) {
    const best = optimizeThreshold(corpus, scores, cost);
    threshold = best.threshold;
    optimizerScore = best.score;
  }
  const { totals, perFile } = scoreCorpus(corpus, scores, cost, threshold);
  const nullScores = new Map(corpus.map((s) => [s.name, new Array<number>(s.times.length).fill(0.5)]));
  const nullThreshold = optimizeThreshold(corpus, nullScores, cost).threshold;
  const nullScore = scoreCorpus(corpus, nullScores, cost, nullThreshold).totals.score;
  const windows = corpus.reduce((n, s) => n + s.windows.length, 0);
  const perfect = windows * cost.tpWeight;
  const denom = perfect - nullScore;
  return {
    profile,
    normalized: denom ? (100 * (totals.score - nullScore)) / denom : null,
    threshold,
    raw_score: totals.score,
    optimizer_score: optimizerScore,
    ...totals,
    null_score: nullScore,
    perfect,
    n_files: corpus.length,
    n_windows: windows,
    per_file: perFile,
  };
}

function scoresOf(scores: ReadonlyMap<string, readonly number[]>, s: LabelledSeries): readonly number[] {
  const v = scores.get(s.name);
  if (!v || v.length !== s.times.length) {
    throw new Error(`${s.name}: expected ${s.times.length} scores, got ${v?.length ?? 'none'}`);
  }
  return v;
}

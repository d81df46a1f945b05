/**
 * What reports/nab.md says about a set of NAB scores: the three profiles with the threshold swept
 * on all files, the real files and each category at that threshold, the default threshold, which
 * windows are hit, the false-positive runs, and leave-one-group-out.
 */
import { CostMatrix, evaluateProfile, LabelledSeries, optimizeThreshold, probationaryLength, ProfileResult, PROFILE_NAMES } from './nab-scorer';

export type Scores = ReadonlyMap<string, readonly number[]>;

/** The four public groups: the two artificial categories count as one. */
export const GROUPS: ReadonlyArray<{ name: string; match: (file: string) => boolean }> = [
  { name: 'realAWSCloudwatch', match: (f) => f.startsWith('realAWSCloudwatch/') },
  { name: 'realAdExchange', match: (f) => f.startsWith('realAdExchange/') },
  { name: 'realTweets', match: (f) => f.startsWith('realTweets/') },
  { name: 'artificial', match: (f) => f.startsWith('artificial') },
];

export const isReal = (s: LabelledSeries) => s.name.startsWith('real');
export const categoryOf = (name: string) => name.split('/')[0];

export interface Summary {
  profiles: ProfileResult[];
  /** The 33 real files at each profile's threshold swept on all 44. */
  real: ProfileResult[];
  /** Standard profile at the given default (normalised) threshold: all files, real files. */
  atDefault: ProfileResult;
  realAtDefault: ProfileResult;
  /** Standard profile, per category, at the swept standard threshold. */
  categories: Array<{ category: string; result: ProfileResult }>;
  /** Windows with at least one detection, of all, at the swept standard threshold. */
  windowsHit: number;
  windows: number;
  /** Runs of consecutive detections outside every window (after probation), at the swept standard threshold. */
  fpRuns: number;
}

export function summarise(corpus: readonly LabelledSeries[], profiles: Record<string, CostMatrix>, scores: Scores, defaultThreshold = 0.5): Summary {
  const results = PROFILE_NAMES.map((p) => evaluateProfile(corpus, scores, p, profiles[p]));
  const realSeries = corpus.filter(isReal);
  const real = results.map((r) => evaluateProfile(realSeries, scores, r.profile, profiles[r.profile], r.threshold));
  const std = results[0];
  const categories = [...new Set(corpus.map((s) => categoryOf(s.name)))].map((category) => ({
    category,
    result: evaluateProfile(
      corpus.filter((s) => categoryOf(s.name) === category),
      scores,
      'standard',
      profiles.standard,
      std.threshold,
    ),
  }));
  const { hit, windows, fpRuns } = detections(corpus, scores, std.threshold);
  return {
    profiles: results,
    real,
    atDefault: evaluateProfile(corpus, scores, 'standard', profiles.standard, defaultThreshold),
    realAtDefault: evaluateProfile(realSeries, scores, 'standard', profiles.standard, defaultThreshold),
    categories,
    windowsHit: hit,
    windows,
    fpRuns,
  };
}

/** Windows hit and false-positive runs at a threshold, rows in the probation period left out as NAB does. */
export function detections(corpus: readonly LabelledSeries[], scores: Scores, threshold: number): { hit: number; windows: number; fpRuns: number } {
  let hit = 0;
  let windows = 0;
  let fpRuns = 0;
  for (const s of corpus) {
    const sc = scores.get(s.name)!;
    const from = Math.ceil(probationaryLength(s.times.length));
    const inWindow = new Array<boolean>(s.times.length).fill(false);
    for (const [a, b] of s.windows) {
      windows++;
      let any = false;
      for (let i = 0; i < s.times.length; i++) {
        if (s.times[i] < a || s.times[i] > b) continue;
        inWindow[i] = true;
        if (i >= from && sc[i] >= threshold) any = true;
      }
      if (any) hit++;
    }
    let inRun = false;
    for (let i = from; i < s.times.length; i++) {
      const fp = !inWindow[i] && sc[i] >= threshold;
      if (fp && !inRun) fpRuns++;
      inRun = fp;
    }
  }
  return { hit, windows, fpRuns };
}

export interface Fold {
  heldOut: string;
  /** Index of the candidate chosen on the other three groups, and its swept threshold there. */
  chosen: number;
  threshold: number;
  /** Standard-profile score of the held-out group at that candidate and threshold. */
  heldOutScore: number | null;
  /** The same group with the shipped defaults at the default threshold, for comparison. */
  defaultScore: number | null;
}

/**
 * Leave-one-group-out: for each group, the candidate parameter set and threshold that score best
 * (standard profile) on the other three groups are chosen, and the held-out group is scored with
 * them. `candidates[0]` must be the shipped defaults.
 */
export function leaveOneGroupOut(corpus: readonly LabelledSeries[], profiles: Record<string, CostMatrix>, candidates: readonly Scores[], defaultThreshold = 0.5): Fold[] {
  const cost = profiles.standard;
  return GROUPS.map((g) => {
    const train = corpus.filter((s) => !g.match(s.name));
    const test = corpus.filter((s) => g.match(s.name));
    let chosen = 0;
    let best = { threshold: 0.5, score: -Infinity };
    candidates.forEach((scores, i) => {
      const t = optimizeThreshold(train, scores, cost);
      if (t.score > best.score) {
        best = t;
        chosen = i;
      }
    });
    const heldOut = evaluateProfile(test, candidates[chosen], 'standard', cost, best.threshold);
    const dflt = evaluateProfile(test, candidates[0], 'standard', cost, defaultThreshold);
    return { heldOut: g.name, chosen, threshold: best.threshold, heldOutScore: heldOut.normalized, defaultScore: dflt.normalized };
  });
}

/**
 * NAB scoring of a results folder:
 *   npm run nab:score -- --nab ../shared/nab --results out/nab/<detector> [--profile all] [--threshold t] [--json]
 */
import * as path from 'node:path';
import { parseArgs, required } from './args';
import { loadCorpus, loadResultScores } from './nab-io';
import { evaluateProfile, PROFILE_NAMES, ProfileResult } from './nab-scorer';

export function scoreResults(
  nabRoot: string,
  resultsDir: string,
  profile = 'all',
  threshold?: number,
  files?: readonly string[],
): ProfileResult[] {
  const corpus = loadCorpus(nabRoot, files);
  const scores = loadResultScores(resultsDir, corpus);
  const names = profile === 'all' ? [...PROFILE_NAMES] : [profile];
  return names.map((p) => {
    const cost = corpus.profiles[p];
    if (!cost) throw new Error(`unknown profile ${p}`);
    return evaluateProfile(corpus.series, scores, p, cost, threshold);
  });
}

function main(): void {
  const args = parseArgs(process.argv.slice(2), ['json', 'per-file']);
  const nabRoot = path.resolve(required(args, 'nab'));
  const resultsDir = path.resolve(required(args, 'results'));
  const t = args.get('threshold');
  const threshold = t === undefined ? undefined : Number(t);
  if (threshold !== undefined && !Number.isFinite(threshold)) throw new Error('--threshold must be a number');
  const results = scoreResults(nabRoot, resultsDir, args.get('profile') ?? 'all', threshold);
  const perFile = args.has('per-file');
  if (args.has('json')) {
    const profiles = Object.fromEntries(results.map((r) => [r.profile, perFile ? r : { ...r, per_file: undefined }]));
    console.log(JSON.stringify({ results: resultsDir, profiles }, null, 1));
    return;
  }
  console.log(`files=${results[0].n_files} windows=${results[0].n_windows} results=${resultsDir}`);
  console.log('profile               score    threshold          raw     TP     FP     FN       TN     null');
  for (const r of results) {
    console.log(
      [
        r.profile.padEnd(20),
        (r.normalized ?? NaN).toFixed(4).padStart(8),
        String(r.threshold).slice(0, 16).padStart(16),
        r.raw_score.toFixed(4).padStart(11),
        String(r.tp).padStart(6),
        String(r.fp).padStart(6),
        String(r.fn).padStart(6),
        String(r.tn).padStart(8),
        r.null_score.toFixed(3).padStart(9),
      ].join(' '),
    );
    if (perFile) for (const f of r.per_file) console.log(`   ${f.file.padEnd(55)} ${f.score.toFixed(4).padStart(10)} tp=${f.tp} fp=${f.fp} fn=${f.fn}`);
  }
}

if (require.main === module) {
  try {
    main();
  } catch (e) {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  }
}

/**
 * Development aid: scores one or more param sets of a detector in-process, no files written.
 *   npx ts-node --transpile-only scripts/nab/tune.ts --nab ../shared/nab --detector <name> --params '[{...},{...}]' [--per-file]
 */
import * as path from 'node:path';
import { getDetector } from '../../src/modules/insight/detectors';
import { parseArgs, required } from './args';
import { scoreSeriesWith } from './harness';
import { loadCorpus, readDataSeries } from './nab-io';
import { evaluateProfile, PROFILE_NAMES } from './nab-scorer';

function main(): void {
  const args = parseArgs(process.argv.slice(2), ['per-file']);
  const nabRoot = path.resolve(required(args, 'nab'));
  const definition = getDetector(required(args, 'detector'));
  const raw = JSON.parse(args.get('params') ?? '[{}]') as unknown;
  const paramSets = Array.isArray(raw) ? raw : [raw];
  const corpus = loadCorpus(nabRoot);
  const data = corpus.series.map((s) => readDataSeries(path.join(nabRoot, 'data'), s.name));
  for (const input of paramSets) {
    const params = definition.parseParams(input);
    const t0 = Date.now();
    const scores = new Map(data.map((d) => [d.name, scoreSeriesWith(definition, params, d)]));
    const ms = Date.now() - t0;
    const res = PROFILE_NAMES.map((p) => evaluateProfile(corpus.series, scores, p, corpus.profiles[p]));
    console.log(
      `${JSON.stringify(input)} ${ms}ms ` +
        res.map((r) => `${r.profile.slice(0, 12)}=${r.normalized!.toFixed(2)}@${r.threshold.toFixed(4)}(tp${r.tp} fp${r.fp})`).join(' '),
    );
    if (args.has('per-file')) {
      const std = res[0];
      const byCat = new Map<string, number>();
      for (const f of std.per_file) {
        const cat = f.file.split('/')[0];
        byCat.set(cat, (byCat.get(cat) ?? 0) + f.score);
        const wins = corpus.series.find((s) => s.name === f.file)!.windows.length;
        console.log(`   ${f.file.padEnd(52)} ${f.score.toFixed(3).padStart(8)} / ${wins}  tp=${f.tp} fp=${f.fp}`);
      }
      console.log('   by category:', [...byCat].map(([k, v]) => `${k}=${v.toFixed(2)}`).join(' '));
    }
  }
}

main();

import * as path from 'node:path';
import { getDetector } from '../../src/modules/insight/detectors';
import { scoreSeriesWith } from './harness';
import { loadCorpus, readDataSeries } from './nab-io';
import { evaluateProfile, probationaryLength, scaledSigmoid } from './nab-scorer';
const nab = '/work/shared/nab';
const def = getDetector(process.argv[2]);
const params = def.parseParams(JSON.parse(process.argv[3] ?? '{}'));
const filter = process.argv[4] ?? '';
const corpus = loadCorpus(nab);
const data = corpus.series.map((s) => readDataSeries(path.join(nab, 'data'), s.name));
const scores = new Map(data.map((d) => [d.name, scoreSeriesWith(def, params, d)]));
const r = evaluateProfile(corpus.series, scores, 'standard', corpus.profiles.standard);
const T = r.threshold;
console.log('score', r.normalized, 'T', T);
let tpSum = 0, missed = 0, fpEvents = 0;
for (const s of corpus.series) {
  const sc = scores.get(s.name)!;
  const prob = probationaryLength(s.times.length);
  const wins = s.windows.map(([a, b]) => [s.times.indexOf(a), s.times.indexOf(b)]);
  const lines: string[] = [];
  for (const [a, b] of wins) {
    let first = -1;
    let best = 0;
    for (let i = Math.max(a, prob); i <= b; i++) { if (sc[i] >= T && first < 0) first = i; best = Math.max(best, sc[i]); }
    if (b < prob) { lines.push(`  win ${a}-${b} in probation`); continue; }
    if (first < 0) missed++;
    else tpSum += scaledSigmoid(-(b - first + 1) / (b - a + 1)) / scaledSigmoid(-1);
    lines.push(`  win ${a}-${b} first=${first} pos=${first < 0 ? '-' : ((first - a) / (b - a + 1)).toFixed(2)} max=${best.toFixed(3)}`);
  }
  const fps: string[] = [];
  for (let i = prob; i < sc.length; i++) {
    if (sc[i] >= T && !wins.some(([a, b]) => i >= a && i <= b)) { fpEvents++; fps.push(`${i}:${sc[i].toFixed(3)}`); }
  }
  if (filter && !s.name.includes(filter)) continue;
  console.log(s.name, 'n', s.times.length, 'prob', prob, 'fps', fps.join(' '));
  for (const l of lines) console.log(l);
}
console.log({ tpSum, missed, fpEvents });

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { runNab } from '../../scripts/nab/run';
import { scoreResults } from '../../scripts/nab/score';
import { findNabRoot, hasPython3 } from './nab-root';

/**
 * Our TypeScript NAB scorer against the reference nab_score.py, on real NAB files and the
 * output of two detectors. Needs python3 and the shared NAB folder; skips loudly without them.
 */
const nabRoot = findNabRoot();
const python = hasPython3();
const FILES = [
  'artificialNoAnomaly/art_daily_small_noise.csv',
  'artificialWithAnomaly/art_daily_jumpsdown.csv',
  'realAdExchange/exchange-3_cpc_results.csv',
  'realAWSCloudwatch/ec2_cpu_utilization_5f5533.csv',
];

if (!nabRoot || !python) {
  // eslint-disable-next-line no-console
  console.warn(`SKIPPED NAB scorer agreement: ${!nabRoot ? 'NAB folder not found (set NAB_ROOT)' : 'python3 not found'}`);
}
const maybe = nabRoot && python ? describe : describe.skip;

maybe('NAB scorer agrees with nab_score.py', () => {
  let work: string;

  beforeAll(() => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'nab-agree-'));
    const data = path.join(work, 'data');
    for (const f of FILES) {
      fs.mkdirSync(path.join(data, path.dirname(f)), { recursive: true });
      fs.copyFileSync(path.join(nabRoot!, 'data', f), path.join(data, f));
    }
    fs.writeFileSync(path.join(work, 'files.txt'), FILES.join('\n') + '\n');
  });

  afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

  function reference(results: string, extra: string[] = []): Record<string, Record<string, number>> {
    const r = spawnSync(
      'python3',
      [path.join(nabRoot!, 'nab_score.py'), '--nab', nabRoot!, '--results', results, '--files', path.join(work, 'files.txt'), '--json', ...extra],
      { encoding: 'utf8' },
    );
    if (r.status !== 0) throw new Error(r.stderr);
    return JSON.parse(r.stdout).profiles;
  }

  it.each(['zscore', 'sentinel'])('%s: swept threshold, score and counts under every profile', (detector) => {
    const out = path.join(work, 'out', detector);
    runNab(path.join(work, 'data'), out, detector);
    const ref = reference(out);
    const ours = scoreResults(nabRoot!, out, 'all', undefined, FILES);
    expect(ours.map((o) => o.profile)).toEqual(Object.keys(ref));
    for (const o of ours) {
      const r = ref[o.profile];
      expect(Math.abs(o.normalized! - r.normalized)).toBeLessThan(1e-6);
      expect(Math.abs(o.raw_score - r.raw_score)).toBeLessThan(1e-6);
      expect(Math.abs(o.null_score - r.null_score)).toBeLessThan(1e-6);
      expect(o.threshold).toBe(r.threshold);
      expect([o.tp, o.fp, o.fn, o.tn]).toEqual([r.tp, r.fp, r.fn, r.tn]);
    }
  });

  it('a fixed threshold', () => {
    const out = path.join(work, 'out', 'sentinel');
    if (!fs.existsSync(out)) runNab(path.join(work, 'data'), out, 'sentinel');
    const ref = reference(out, ['--threshold', '0.5']);
    for (const o of scoreResults(nabRoot!, out, 'all', 0.5, FILES)) {
      expect(Math.abs(o.normalized! - ref[o.profile].normalized)).toBeLessThan(1e-6);
      expect(o.fp).toBe(ref[o.profile].fp);
    }
  });
});

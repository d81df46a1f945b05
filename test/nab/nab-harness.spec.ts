import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { runNab } from '../../scripts/nab/run';
import { DEFAULT_DETECTOR, DETECTORS } from '../../src/modules/insight/detectors';

/** CI-sized: the harness on three small synthetic files, checked for NAB's results format. */
describe('npm run nab', () => {
  let work: string;
  const files = ['alpha/flat.csv', 'alpha/spike.csv', 'beta/daily.csv'];

  beforeAll(() => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'nab-harness-'));
    const start = Date.UTC(2014, 3, 1);
    const series: Record<string, (i: number) => number> = {
      'alpha/flat.csv': () => 3,
      'alpha/spike.csv': (i) => (i === 700 ? 250 : 10 + (i % 5)),
      'beta/daily.csv': (i) => 50 + 30 * Math.sin((2 * Math.PI * i) / 288) + ((i * 31) % 7) * 0.1,
    };
    for (const f of files) {
      const lines = ['timestamp,value'];
      for (let i = 0; i < 900; i++) {
        const ts = new Date(start + i * 300_000).toISOString().replace('T', ' ').slice(0, 19);
        lines.push(`${ts},${series[f](i)}`);
      }
      fs.mkdirSync(path.join(work, 'data', path.dirname(f)), { recursive: true });
      fs.writeFileSync(path.join(work, 'data', f), lines.join('\n') + '\n');
    }
    fs.writeFileSync(path.join(work, 'data', 'README.md'), 'not a category');
  });

  afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

  function checkResults(out: string): void {
    for (const f of files) {
      const input = fs.readFileSync(path.join(work, 'data', f), 'utf8').trim().split('\n');
      const output = fs.readFileSync(path.join(out, f), 'utf8').trim().split('\n');
      expect(output[0]).toBe('timestamp,value,anomaly_score');
      expect(output).toHaveLength(input.length);
      for (let i = 1; i < output.length; i++) {
        const [ts, value, score] = output[i].split(',');
        const [inTs, inValue] = input[i].split(',');
        expect(ts).toBe(inTs);
        expect(Number(value)).toBe(Number(inValue));
        const s = Number(score);
        expect(Number.isFinite(s) && s >= 0 && s <= 1).toBe(true);
      }
    }
  }

  it('writes <out>/<category>/<file>.csv with one normalised score per row for every detector', () => {
    for (const detector of Object.keys(DETECTORS)) {
      const out = path.join(work, 'out', detector);
      const { points } = runNab(path.join(work, 'data'), out, detector);
      expect(points).toBe(3 * 900);
      checkResults(out);
    }
    const spike = fs.readFileSync(path.join(work, 'out', 'sentinel', 'alpha/spike.csv'), 'utf8').trim().split('\n');
    const scores = spike.slice(1).map((l) => Number(l.split(',')[2]));
    expect(scores.indexOf(Math.max(...scores))).toBe(700);
    for (const detector of ['sentinel', DEFAULT_DETECTOR]) {
      const flat = fs.readFileSync(path.join(work, 'out', detector, 'alpha/flat.csv'), 'utf8').trim().split('\n');
      expect(flat.slice(1).every((l) => l.endsWith(',0'))).toBe(true);
    }
  });

  it('runs from package.json with the default detector and reports points/s', () => {
    const out = path.join(work, 'cli-out');
    const r = spawnSync('npm', ['run', '-s', 'nab', '--', '--data', path.join(work, 'data'), '--out', out], {
      cwd: path.resolve(__dirname, '..', '..'),
      encoding: 'utf8',
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^${DEFAULT_DETECTOR}: 2700 points in [\\d.]+ s \\(\\d+ points/s\\)`));
    checkResults(out);
  });

  it('rejects an unknown detector and bad params with a message', () => {
    expect(() => runNab(path.join(work, 'data'), path.join(work, 'x'), 'nope')).toThrow('unknown detector "nope"');
    expect(() => runNab(path.join(work, 'data'), path.join(work, 'x'), 'zscore', '{"window":0}')).toThrow('window: must be in');
  });
});

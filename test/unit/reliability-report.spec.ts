import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { publishReliabilityReport, RECORDED_DIR, ROOT } from '../../scripts/reliability/report';
import { recordFault } from '../support/reliability-report';

const result = (fault: string, value: number) => ({ fault, injected: 'x', load: 'y', figures: { 'a figure': value }, outcome: 'pass' as const });

describe('reliability figures', () => {
  it('are recorded in a git-ignored folder, so running the tests leaves the working tree clean', () => {
    const file = recordFault(`unit-probe-${process.pid}`, result('probe', 1));
    try {
      expect(path.relative(ROOT, file).startsWith(path.join('.tmp', 'reports'))).toBe(true);
      expect(path.dirname(file)).toBe(RECORDED_DIR);
      // exits non-zero (throws) when the path is not ignored
      execFileSync('git', ['check-ignore', '-q', file], { cwd: ROOT });
    } finally {
      fs.rmSync(file, { force: true });
    }
  });

  it('npm run report:reliability publishes the recorded figures and keeps the faults not re-run', () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'reliability-'));
    try {
      const recorded = path.join(tmp, 'recorded');
      const report = path.join(tmp, 'reports', 'reliability');
      recordFault('b-fault', result('Fault B', 1), report);
      recordFault('a-fault', result('Fault A, old', 1), report);
      recordFault('a-fault', result('Fault A', 2), recorded);
      expect(publishReliabilityReport(recorded, report)).toEqual(['a-fault']);
      const md = fs.readFileSync(`${report}.md`, 'utf8');
      expect(md).toMatch(/^# Reliability report\n/);
      expect(md.indexOf('## Fault A\n')).toBeGreaterThan(0);
      expect(md.indexOf('## Fault A\n')).toBeLessThan(md.indexOf('## Fault B\n'));
      expect(md).not.toContain('Fault A, old');
      expect(md).toContain('| a figure | 2 |');
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });
});

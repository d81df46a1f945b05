/**
 * The reliability report. Fault tests (`npm run test:reliability`, and the fault cases of the main
 * suite) record their figures under the git-ignored `.tmp/reports/reliability/`, so running the
 * tests never changes tracked files. `npm run report:reliability` takes the figures recorded there
 * into `reports/reliability/` (a fault not re-run keeps its last committed figures) and rewrites
 * `reports/reliability.md` from them.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export const ROOT = path.join(__dirname, '..', '..');
/** where tests record their figures */
export const RECORDED_DIR = path.join(ROOT, '.tmp', 'reports', 'reliability');
/** the committed figures and report */
export const REPORT_DIR = path.join(ROOT, 'reports', 'reliability');

export interface FaultResult {
  fault: string;
  injected: string;
  load: string;
  figures: Record<string, string | number>;
  outcome: 'pass' | 'fail';
}

type Recorded = FaultResult & { recorded_at: string };

function readResults(dir: string): Recorded[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as Recorded);
}

/** The report's markdown for the results in `dir` (one `<id>.json` per fault). */
export function renderReliabilityReport(dir: string): string {
  const lines = [
    '# Reliability report',
    '',
    'The fault tests (`npm run test:reliability`, and the fault cases of `npm test`) record their figures under',
    '`.tmp/reports/reliability/`; `npm run report:reliability` copies them here and rewrites this report (a fault',
    'not re-run keeps its last figures, at the time shown). Machine: 2 cores, loopback only.',
    '',
  ];
  for (const r of readResults(dir)) {
    lines.push(`## ${r.fault}`, '', `- injected: ${r.injected}`, `- load held: ${r.load}`, `- outcome: **${r.outcome}** (recorded ${r.recorded_at})`, '');
    lines.push('| figure | value |', '|---|---|');
    for (const [k, v] of Object.entries(r.figures)) lines.push(`| ${k} | ${v} |`);
    lines.push('');
  }
  lines.push(
    '## Dependency audit',
    '',
    '`npm audit --omit=dev` cannot be run from this build machine: the registry mirror it reaches answers the advisory',
    'endpoint (`POST /-/npm/v1/security/advisories/bulk`) with 405 Method Not Allowed, so no advisory data is available',
    'here. Run `npm audit --omit=dev` where the public advisory API is reachable before a release; nothing in this',
    'report claims the dependency tree is free of advisories.',
    '',
  );
  return lines.join('\n');
}

/** Copies the recorded figures into `reportDir` and rewrites `<reportDir>.md`; answers the ids taken. */
export function publishReliabilityReport(recordedDir = RECORDED_DIR, reportDir = REPORT_DIR): string[] {
  const taken = fs.existsSync(recordedDir) ? fs.readdirSync(recordedDir).filter((f) => f.endsWith('.json')).sort() : [];
  fs.mkdirSync(reportDir, { recursive: true });
  for (const file of taken) fs.copyFileSync(path.join(recordedDir, file), path.join(reportDir, file));
  fs.writeFileSync(`${reportDir}.md`, renderReliabilityReport(reportDir));
  return taken.map((f) => f.replace(/\.json$/, ''));
}

if (require.main === module) {
  const taken = publishReliabilityReport();
  const rel = (p: string) => path.relative(ROOT, p);
  process.stdout.write(
    taken.length
      ? `took ${taken.length} recorded faults from ${rel(RECORDED_DIR)} (${taken.join(', ')}); wrote ${rel(REPORT_DIR)}.md\n`
      : `nothing recorded in ${rel(RECORDED_DIR)} (run npm run test:reliability first); rewrote ${rel(REPORT_DIR)}.md from the committed figures\n`,
  );
}

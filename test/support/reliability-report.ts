import * as fs from 'node:fs';
import * as path from 'node:path';

const DIR = path.join(__dirname, '..', '..', 'reports', 'reliability');

export interface FaultResult {
  fault: string;
  injected: string;
  load: string;
  figures: Record<string, string | number>;
  outcome: 'pass' | 'fail';
}

/** Each reliability test records what it injected and measured; the teardown renders reports/reliability.md. */
export function recordFault(id: string, result: FaultResult): void {
  fs.mkdirSync(DIR, { recursive: true });
  fs.writeFileSync(path.join(DIR, `${id}.json`), JSON.stringify({ ...result, recorded_at: new Date().toISOString() }, null, 2));
}

export function renderReliabilityReport(): void {
  if (!fs.existsSync(DIR)) return;
  const results = fs
    .readdirSync(DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(fs.readFileSync(path.join(DIR, f), 'utf8')) as FaultResult & { recorded_at: string });
  const lines = [
    '# Reliability report',
    '',
    'Regenerate with `npm run test:reliability` (each fault test rewrites its own section; the figures',
    'below are from the last run of each test, at the time shown). Machine: 2 cores, loopback only.',
    '',
  ];
  for (const r of results) {
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
  fs.writeFileSync(path.join(DIR, '..', 'reliability.md'), lines.join('\n'));
}

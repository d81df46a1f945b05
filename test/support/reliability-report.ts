import * as fs from 'node:fs';
import * as path from 'node:path';
import { FaultResult, RECORDED_DIR, renderReliabilityReport } from '../../scripts/reliability/report';

export type { FaultResult } from '../../scripts/reliability/report';

/**
 * Each fault test records what it injected and measured under the git-ignored .tmp/reports, never
 * in a tracked file; `npm run report:reliability` publishes the figures into reports/.
 */
export function recordFault(id: string, result: FaultResult, dir = RECORDED_DIR): string {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${id}.json`);
  fs.writeFileSync(file, JSON.stringify({ ...result, recorded_at: new Date().toISOString() }, null, 2));
  return file;
}

/** A preview of the report from this run's figures, beside them (.tmp/reports/reliability.md). */
export function renderRecordedReport(dir = RECORDED_DIR): void {
  if (!fs.existsSync(dir)) return;
  fs.writeFileSync(`${dir}.md`, renderReliabilityReport(dir));
}

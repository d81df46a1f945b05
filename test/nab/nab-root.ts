import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';

/** The shared NAB subset: $NAB_ROOT, else ../shared/nab next to the repo. */
export function findNabRoot(): string | null {
  const root = process.env.NAB_ROOT ?? path.resolve(__dirname, '..', '..', '..', 'shared', 'nab');
  return fs.existsSync(path.join(root, 'labels', 'combined_windows.json')) ? root : null;
}

export function hasPython3(): boolean {
  return spawnSync('python3', ['--version']).status === 0;
}

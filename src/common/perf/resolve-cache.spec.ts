import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.join(__dirname, '..', '..', '..');

/**
 * Node's own require in a child process (Jest resolves modules itself): installs the cache kept in
 * `dir`, requires a few packages and answers where each resolved and how many answers were kept ones.
 */
function start(dir: string, off = false): { hits: number; resolved: string[] } {
  const script = `
    const { installResolveCache } = require(${JSON.stringify(path.join(ROOT, 'src/common/perf/resolve-cache.ts'))});
    const cache = ${off ? 'undefined' : `installResolveCache(${JSON.stringify(ROOT)}, ${JSON.stringify(dir)})`};
    require('typeorm'); require('class-validator');
    const resolved = ['typeorm', 'class-validator', 'pg', 'express'].map((m) => require.resolve(m));
    cache?.save();
    process.stdout.write(JSON.stringify({ hits: cache ? cache.hits() : 0, resolved }));
  `;
  const out = execFileSync(process.execPath, ['-r', path.join(ROOT, 'scripts/ts-register.js'), '-e', script], { cwd: ROOT, encoding: 'utf8' });
  return JSON.parse(out) as { hits: number; resolved: string[] };
}

describe('resolve-cache', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'neuralops-resolve-test-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('the second start answers from what the first resolved, with the files Node itself finds', () => {
    const plain = start(dir, true);
    const first = start(dir);
    expect(fs.readdirSync(dir)).toEqual([expect.stringMatching(/^neuralops-resolve-[0-9a-f]{16}\.json$/)]);
    const second = start(dir);
    // typeorm and class-validator require hundreds of their own files: the first start found some
    // in what it had itself resolved; the second finds all of them
    expect(second.hits).toBeGreaterThan(first.hits + 300);
    expect(first.resolved).toEqual(plain.resolved);
    expect(second.resolved).toEqual(plain.resolved);
  });

  it('an entry whose file is gone is resolved again', () => {
    start(dir);
    const [file] = fs.readdirSync(dir);
    const kept = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as Record<string, string>;
    const typeormKey = Object.keys(kept).find((k) => k.endsWith('\0typeorm'))!;
    expect(typeormKey).toBeDefined();
    kept[typeormKey] = path.join(dir, 'gone', 'index.js');
    fs.writeFileSync(path.join(dir, file), JSON.stringify(kept));
    const again = start(dir);
    expect(again.resolved).toEqual(start(dir, true).resolved);
  });
});

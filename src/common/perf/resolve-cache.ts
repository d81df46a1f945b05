import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import Module from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';

/**
 * What this relies on in Node (20): `require` finds a file through `Module._resolveFilename(request,
 * parent, isMain, options)`, and a module's `path` is its folder. resolve-cache.spec fails when a
 * Node upgrade changes that.
 */
type Resolve = (request: string, parent: { path?: string; filename?: string } | undefined, isMain: boolean, options?: unknown) => string;
const internals = Module as unknown as { _resolveFilename: Resolve };

/**
 * The files that requires of installed packages resolved to, kept from the last start: of the
 * ~4,700 resolutions of a start (~2,000 modules), most walk node_modules folders and read
 * package.json `exports`, about a quarter of the start's CPU time. Kept in the temp folder under a
 * key of the Node version, this package's folder and its installed packages
 * (node_modules/.package-lock.json, rewritten by every npm install); an entry whose file is gone is
 * resolved again. Requests from the app's own files to its own files are never kept, so editing
 * the sources cannot leave a stale entry.
 *
 * Measured (the compiled server started as npm start starts it, an empty database, embeddings on, the
 * cache kept from an earlier start; 6 alternating starts): SQLite 1,220 → 926 ms to the first
 * /health 200 (median of per-start ratios 0.75), CPU 925 → 740 ms; PostgreSQL 1,286 → 1,222 ms
 * (ratio 1.01, the migration's waits dominate), CPU 940 → 830 ms (0.91). The first start after an
 * install resolves as before and writes the file (~0.5 MB).
 *
 * Kept together with `created-tables-cache` (src/database/created-tables-cache.ts): in
 * reports/performance.md part 0 (8 alternating repeats), starting without both costs +11.9 % on
 * PostgreSQL (95 % interval +1.7 … +33.0) and +14.2 % on SQLite (+4.6 … +31.4), while each one alone
 * stays inside the start's ±20 % noise.
 */
export function installResolveCache(fromDir: string, cacheDir = os.tmpdir()): { save: () => void; hits: () => number } {
  let fingerprint: string;
  try {
    // the packages are those of the nearest node_modules up from `fromDir`, as Node finds them
    let packageRoot = fromDir;
    while (!fs.existsSync(path.join(packageRoot, 'node_modules', '.package-lock.json'))) {
      const up = path.dirname(packageRoot);
      if (up === packageRoot) throw new Error('no node_modules');
      packageRoot = up;
    }
    const lock = fs.statSync(path.join(packageRoot, 'node_modules', '.package-lock.json'));
    fingerprint = createHash('sha256').update(`${process.version}\0${packageRoot}\0${lock.size}\0${lock.mtimeMs}`).digest('hex').slice(0, 16);
  } catch {
    // no installed packages to key on: resolve as Node does
    return { save: () => undefined, hits: () => 0 };
  }
  const file = path.join(cacheDir, `neuralops-resolve-${fingerprint}.json`);
  let kept: Record<string, string> = {};
  try {
    kept = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, string>;
  } catch {
    // first start with these packages
  }
  let added = 0;
  let hits = 0;
  const resolve = internals._resolveFilename;
  internals._resolveFilename = function (this: unknown, request, parent, isMain, options) {
    const from = parent?.path;
    const cacheable = !options && !isMain && from !== undefined && (from.includes(`${path.sep}node_modules${path.sep}`) || !(request.startsWith('.') || path.isAbsolute(request)));
    if (!cacheable || request.startsWith('node:')) return resolve.call(this, request, parent, isMain, options);
    const key = `${from}\0${request}`;
    const hit = kept[key];
    if (hit !== undefined && fs.existsSync(hit)) {
      hits++;
      return hit;
    }
    const found = resolve.call(this, request, parent, isMain, options);
    // built-in modules resolve to their own name
    if (path.isAbsolute(found)) {
      kept[key] = found;
      added++;
    }
    return found;
  };
  return {
    hits: () => hits,
    save: () => {
      if (!added) return;
      added = 0;
      try {
        const tmp = `${file}.${process.pid}.tmp`;
        fs.writeFileSync(tmp, JSON.stringify(kept));
        fs.renameSync(tmp, file);
      } catch {
        // a read-only temp folder: the next start resolves again
      }
    },
  };
}

/**
 * `node -r ./scripts/ts-register.js file.ts`: runs TypeScript sources in the child processes the
 * tests spawn (servers, the demo, scripts). Each file is transpiled on its own, as ts-jest and
 * `ts-node --transpile-only` do (tsconfig's options; the project sets isolatedModules), and the output
 * is cached under .tmp/ts-cache keyed by the source, the options and the compiler's version. The
 * suite starts the server from source a few dozen times; with the cache only the first start pays
 * for loading the compiler and transpiling some 300 files (about 3 s of a 4.5 s start here).
 */
'use strict';
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.join(__dirname, '..');
const CACHE = path.join(ROOT, '.tmp', 'ts-cache');

let ts;
let options;

function compilerOptions() {
  if (options) return options;
  ts = require('typescript');
  const configPath = path.join(ROOT, 'tsconfig.json');
  const read = ts.readConfigFile(configPath, ts.sys.readFile);
  if (read.error) throw new Error(ts.flattenDiagnosticMessageText(read.error.messageText, '\n'));
  const parsed = ts.parseJsonConfigFileContent(read.config, ts.sys, ROOT, undefined, configPath);
  // the project is CommonJS: node16 would leave that to package.json, which a one-file transpile
  // cannot read
  options = { ...parsed.options, module: ts.ModuleKind.CommonJS, moduleResolution: ts.ModuleResolutionKind.Node10, sourceMap: false, inlineSourceMap: true, declaration: false };
  delete options.paths;
  // the map is read beside the source, not from dist/
  delete options.outDir;
  delete options.rootDir;
  return options;
}

// what the output depends on besides the source: this file, the compiler's version and tsconfig —
// read without loading the compiler, so a start with a warm cache never loads it
const KEY = crypto
  .createHash('sha1')
  .update(fs.readFileSync(__filename))
  .update(require('typescript/package.json').version)
  .update(fs.readFileSync(path.join(ROOT, 'tsconfig.json')))
  .digest('hex');

function writeAtomic(file, text) {
  const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}`;
  fs.writeFileSync(tmp, text);
  fs.renameSync(tmp, file);
}

function transpile(source, filename) {
  const file = path.join(CACHE, `${crypto.createHash('sha1').update(KEY).update(filename).update('\0').update(source).digest('hex')}.js`);
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    const out = require('typescript').transpileModule(source, { compilerOptions: compilerOptions(), fileName: filename, reportDiagnostics: false }).outputText;
    fs.mkdirSync(CACHE, { recursive: true });
    writeAtomic(file, out);
    return out;
  }
}

process.setSourceMapsEnabled(true);
require.extensions['.ts'] = function loadTs(module, filename) {
  const source = fs.readFileSync(filename, 'utf8');
  module._compile(transpile(source, filename), filename);
};

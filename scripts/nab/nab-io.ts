import * as fs from 'node:fs';
import * as path from 'node:path';
import { CostMatrix, LabelledSeries } from './nab-scorer';

export interface DataSeries {
  /** Relative path `<category>/<file>.csv`. */
  name: string;
  /** Timestamps exactly as written in the file. */
  timestamps: string[];
  values: number[];
}

const NAB_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?)?$/;

/** `YYYY-MM-DD[ HH:MM[:SS[.ffffff]]]` (naive, read as UTC) to microseconds since the epoch. */
export function parseNabTime(text: string): number {
  const m = NAB_TIME.exec(text.trim());
  if (!m) throw new Error(`unparseable timestamp "${text}"`);
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = ''] = m;
  const ms = Date.UTC(+y, +mo - 1, +d, +h, +mi, +s);
  return ms * 1000 + (frac ? Number(frac.padEnd(6, '0')) : 0);
}

export function parseTimestampMs(text: string): number {
  return parseNabTime(text) / 1000;
}

/** Reads a CSV into its header and rows (no quoting: NAB files are plain). */
export function readCsv(file: string): { header: string[]; rows: string[][] } {
  const lines = fs.readFileSync(file, 'utf8').split(/\r?\n/);
  const header = lines[0].split(',').map((h) => h.trim());
  const rows: string[][] = [];
  for (let i = 1; i < lines.length; i++) if (lines[i].trim() !== '') rows.push(lines[i].split(','));
  return { header, rows };
}

export function readDataSeries(dataDir: string, name: string): DataSeries {
  const { header, rows } = readCsv(path.join(dataDir, name));
  const t = header.indexOf('timestamp');
  const v = header.indexOf('value');
  if (t < 0 || v < 0) throw new Error(`${name}: expected columns timestamp,value`);
  return { name, timestamps: rows.map((r) => r[t].trim()), values: rows.map((r) => Number(r[v])) };
}

/** Every `<category>/<file>.csv` under dataDir, sorted. */
export function listDataFiles(dataDir: string): string[] {
  const out: string[] = [];
  for (const category of fs.readdirSync(dataDir).sort()) {
    const dir = path.join(dataDir, category);
    if (!fs.statSync(dir).isDirectory()) continue;
    for (const f of fs.readdirSync(dir).sort()) {
      if (f.endsWith('.csv') && fs.statSync(path.join(dir, f)).isFile()) out.push(`${category}/${f}`);
    }
  }
  return out;
}

export function writeScores(outDir: string, series: DataSeries, scores: readonly number[]): void {
  const file = path.join(outDir, series.name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const lines = ['timestamp,value,anomaly_score'];
  for (let i = 0; i < series.timestamps.length; i++) {
    lines.push(`${series.timestamps[i]},${series.values[i]},${scores[i]}`);
  }
  fs.writeFileSync(file, lines.join('\n') + '\n');
}

export interface NabCorpus {
  series: LabelledSeries[];
  profiles: Record<string, CostMatrix>;
}

/** Labels and timestamps of every labelled data file (or of `files` only). */
export function loadCorpus(nabRoot: string, files?: readonly string[]): NabCorpus {
  const rawWindows = JSON.parse(fs.readFileSync(path.join(nabRoot, 'labels', 'combined_windows.json'), 'utf8')) as Record<
    string,
    Array<[string, string]>
  >;
  const rawProfiles = JSON.parse(fs.readFileSync(path.join(nabRoot, 'config', 'profiles.json'), 'utf8')) as Record<
    string,
    { CostMatrix: CostMatrix }
  >;
  const names = files ? [...files] : Object.keys(rawWindows).sort();
  const series = names.map((name): LabelledSeries => {
    const raw = rawWindows[name];
    if (!raw) throw new Error(`no labels for data file ${name}`);
    const times = readDataSeries(path.join(nabRoot, 'data'), name).timestamps.map(parseNabTime);
    const known = new Set(times);
    const windows = raw.map(([a, b]): [number, number] => [parseNabTime(a), parseNabTime(b)]);
    for (const [a, b] of windows) if (!known.has(a) || !known.has(b)) throw new Error(`window outside ${name}`);
    return { name, times, windows };
  });
  const profiles = Object.fromEntries(Object.entries(rawProfiles).map(([k, v]) => [k, v.CostMatrix]));
  return { series, profiles };
}

/** `<results>/<name>`, or NAB's `<results>/<category>/<detector>_<file>.csv` (shortest prefix wins). */
export function findResultsFile(resultsDir: string, name: string): string | null {
  const exact = path.join(resultsDir, name);
  if (fs.existsSync(exact) && fs.statSync(exact).isFile()) return exact;
  const dir = path.join(resultsDir, path.dirname(name));
  if (!fs.existsSync(dir)) return null;
  const suffix = `_${path.basename(name)}`;
  const candidates = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(suffix) && !f.startsWith('.'))
    .sort((a, b) => a.length - b.length || (a < b ? -1 : 1));
  return candidates.length ? path.join(dir, candidates[0]) : null;
}

export function loadResultScores(resultsDir: string, corpus: NabCorpus): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const s of corpus.series) {
    const file = findResultsFile(resultsDir, s.name);
    if (!file) throw new Error(`no results file for ${s.name} under ${resultsDir}`);
    const { header, rows } = readCsv(file);
    const col = header.indexOf('anomaly_score');
    if (col < 0) throw new Error(`${file} has no anomaly_score column`);
    const scores = rows.map((r) => Number(r[col]));
    if (scores.some(Number.isNaN)) throw new Error(`NaN anomaly_score in ${file}`);
    if (scores.length !== s.times.length) {
      throw new Error(`${file} has ${scores.length} rows, data file has ${s.times.length}`);
    }
    out.set(s.name, scores);
  }
  return out;
}

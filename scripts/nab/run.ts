/**
 * Streams every <category>/*.csv under --data through a detector and writes NAB results files:
 *   npm run nab -- --data ../shared/nab/data --out out/nab/<detector> [--detector name] [--params json]
 */
import * as path from 'node:path';
import { DEFAULT_DETECTOR, getDetector } from '../../src/modules/insight/detectors';
import { parseArgs, required } from './args';
import { scoreSeriesWith } from './harness';
import { listDataFiles, readDataSeries, writeScores } from './nab-io';

export function runNab(dataDir: string, outDir: string, detectorName: string, paramsJson?: string): { points: number; seconds: number } {
  const definition = getDetector(detectorName);
  const params = definition.parseParams(paramsJson === undefined ? undefined : JSON.parse(paramsJson));
  let points = 0;
  let seconds = 0;
  for (const name of listDataFiles(dataDir)) {
    const series = readDataSeries(dataDir, name);
    const t0 = process.hrtime.bigint();
    const scores = scoreSeriesWith(definition, params, series);
    seconds += Number(process.hrtime.bigint() - t0) / 1e9;
    points += series.values.length;
    writeScores(outDir, series, scores);
  }
  return { points, seconds };
}

function main(): void {
  const args = parseArgs(process.argv.slice(2));
  const dataDir = path.resolve(required(args, 'data'));
  const outDir = path.resolve(required(args, 'out'));
  const detector = args.get('detector') ?? DEFAULT_DETECTOR;
  const { points, seconds } = runNab(dataDir, outDir, detector, args.get('params'));
  const rate = seconds > 0 ? Math.round(points / seconds) : points;
  console.log(`${detector}: ${points} points in ${seconds.toFixed(3)} s (${rate} points/s) -> ${outDir}`);
}

if (require.main === module) {
  try {
    main();
  } catch (e) {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  }
}

import * as path from 'node:path';
import { getDetector } from '../../src/modules/insight/detectors';
import { parseTimestampMs, readDataSeries } from './nab-io';
const def = getDetector(process.argv[2]);
const params = def.parseParams(JSON.parse(process.argv[3]));
const s = readDataSeries('/work/shared/nab/data', process.argv[4]);
const [a, b] = process.argv[5].split('-').map(Number);
const d = def.create(params);
for (let i = 0; i < s.values.length; i++) {
  const r = d.update(parseTimestampMs(s.timestamps[i]), s.values[i]);
  if (i >= a && i <= b) console.log(i, s.timestamps[i], s.values[i], r.toFixed(3));
}

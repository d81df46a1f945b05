import { DetectorDefinition } from '../../src/modules/insight/detectors';
import { DataSeries, parseTimestampMs } from './nab-io';

/**
 * Streams one series through a fresh detector; returns the normalised [0, 1] score per row.
 * `threshold` (raw unit) is the one the detector is created for, as a probe at that threshold
 * creates it (vigil anchors its hold there); default the detector's default threshold.
 */
export function scoreSeriesWith<P extends object>(definition: DetectorDefinition<P>, params: P, series: DataSeries, threshold?: number): number[] {
  const detector = definition.create(params, threshold);
  const out = new Array<number>(series.values.length);
  for (let i = 0; i < series.values.length; i++) {
    const raw = detector.update(parseTimestampMs(series.timestamps[i]), series.values[i]);
    const s = definition.normalize(raw, params);
    out[i] = Number.isFinite(s) ? Math.min(1, Math.max(0, s)) : 0;
  }
  return out;
}

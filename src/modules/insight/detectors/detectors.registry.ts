import { DetectorDefinition, DetectorParamsError } from './detector';
import { ewmaDetector } from './ewma.detector';
import { robustDetector } from './robust.detector';
import { sentinelDetector } from './sentinel.detector';
import { vigilDetector } from './vigil.detector';
import { zscoreDetector } from './zscore.detector';

/** Every shipped detector by name. Adding one = one file + one entry here. */
export const DETECTORS: Readonly<Record<string, DetectorDefinition<any>>> = Object.freeze({
  [zscoreDetector.name]: zscoreDetector,
  [ewmaDetector.name]: ewmaDetector,
  [robustDetector.name]: robustDetector,
  [sentinelDetector.name]: sentinelDetector,
  [vigilDetector.name]: vigilDetector,
});

/** The detector of new probes that name none; existing probes keep the one stored with them. */
export const DEFAULT_DETECTOR = vigilDetector.name;

export function detectorNames(): string[] {
  return Object.keys(DETECTORS);
}

/** The named detector; throws DetectorParamsError('detector', ...) for an unknown name. */
export function getDetector(name: string): DetectorDefinition<object> {
  const d = Object.prototype.hasOwnProperty.call(DETECTORS, name) ? DETECTORS[name] : undefined;
  if (!d) throw new DetectorParamsError('detector', `unknown detector "${name}" (known: ${detectorNames().join(', ')})`);
  return d;
}
